import Foundation
import ResgateTestSupport
import Testing
import XBase
@testable import RestoreKit

/// A real full disk (issue 14, "Locks and file system"): a restore and a backup that run
/// out of room midway, through the binary, on a tmpfs of 1 MiB. DATA stays byte for byte,
/// no staging or partial set is left, and the person is told which file, in pt and en.
/// Mounting needs root (or CAP_SYS_ADMIN): elsewhere the suite is skipped, with the reason.
@Suite(.serialized, .enabled(if: SmallDisk.problem == nil, Comment(rawValue: SmallDisk.problem ?? "")))
struct OutOfSpaceTests {
    func binary() throws -> String {
        try #require(ResgateBinary.path, "the resgate executable must be built beside the tests")
    }

    /// `rows` records of ID I, NOME C(100), VALOR N(12,2): 117 bytes a record.
    static let fields = [FieldDescriptor(name: "ID", type: .integer, length: 4),
                         FieldDescriptor(name: "NOME", type: .character, length: 100),
                         FieldDescriptor(name: "VALOR", type: .numeric, length: 12, decimals: 2)]

    static func writeTable(_ path: String, rows: Int, tag: String) throws {
        let w = try DBFWriter(path: path, structure: TableStructure(version: 0x30, codePage: .cp1252, fields: fields))
        for i in 0..<rows {
            try w.append([.integer(Int64(i + 1)), .string("\(tag) cliente \(i) da loja"),
                          .number(DecimalNumber(text: "\(i % 1000).25"))])
        }
        try w.finish()
    }

    /// A folder set of tables A (10 lines) and T (`rows` lines). No `records=` and no
    /// manifest, as an old ERP writes it: the disk-space check before the restore can only
    /// go by the live table, so the restore starts and meets the full disk midway.
    static func writeSet(_ folder: String, rows: Int) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let estr = "FIELD_NAME;FIELD_TYPE;FIELD_LEN;FIELD_DEC\r\nID;I;4;0\r\nNOME;C;100;0\r\nVALOR;N;12;2\r\n"
        for (name, n) in [("A", 10), ("T", rows)] {
            try Data(estr.utf8).write(to: URL(fileURLWithPath: "\(folder)/\(name)_Estr.TXT"))
            var text = ""
            for i in 0..<n { text += "\(i + 1),\"backup cliente \(i) \(String(repeating: "x", count: 60))\",\(i % 1000).50\r\n" }
            try Data(text.utf8).write(to: URL(fileURLWithPath: "\(folder)/\(name).TXT"))
        }
    }

    @Test(arguments: ["en", "pt"])
    func aRestoreThatFillsTheDiskChangesNothingAndSaysSo(lang: String) throws {
        let temp = try TempFolder("oos")
        let disk = try SmallDisk(bytes: 1 << 20, at: temp.path + "/disk")
        let data = disk.path + "/DATA"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        try Self.writeTable(data + "/A.DBF", rows: 5, tag: "vivo")
        try Self.writeTable(data + "/T.DBF", rows: 3, tag: "vivo")
        let set = temp.path + "/Sexta_10"
        try Self.writeSet(set, rows: 20_000)   // T: 2.3 MB of DBF, the disk holds 1 MiB
        let before = try StoreFixture.snapshot(data)

        let r = try runChild([try binary(), "restore", set, "--data", data, "--all", "--yes", "--lang", lang])
        let said = r.stdout + r.stderr
        #expect(!r.killedBySignal)
        #expect(r.status == 3, "\(said)")
        #expect(said.contains("T.DBF"), "the message names the file: \(said)")
        if lang == "en" {
            #expect(said.contains("nothing was changed") && said.contains("filled up"), "\(said)")
            #expect(!said.contains("not enough disk space"), "refused up front, not midway: \(said)")
        } else {
            #expect(said.contains("nada foi alterado") && said.contains("ficou cheio"), "\(said)")
            #expect(!said.contains("espaço insuficiente"), "refused up front, not midway: \(said)")
        }
        #expect(try StoreFixture.snapshot(data) == before, "DATA changed")
        #expect(entries(data + "/.resgate/work").isEmpty, "staging left: \(entries(data + "/.resgate/work"))")
        #expect(entries(data) == [".resgate", "A.DBF", "T.DBF"])
        // and the room is given back: the next command has the whole disk
        #expect((FileOps.freeBytes(at: data) ?? 0) > 900_000, "space still taken: \(FileOps.freeBytes(at: data) ?? 0)")
    }

    @Test(arguments: ["en", "pt"])
    func aBackupThatFillsTheDiskLeavesNoSetAndSaysSo(lang: String) throws {
        let temp = try TempFolder("oos")
        let data = try temp.folder("DATA")
        try Self.writeTable(data + "/CLIENTES.DBF", rows: 20_000, tag: "vivo")   // 2.3 MB, text ~2.5 MB
        let disk = try SmallDisk(bytes: 1 << 20, at: temp.path + "/disk")
        let root = disk.path + "/backups"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let older = Data("an older set, kept as it is".utf8)
        try older.write(to: URL(fileURLWithPath: root + "/Quinta_07.zip"))
        let before = try StoreFixture.snapshot(data)

        let r = try runChild([try binary(), "backup", "--data", data, "--to", root, "--name", "Sexta_10",
                              "--yes", "--lang", lang])
        let said = r.stdout + r.stderr
        #expect(!r.killedBySignal)
        #expect(r.status == 3, "\(said)")
        #expect(said.contains("CLIENTES") || said.contains("Sexta_10.zip"), "the message names the file: \(said)")
        if lang == "en" {
            #expect(said.contains("the backup was not written") && said.contains("filled up"), "\(said)")
        } else {
            #expect(said.contains("o backup não foi gravado") && said.contains("ficou cheio"), "\(said)")
        }
        #expect(entries(root) == ["Quinta_07.zip"], "left behind: \(entries(root))")
        #expect(try Data(contentsOf: URL(fileURLWithPath: root + "/Quinta_07.zip")) == older)
        #expect(try StoreFixture.snapshot(data) == before, "DATA changed")
        #expect((FileOps.freeBytes(at: root) ?? 0) > 900_000, "space still taken: \(FileOps.freeBytes(at: root) ?? 0)")
    }

}

