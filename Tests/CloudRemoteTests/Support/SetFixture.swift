import BackupSet
import Foundation
import ResgateTestSupport
import XBase

/// Real backup sets for the cloud tests: a small DATA folder of FoxPro tables written with
/// DBFWriter, turned into sets by the project's BackupWriter (zip or folder).
struct SetFixture {
    let root: String
    var data: String { root + "/DATA" }

    init() throws {
        root = TempFolder.scratchPath("resgate-cloudset")
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    /// CLIENTES (a few rows) and LOG with `logRows` rows of random text, so a set can be
    /// made big enough (about 100 bytes a row, hardly compressible) to interrupt mid-transfer.
    func writeTables(logRows: Int = 50, tag: String = "a") throws {
        let clientes = try DBFWriter(path: data + "/CLIENTES.DBF", structure: TableStructure(version: 0x30, codePage: .cp1252, fields: [
            FieldDescriptor(name: "CODIGO", type: .integer, length: 4),
            FieldDescriptor(name: "NOME", type: .character, length: 30),
        ]))
        for i in 0..<5 { try clientes.append([.integer(Int64(i + 1)), .string("Cliente \(tag) \(i) ação")]) }
        try clientes.finish()
        let log = try DBFWriter(path: data + "/LOG.DBF", structure: TableStructure(version: 0x30, codePage: .cp1252, fields: [
            FieldDescriptor(name: "ID", type: .integer, length: 4),
            FieldDescriptor(name: "TEXTO", type: .character, length: 96),
        ]))
        var rng = SystemRandomNumberGenerator()
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        for i in 0..<logRows {
            let text = String((0..<96).map { _ in letters[Int(rng.next() % UInt64(letters.count))] })
            try log.append([.integer(Int64(i)), .string(text)])
        }
        try log.finish()
    }

    /// Writes a set named `name` into `folder` and returns its path.
    @discardableResult
    func writeSet(_ name: String, into folder: String, asFolder: Bool = false) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var w = BackupWriter(dataFolder: data, root: folder)
        w.name = name
        w.asFolder = asFolder
        return try w.write().path
    }

    static func bytes(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

    /// Sets a file's modification time (listings sort by it).
    static func setModified(_ path: String, _ date: Date) throws {
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path)
    }
}
