import Foundation
import XBase

/// A VENDAS table (VFP, memo, structural CDX) written whole, then damaged byte by byte in
/// one of the ways `resgate repair` must fix: the tests of repair build on it. The clean
/// records' bytes are kept, so a test can prove that every intact record came through
/// unchanged.
public final class DamagedTable: @unchecked Sendable {
    public static let fields: [FieldDescriptor] = [
        FieldDescriptor(name: "CODIGO", type: .numeric, length: 8),
        FieldDescriptor(name: "NOME", type: .character, length: 20),
        FieldDescriptor(name: "EMISSAO", type: .date, length: 8),
        FieldDescriptor(name: "VALOR", type: .numeric, length: 10, decimals: 2),
        FieldDescriptor(name: "PAGO", type: .logical, length: 1),
        FieldDescriptor(name: "OBS", type: .memo, length: 4),
    ]

    public let folder: TempFolder
    public var data: String { folder.path + "/DATA" }
    public var dbf: String { data + "/VENDAS.DBF" }
    public var fpt: String { data + "/VENDAS.FPT" }
    public var cdx: String { data + "/VENDAS.CDX" }
    public let rows: Int
    /// The records as written, before any damage (delete flag included).
    public private(set) var clean: [[UInt8]] = []
    public let headerLength: Int
    public let recordLength: Int
    let laidOut: [FieldDescriptor]

    public init(rows: Int = 30) throws {
        folder = try TempFolder("repair")
        self.rows = rows
        try FileManager.default.createDirectory(atPath: folder.path + "/DATA", withIntermediateDirectories: true)
        let w = try DBFWriter(path: folder.path + "/DATA/VENDAS.DBF",
                              structure: TableStructure(version: 0x30, codePage: .cp1252, fields: Self.fields))
        for i in 0..<rows {
            try w.append([.number(DecimalNumber(text: String(i + 1))), .string("Cliente \(i)"),
                          .date(DBFDate(year: 2026, month: 11, day: 1 + i % 28)),
                          .number(DecimalNumber(text: "\(i).50")), .logical(i % 2 == 0),
                          .string(i % 3 == 0 ? "venda \(i) à vista" : "")])
        }
        try w.finish()
        let t = try DBFTable.open(path: folder.path + "/DATA/VENDAS.DBF")
        headerLength = t.header.headerLength
        recordLength = t.header.recordLength
        laidOut = t.header.fields
        try CDXWriter.create(table: t, tags: [TagDefinition(name: "CODIGO", keyExpression: "CODIGO"),
                                              TagDefinition(name: "NOME", keyExpression: "NOME")],
                             to: folder.path + "/DATA/VENDAS.CDX")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.path + "/DATA/VENDAS.DBF")))
        clean = (0..<rows).map { Array(bytes[(headerLength + $0 * recordLength)..<(headerLength + ($0 + 1) * recordLength)]) }
    }

    /// Field `name` as the written header lays it out.
    public func field(_ name: String) -> FieldDescriptor { laidOut.first { $0.name == name }! }

    // MARK: damage

    public func patch(_ path: String, at offset: Int, _ bytes: [UInt8]) throws {
        let h = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? h.close() }
        try h.seek(toOffset: UInt64(offset))
        h.write(Data(bytes))
    }

    /// Overwrites field `name` of record `index` (0-based).
    public func setField(_ index: Int, _ name: String, _ bytes: [UInt8]) throws {
        let f = field(name)
        precondition(bytes.count == f.length)
        try patch(dbf, at: headerLength + index * recordLength + f.offset, bytes)
    }

    public func setDeleteFlag(_ index: Int, _ byte: UInt8) throws {
        try patch(dbf, at: headerLength + index * recordLength, [byte])
    }

    public func setHeaderCount(_ n: Int) throws {
        let v = UInt32(n)
        try patch(dbf, at: 4, [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)])
    }

    /// Drops the EOF byte (and anything after the whole records).
    public func removeEOF() throws {
        let h = try FileHandle(forUpdating: URL(fileURLWithPath: dbf))
        defer { try? h.close() }
        try h.truncate(atOffset: UInt64(headerLength + rows * recordLength))
    }

    /// A torn record: the EOF byte gone and `count` bytes of a new record after the last.
    public func appendTorn(_ count: Int) throws {
        try removeEOF()
        let h = try FileHandle(forUpdating: URL(fileURLWithPath: dbf))
        defer { try? h.close() }
        try h.seekToEnd()
        h.write(Data(clean[0].prefix(count)))
    }

    public func setMemoNextFree(_ block: Int) throws {
        let v = UInt32(block)
        try patch(fpt, at: 0, [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)])
    }

    /// The files of DATA (not `.resgate/`), name → bytes.
    public func files() throws -> [String: Data] {
        var out: [String: Data] = [:]
        for n in try FileManager.default.contentsOfDirectory(atPath: data) where !n.hasPrefix(".") {
            out[n] = try Data(contentsOf: URL(fileURLWithPath: data + "/" + n))
        }
        return out
    }

    /// The records of a DBF file as bytes (per the header's count).
    public static func records(of path: String) throws -> [[UInt8]] {
        let t = try DBFTable.open(path: path)
        let b = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let hl = t.header.headerLength, rl = t.header.recordLength
        return (0..<t.header.recordCount).map { Array(b[(hl + $0 * rl)..<(hl + ($0 + 1) * rl)]) }
    }
}