/// A backup under `ulimit -f` instead of a full disk (runs wherever the tests run, root or
/// not): EFBIG, not SIGXFSZ; the words say it is the process's limit.
struct FileSizeLimitTests {
    @Test func aBackupPastTheFileSizeLimitLeavesNoSet() throws {
        let temp = try TempFolder("oos")
        let data = try temp.folder("DATA")
        try OutOfSpaceTests.writeTable(data + "/CLIENTES.DBF", rows: 20_000, tag: "vivo")
        let root = try temp.folder("backups")
        let bin = try #require(ResgateBinary.path, "the resgate executable must be built beside the tests")
        let r = try runChild([bin, "backup", "--data", data, "--to", root, "--name", "Sexta_10", "--yes", "--lang", "en"],
                             fileSizeLimit: 200_000)
        let said = r.stdout + r.stderr
        #expect(!r.killedBySignal, "killed by a signal (SIGXFSZ)")
        #expect(r.status == 3, "\(said)")
        #expect(said.contains("the backup was not written") && said.contains("ulimit -f"), "\(said)")
        #expect(entries(root).isEmpty, "left behind: \(entries(root))")
    }
}

/// A tmpfs of a given size mounted at a folder for the life of the value (root only).
final class SmallDisk {
    let path: String

    init(bytes: Int, at path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard mount("tmpfs", path, "tmpfs", 0, "size=\(bytes),mode=0755") == 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path,
                                                                NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        self.path = path
    }

    deinit { _ = umount2(path, Int32(MNT_DETACH)) }

    /// Why no tmpfs can be mounted here (nil: it can), found once by trying.
    static let problem: String? = {
        let probe = NSTemporaryDirectory() + "resgate-mount-probe-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: probe) }
        do { _ = try SmallDisk(bytes: 1 << 16, at: probe) } catch {
            return "mounting a tmpfs is not permitted here (\((error as NSError).localizedDescription)); "
                + "the full-disk tests need root or CAP_SYS_ADMIN (RLIMIT_FSIZE is covered by SwapSafetyTests)"
        }
        return nil
    }()
}
