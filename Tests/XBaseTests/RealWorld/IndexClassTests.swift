import Foundation
import ResgateTestSupport
import Testing
@testable import XBase

/// Issue 13, index classes 5–8: `reindex` never replaces an index with a wrong one.
@Suite struct IndexClassTests {
    // MARK: fixtures

    /// A VFP table in a DBC: header names DEPRECIATI (Integer, long name
    /// depreciationid) and DEPRECIAT2 (Date, long name depreciationdate), as VFP cuts them.
    static func dbcTable(in dir: String, backlink: String = "STORE.DBC", rows: Int = 12) throws -> String {
        let path = dir + "/ASSETS.DBF"
        let fields: [RawTable.Field] = [.init(name: "DEPRECIATI", type: UInt8(ascii: "I"), length: 4, flags: 0x04),
                                        .init(name: "DEPRECIAT2", type: UInt8(ascii: "D"), length: 8)]
        // dates run backwards while ids run forwards: an id-keyed index disagrees everywhere
        var records: [[UInt8]] = []
        for i in 0..<rows {
            let date: String = String(format: "2024%02d%02d", 12 - i % 12, 28 - i)
            let id: [UInt8] = le32(Int32(i + 1))
            records.append(id + ascii(date, 8))
        }
        try RawTable(version: 0x30, fields: fields, records: records, backlink: RawTable.backlink(backlink)).write(to: path)
        return path
    }

    /// The DBC itself: a VFP table (flags 0x07: structural index, memo, DBC) with the
    /// object columns of Microsoft's "Table Structures of Table Files (.dbc)"; the memo
    /// columns point nowhere (block 0), as objects without properties do.
    static func dbc(in dir: String, longNames: [String] = ["depreciationid", "depreciationdate"], table: String = "assets") throws {
        let fields: [RawTable.Field] = [
            .init(name: "OBJECTID", type: UInt8(ascii: "I"), length: 4, flags: 0x04),
            .init(name: "PARENTID", type: UInt8(ascii: "I"), length: 4, flags: 0x04),
            .init(name: "OBJECTTYPE", type: UInt8(ascii: "C"), length: 10),
            .init(name: "OBJECTNAME", type: UInt8(ascii: "C"), length: 128),
            .init(name: "PROPERTY", type: UInt8(ascii: "M"), length: 4, flags: 0x04),
            .init(name: "CODE", type: UInt8(ascii: "M"), length: 4, flags: 0x04),
            .init(name: "RIINFO", type: UInt8(ascii: "C"), length: 6),
            .init(name: "USER", type: UInt8(ascii: "M"), length: 4, flags: 0x04),
        ]
        func row(_ id: Int32, _ parent: Int32, _ type: String, _ name: String) -> [UInt8] {
            var r: [UInt8] = le32(id)
            r += le32(parent); r += ascii(type, 10); r += ascii(name, 128)
            r += le32(0); r += le32(0); r += ascii("", 6); r += le32(0)
            return r
        }
        var rows = [row(1, 1, "Database", "Database"), row(2, 1, "Folder", "Tables"), row(3, 1, "Folder", "Views"),
                    row(4, 1, "Folder", "Relations"), row(5, 1, "Folder", "Connections"), row(6, 1, "Table", table)]
        for (i, n) in longNames.enumerated() { rows.append(row(Int32(7 + i), 6, "Field", n)) }
        var t = RawTable(version: 0x30, fields: fields, records: rows, backlink: RawTable.backlink(""))
        t.flags = 0x07
        try t.write(to: dir + "/STORE.DBC")
        // the DCT memo: a 512-byte FPT header, next free block 8 of 64 bytes
        var dct = [UInt8](repeating: 0, count: 512)
        dct[3] = 8; dct[7] = 64
        try Data(dct).write(to: URL(fileURLWithPath: dir + "/STORE.DCT"))
    }

    static func scratch(_ n: String) -> String { ReaderClassTests.scratch(n) }

    // MARK: 5. DBC long names

