import Foundation
import Testing
@testable import XBase

/// Copying a real table through `DBFWriter(template:)` and the raw fast path gives the
/// same header bytes and the same values: the writer lays tables out as FoxPro/dBASE did.
@Suite struct TemplateCopyTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    static let tables = ["infused-dbf/dbase_30.dbf", "infused-dbf/dbase_31.dbf", "infused-dbf/dbase_32.dbf",
                         "infused-dbf/dbase_83.dbf", "infused-dbf/dbase_8b.dbf", "infused-dbf/cp1251.dbf",
                         "go-dbase/TEST.DBF", "DBFFile/vfp9_memo_bs1.dbf"]

    /// Copies `source` into `dir` through the template constructor and the raw path.
    static func copy(_ source: DBFTable, to path: String) throws -> DBFWriter {
        let w = try DBFWriter(path: path, template: source.header, codePage: source.codePage,
                              memoBlockSize: source.memo?.blockSize ?? 64)
        let memo = source.memo
        try source.forEachRecord { r in
            try w.append(raw: r.bytes) { (_, block) throws(XBaseError) in
                guard let m = try memo?.read(block: Int(block)) else { return ([], .text) }
                return (m.bytes, MemoBlockType(rawValue: m.type) ?? .picture)
            }
        }
        try w.finish(date: source.header.lastUpdate)
        return w
    }

    @Test(arguments: tables)
    func copyKeepsHeaderAndValues(_ rel: String) throws {
        let src = try DBFTable.open(path: Self.fixtures.appendingPathComponent(rel).path)
        let dir = try TempDir()
        let out = dir.url.appendingPathComponent(URL(fileURLWithPath: rel).lastPathComponent).path
        _ = try Self.copy(src, to: out)
        let copy = try DBFTable.open(path: out)

        // header: every byte equal except the 20 reserved bytes after byte 11 of the
        // file header and the descriptors' reserved tails, which writers fill with junk
        let a = try src.rawBytes(at: 0, count: src.header.headerLength)
        let b = try copy.rawBytes(at: 0, count: copy.header.headerLength)
        #expect(a.count == b.count)
        for i in 0..<min(a.count, b.count) where a[i] != b[i] {
            let inFileReserved = (12...27).contains(i) || (30...31).contains(i)
            let descriptor = i >= 32 ? (i - 32) % 32 : -1
            let inDescriptors = i >= 32 && i < 32 + 32 * src.header.fields.count
            // VFP uses descriptor bytes 12–23 (displacement, flags, autoincrement) and
            // reserves 24–31; dBASE keeps a memory address in 12–15 and a work-area id
            // and other run-time bytes in 18–31 (dbase_8b: "14 4A", 0x01 at 20)
            let reservedFrom = src.header.isVisualFoxPro ? 24 : 18
            let inDescriptorReserved = inDescriptors && (descriptor >= reservedFrom
                || (!src.header.isVisualFoxPro && src.header.dialect != .foxPro && (12...15).contains(descriptor)))
            #expect(inFileReserved || inDescriptorReserved, "\(rel): header byte \(i) was 0x\(String(a[i], radix: 16)), now 0x\(String(b[i], radix: 16))")
        }
        #expect(copy.recordCount == src.recordCount)
        #expect(copy.openNotes.filter { $0.kind != .terminator }.isEmpty || !src.openNotes.isEmpty, "\(copy.openNotes)")
        for i in 0..<src.recordCount {
            let x = try src.values(at: i), y = try copy.values(at: i)
            #expect(x.deleted == y.deleted)
            #expect(x.values == y.values, "\(rel) record \(i + 1)")
        }
        let health = TableHealth.check(path: out)
        #expect(!health.isDamaged, "\(health.findings)")
    }

    /// Tables without memo fields copy byte for byte, records included.
    @Test(arguments: ["infused-dbf/dbase_31.dbf", "infused-dbf/dbase_32.dbf", "infused-dbf/cp1251.dbf"])
    func memoLessCopyIsByteIdentical(_ rel: String) throws {
        let path = Self.fixtures.appendingPathComponent(rel).path
        let src = try DBFTable.open(path: path)
        let dir = try TempDir()
        let out = dir.url.appendingPathComponent("copy.dbf").path
        _ = try Self.copy(src, to: out)
        let a = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let b = Array(try Data(contentsOf: URL(fileURLWithPath: out)))
        let end = src.header.headerLength + src.recordCount * src.header.recordLength
        #expect(Array(a[src.header.headerLength..<end]) == Array(b[src.header.headerLength..<end]))
        #expect(b.count == end + 1 && b.last == 0x1A)
    }

    @Test func autoIncrementStateIsKeptAndNeverGoesBack() throws {
        let src = try DBFTable.open(path: Self.fixtures.appendingPathComponent("infused-dbf/dbase_31.dbf").path)
        let id = try #require(src.header.fields.first { $0.flags.contains(.autoIncrement) })
        #expect(id.autoIncrementNext == 78)
        let dir = try TempDir()
        let out = dir.url.appendingPathComponent("copy.dbf").path
        let w = try Self.copy(src, to: out)
        #expect(w.autoIncrementMaximum[id.name] == 77)
        #expect(w.autoIncrementNext(field: id.name) == 78)
        let copied = try DBFTable.open(path: out).header.fields.first { $0.name == id.name }
        #expect(copied?.autoIncrementNext == 78)
        #expect(copied?.autoIncrementStep == 1)
        #expect(copied?.flags == id.flags)
    }
}
