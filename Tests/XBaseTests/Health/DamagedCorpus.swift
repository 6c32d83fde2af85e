import Foundation
@testable import XBase

/// Builds a clean VFP table with memo, then damaged copies of it, one defect each.
struct DamagedCorpus {
    let dir: TempDir
    let clean: String
    let header: TableHeader
    static let records = 10

    init() throws {
        dir = try TempDir()
        clean = dir.url.appendingPathComponent("clean.dbf").path
        let s = TableStructure(version: 0x30, codePage: .cp1252, fields: [
            FieldDescriptor(name: "NOME", type: .character, length: 20),
            FieldDescriptor(name: "QTD", type: .numeric, length: 8, decimals: 2),
            FieldDescriptor(name: "VENDA", type: .date, length: 8),
            FieldDescriptor(name: "OK", type: .logical, length: 1),
            FieldDescriptor(name: "QUANDO", type: .dateTime, length: 8),
            FieldDescriptor(name: "OBS", type: .memo, length: 4),
        ], memoBlockSize: 64)
        let w = try DBFWriter(path: clean, structure: s)
        for i in 1...Self.records {
            try w.append([.string("item \(i)"), .number(DecimalNumber(mantissa: Int64(i * 150), scale: 2)),
                          .date(DBFDate(year: 2024, month: 1, day: i)), .logical(i % 2 == 0),
                          .dateTime(DBFDateTime(date: DBFDate(year: 2024, month: 1, day: i), milliseconds: i * 1000)),
                          .string(String(repeating: "memo \(i) ", count: 30))])
        }
        try w.finish()
        header = try DBFTable.open(path: clean).header
    }

    var bytes: [UInt8] { get throws { Array(try Data(contentsOf: URL(fileURLWithPath: clean))) } }
    var memoBytes: [UInt8] { get throws { Array(try Data(contentsOf: URL(fileURLWithPath: memoPath(clean)))) } }

    func memoPath(_ dbf: String) -> String { String(dbf.dropLast(3)) + "fpt" }

    func field(_ name: String) -> FieldDescriptor { header.fields.first { $0.name == name }! }

    /// Byte offset of a field in record `n` (1-based).
    func offset(record n: Int, field name: String? = nil) -> Int {
        header.headerLength + (n - 1) * header.recordLength + (name.map { field($0).offset } ?? 0)
    }

    /// Writes a damaged copy named `name` (with the clean memo file unless told otherwise).
    func make(_ name: String, memo: [UInt8]?? = .none, _ damage: (inout [UInt8]) throws -> Void) throws -> String {
        var b = try bytes
        try damage(&b)
        let path = dir.url.appendingPathComponent(name + ".dbf").path
        try Data(b).write(to: URL(fileURLWithPath: path))
        switch memo {
        case .none: try Data(try memoBytes).write(to: URL(fileURLWithPath: memoPath(path)))
        case .some(.none): break
        case .some(.some(let m)): try Data(m).write(to: URL(fileURLWithPath: memoPath(path)))
        }
        return path
    }

    static func put(_ b: inout [UInt8], _ at: Int, _ s: String) {
        for (i, c) in s.utf8.enumerated() { b[at + i] = c }
    }
    static func putLE32(_ b: inout [UInt8], _ at: Int, _ v: UInt32) {
        for i in 0..<4 { b[at + i] = UInt8(v >> (8 * UInt32(i)) & 0xFF) }
    }
}