    @Test func longNamesComeFromTheDatabaseContainer() throws {
        let dir = Self.scratch("dbc"); defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try Self.dbcTable(in: dir)
        try Self.dbc(in: dir)
        let table = try DBFTable.open(path: path)
        let names = DBCFieldNames.load(for: table)
        #expect(names.headerName == ["DEPRECIATIONID": "DEPRECIATI", "DEPRECIATIONDATE": "DEPRECIAT2"])
        // the index FoxPro would write: keys are the dates
        let cdx = dir + "/ASSETS.CDX"
        try CDXWriter.create(table: table, tags: [TagDefinition(name: "DEPDATE", keyExpression: "depreciationdate")], to: cdx)
        let file = try CDXFile.open(path: cdx)
        var keys: [Double] = []
        try file.forEachEntry(of: file.tags[0], fill: 0) { k, _ in
            let bits = k.reduce(UInt64(0)) { $0 << 8 | UInt64($1) } ^ 0x8000_0000_0000_0000
            keys.append(Double(bitPattern: bits))
        }
        #expect(keys.count == 12)
        #expect(keys.allSatisfy { $0 > 2_400_000 }, "date keys are Julian days, not ids: \(keys)")
        #expect(IndexVerifier.verify(table: table, indexPath: cdx).isEmpty)
        // a rebuild reproduces it
        let out = dir + "/NEW.CDX"
        let report = try IndexRebuild.rebuild(table: table, template: file, to: out)
        #expect(report.before.isEmpty && report.after.isEmpty)
    }

    @Test func aMissingContainerRefusesLongNamesInsteadOfGuessing() throws {
        let dir = Self.scratch("dbc2"); defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try Self.dbcTable(in: dir)
        try Self.dbc(in: dir)
        let cdx = dir + "/ASSETS.CDX"
        try CDXWriter.create(table: try DBFTable.open(path: path), tags: [TagDefinition(name: "DEPDATE", keyExpression: "depreciationdate")], to: cdx)
        try FileManager.default.removeItem(atPath: dir + "/STORE.DBC")
        let table = try DBFTable.open(path: path)
        let defects = IndexVerifier.verify(table: table, indexPath: cdx)
        // the 10-character cut finds DEPRECIATI (an Integer): the safety net refuses it
        #expect(defects.count == 1 && defects[0].kind == .keysDisagree && !defects[0].isRepairable)
        #expect(IndexVerdict(defects) == .unchecked)
        #expect(throws: CDXError.self) { _ = try IndexRebuild.rebuild(table: table, template: try CDXFile.open(path: cdx), to: dir + "/NEW.CDX") }
    }

    /// The safety net: the table freed from its DBC (backlink zeroed), the tag still says
    /// `depreciationdate`; the 10-character cut finds DEPRECIATI, an Integer, whose keys
    /// share nothing with the old index. The tag is refused, not "repaired".
    @Test func safetyNetRefusesAnIndexThatDisagreesWithEveryKey() throws {
        let dir = Self.scratch("net"); defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try Self.dbcTable(in: dir)
        try Self.dbc(in: dir)
        let cdx = dir + "/ASSETS.CDX"
        try CDXWriter.create(table: try DBFTable.open(path: path), tags: [TagDefinition(name: "DEPDATE", keyExpression: "depreciationdate")], to: cdx)
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        let hl = Int(bytes[8]) | Int(bytes[9]) << 8
        for i in (hl - 263)..<hl { bytes[i] = 0 }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let table = try DBFTable.open(path: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: cdx))
        let defects = IndexVerifier.verify(table: table, indexPath: cdx)
        #expect(defects.map(\.kind) == [.keysDisagree])
        #expect(IndexVerdict(defects) == .unchecked)
        do {
            _ = try IndexRebuild.rebuild(table: table, template: try CDXFile.open(path: cdx), to: dir + "/NEW.CDX")
            Issue.record("the rebuild should have been refused")
        } catch {
            #expect(error.description.contains("shares only 0"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: cdx)) == before)
    }

    /// A merely stale index (one record changed of twelve) is still judged and repaired.
    @Test func aStaleIndexIsStillRepairable() throws {
        let dir = Self.scratch("stale"); defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try Self.dbcTable(in: dir, backlink: "")
        let cdx = dir + "/ASSETS.CDX"
        try CDXWriter.create(table: try DBFTable.open(path: path), tags: [TagDefinition(name: "DATA", keyExpression: "DEPRECIAT2")], to: cdx)
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        let hl = Int(bytes[8]) | Int(bytes[9]) << 8
        bytes.replaceSubrange((hl + 1 + 4)..<(hl + 1 + 12), with: Array("19990101".utf8))
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let defects = IndexVerifier.verify(table: try DBFTable.open(path: path), indexPath: cdx)
        #expect(defects.map(\.kind) == [.entriesDiffer])
        #expect(IndexVerdict(defects) == .damaged)
    }

    // MARK: 6. collations

    @Test func aTagNamingACollationIsRefusedAndLeftUntouched() throws {
        let dir = Self.scratch("coll"); defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try Self.dbcTable(in: dir, backlink: "")
        let cdx = dir + "/ASSETS.CDX"
        try CDXWriter.create(table: try DBFTable.open(path: path), tags: [TagDefinition(name: "DATA", keyExpression: "DTOS(DEPRECIAT2)")], to: cdx)
        let tagOffset = try CDXFile.open(path: cdx).tags[0].offset
        for name in ["PINYIN", "GENERAL"] {
            var b = try Array(Data(contentsOf: URL(fileURLWithPath: cdx)))
            b.replaceSubrange((tagOffset + 300)..<(tagOffset + 300 + 8), with: ascii(name, 8).map { $0 == 0x20 ? 0 : $0 })
            try Data(b).write(to: URL(fileURLWithPath: cdx))
            let table = try DBFTable.open(path: path)
            let file = try CDXFile.open(path: cdx)
            #expect(file.tags[0].collationName == name)
            let defects = IndexVerifier.verify(table: table, indexPath: cdx)
            #expect(defects.map(\.kind) == [.nationalCollation])
            #expect(throws: CDXError.unsupportedCollation(file: cdx, tag: "DATA", collation: name)) {
                _ = try IndexRebuild.rebuild(table: table, template: file, to: dir + "/NEW.CDX")
            }
        }
        // MACHINE alone is byte order: judged as usual
        var b = try Array(Data(contentsOf: URL(fileURLWithPath: cdx)))
        b.replaceSubrange((tagOffset + 300)..<(tagOffset + 308), with: ascii("MACHINE", 8).map { $0 == 0x20 ? 0 : $0 })
        try Data(b).write(to: URL(fileURLWithPath: cdx))
        #expect(IndexVerifier.verify(table: try DBFTable.open(path: path), indexPath: cdx).isEmpty)
    }

    // MARK: 7. keys that depend on details

    static func fields() -> [FieldDescriptor] {
        var t = FieldDescriptor(name: "QUANDO", type: .dateTime, length: 8, offset: 1)
        t.flags = [.binary]
        return [t, FieldDescriptor(name: "VALOR", type: .numeric, length: 8, decimals: 2, offset: 9)]
    }

    static func key(_ expr: String, _ rules: KeyRules, record: [UInt8], length: Int) throws -> [UInt8] {
        var raw = [UInt8](repeating: 0, count: 1024)
        CDXBytes.put16le(length, into: &raw, at: 12)
        raw[14] = 0x60
        let e = Array(expr.utf8)
        raw.replaceSubrange(512..<(512 + e.count), with: e)
        CDXBytes.put16le(e.count + 1, into: &raw, at: 510)
        let tag = try CDXTagHeader.parse(raw, name: "T", offset: 0, file: "t.cdx")
        let b = try TagKeyBuilder(tag: tag, fields: fields(), codePage: .cp1252, rules: rules, file: "t.cdx")
        var out: [UInt8] = []
        #expect(record.withUnsafeBytes { b.key(record: $0, recno: 1, into: &out) })
        return out
    }

    @Test func dateTimeKeysRoundToTheSecondUnderVFPOnly() throws {
        let day = julian(2024, 3, 15)
        let record: [UInt8] = [0x20] + le32(day) + le32(57_434_999) + ascii("12.50", 8, right: true)
        func bytes(_ v: Double) -> [UInt8] { let b = TagKeyBuilder.orderedBits(v); return (0..<8).map { UInt8((b >> UInt64(8 * (7 - $0))) & 0xFF) } }
        // 15:57:14.999 → 15:57:15 under VFP; Harbour keeps the milliseconds
        #expect(try Self.key("QUANDO", .visualFoxPro, record: record, length: 8) == bytes(Double(day) + 57_435.0 / 86_400))
        #expect(try Self.key("QUANDO", .harbour, record: record, length: 8) == bytes(Double(day) + 57_434_999.0 / 86_400_000))
        // 23:59:59.500 rounds into the next day
        let late: [UInt8] = [0x20] + le32(day) + le32(86_399_500) + ascii("1", 8, right: true)
        #expect(try Self.key("QUANDO", .visualFoxPro, record: late, length: 8) == bytes(Double(day + 1)))
    }

    @Test func harbourStrOfAFieldTakesTheFieldsWidth() throws {
        let record: [UInt8] = [0x20] + le32(0) + le32(0) + ascii("12.50", 8, right: true)
        #expect(try Self.key("STR(VALOR)", .harbour, record: record, length: 8) == ascii("12.50", 8, right: true))
        #expect(try Self.key("STR(VALOR)", .visualFoxPro, record: record, length: 10) == ascii("13", 10, right: true))
        // an explicit width is the same under both
        #expect(try Self.key("STR(VALOR,6,1)", .harbour, record: record, length: 6) == ascii("12.5", 6, right: true))
    }

    /// A VFP 9 binary index tag: 1-byte logical key, pages that are bitmaps rather than
    /// compact pages. Recognised and refused, not "damaged"/"repairable".
    @Test func binaryIndexTagsAreRecognisedAndRefused() throws {
        let dir = Self.scratch("bin"); defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try Self.dbcTable(in: dir, backlink: "")
        let cdx = dir + "/ASSETS.CDX"
        try CDXWriter.create(table: try DBFTable.open(path: path), tags: [TagDefinition(name: "DEL", keyExpression: "DELETED()")], to: cdx)
        let tag = try CDXFile.open(path: cdx).tags[0]
        #expect(tag.keyLength == 1)
        var b = try Array(Data(contentsOf: URL(fileURLWithPath: cdx)))
        // the root page becomes a bitmap page: an attribute word no compact page has, bits after
        let root = tag.rootOffset
        b.replaceSubrange(root..<(root + 512), with: [0x08, 0x00] + [UInt8](repeating: 0xFF, count: 510))
        try Data(b).write(to: URL(fileURLWithPath: cdx))
        let table = try DBFTable.open(path: path)
        let defects = IndexVerifier.verify(table: table, indexPath: cdx)
        #expect(defects.map(\.kind) == [.binaryIndex])
        #expect(defects.allSatisfy { !$0.isRepairable })
        #expect(IndexVerdict(defects) == .unchecked)
        #expect(throws: CDXError.self) { _ = try IndexRebuild.rebuild(table: table, template: try CDXFile.open(path: cdx), to: dir + "/NEW.CDX") }
    }

    // MARK: 8. one verdict

    @Test func verdictIsDamageOnlyForWhatReindexRepairs() {
        func d(_ k: IndexDefect.Kind) -> IndexDefect { IndexDefect(file: "x", tag: "T", kind: k, detail: .newEntriesDiffer) }
        #expect(IndexVerdict([]) == .ok)
        for k: IndexDefect.Kind in [.nationalCollation, .unsupportedExpression, .keysDisagree, .binaryIndex] {
            #expect(IndexVerdict([d(k)]) == .unchecked)
        }
        for k: IndexDefect.Kind in [.damagedStructure, .outOfOrder, .entriesDiffer] {
            #expect(IndexVerdict([d(k), d(.nationalCollation)]) == .damaged)
        }
    }
}
