import Foundation
import ResgateTestSupport
import Testing
@testable import XBase

/// Issue 13, reader classes 1–4: files made byte by byte from the published layouts, read
/// by us and, where they read the class, by dbfread / Python `dbf`.
@Suite struct ReaderClassTests {
    static func scratch(_ name: String) -> String {
        let dir = NSTemporaryDirectory() + "resgate-rw-\(name)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    // MARK: 1. Harbour's extended types

    /// A Harbour 0x03 table with `@` (timestamp), `=` (modification time), `^` (row
    /// version), `+` (autoincrement), `I` of 2 and 8 bytes and `I` with decimals, laid out
    /// as dbf1.c writes them.
    static func harbourTypes() -> RawTable {
        let f: [RawTable.Field] = [
            .init(name: "TS", type: UInt8(ascii: "@"), length: 8),
            .init(name: "MOD", type: UInt8(ascii: "="), length: 8),
            .init(name: "VER", type: UInt8(ascii: "^"), length: 8),
            .init(name: "ID", type: UInt8(ascii: "+"), length: 4),
            .init(name: "SMALL", type: UInt8(ascii: "I"), length: 2),
            .init(name: "BIG", type: UInt8(ascii: "I"), length: 8),
            .init(name: "PRICE", type: UInt8(ascii: "I"), length: 4, decimals: 2),
        ]
        let day = julian(2024, 3, 15)
        var r1: [UInt8] = le32(day) + le32(57_434_999)
        r1 += le32(day) + le32(1_000)
        r1 += le64(7) + le32(1)
        r1 += [0xFE, 0xFF] + le64(5_000_000_000)
        r1 += le32(12_345)
        var r2 = [UInt8](repeating: 0, count: 16)
        r2 += le64(8) + le32(2)
        r2 += [0x02, 0x00] + le64(-1)
        r2 += le32(-5)
        return RawTable(version: 0x03, fields: f, records: [r1, r2])
    }

    @Test func harbourTimestampIsJulianDayPlusMilliseconds() throws {
        let dir = Self.scratch("hb"); defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/HB.DBF"
        try Self.harbourTypes().write(to: path)
        let t = try DBFTable.open(path: path)
        let r1 = try t.values(at: 0).values
        let day = DBFDate(year: 2024, month: 3, day: 15)
        #expect(r1[0] == .dateTime(DBFDateTime(date: day, milliseconds: 57_434_999)))
        #expect(r1[1] == .dateTime(DBFDateTime(date: day, milliseconds: 1_000)))
        #expect(r1[2] == .integer(7))
        #expect(r1[3] == .integer(1))
        #expect(r1[4] == .integer(-2))
        #expect(r1[5] == .integer(5_000_000_000))
        #expect(r1[6] == .number(DecimalNumber(mantissa: 12_345, scale: 2)))
        let r2 = try t.values(at: 1).values
        #expect(r2[0] == .dateTime(nil))
        #expect(r2[5] == .integer(-1))
        #expect(r2[6] == .number(DecimalNumber(mantissa: -5, scale: 2)))
        let report = TableHealth.check(path: path)
        #expect(!report.isDamaged, "\(report.findings)")
        #expect(report.counts["unknownFieldType"] == nil)
    }

    /// A dBASE 7 timestamp's bytes in a Harbour table: not a valid Julian pair, a plausible
    /// dBASE 7 date; `scan` calls it damaged and says the layout is ambiguous.
    @Test func dBase7BytesInAHarbourTableAreReportedAsAmbiguous() throws {
        let dir = Self.scratch("hb7"); defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/HB7.DBF"
        // 2024-03-15 00:00 as dBASE 7 writes it: ms since 4713 BC as a big-endian double, sign flipped
        let ms = Double(DBFDate(year: 2024, month: 3, day: 15).julianDay) * 86_400_000
        let bits = ms.bitPattern | (1 << 63)
        let bytes = (0..<8).map { UInt8((bits >> UInt64(8 * (7 - $0))) & 0xFF) }
        try RawTable(version: 0x03, fields: [.init(name: "TS", type: UInt8(ascii: "@"), length: 8)], records: [bytes]).write(to: path)
        let t = try DBFTable.open(path: path)
        #expect(throws: XBaseError.self) { _ = try t.values(at: 0) }
        do { _ = try t.values(at: 0) } catch { #expect("\(error)".contains("ambiguous") && "\(error)".contains("2024-03-15")) }
        let report = TableHealth.check(path: path)
        #expect(report.isDamaged)
        #expect(report.findings.contains { $0.message.contains("ambiguous") && $0.field == "TS" })
    }

    // MARK: 2. VFP header without the backlink

    static func vfpWithoutBacklink() -> RawTable {
        RawTable(version: 0x30, fields: [.init(name: "NOME", type: UInt8(ascii: "C"), length: 10),
                                         .init(name: "VALOR", type: UInt8(ascii: "N"), length: 8, decimals: 2)],
                 records: [ascii("ARROZ", 10) + ascii("12.50", 8, right: true),
                           ascii("FEIJAO", 10) + ascii("7.25", 8, right: true)],
                 backlink: nil)
    }

    @Test func vfpHeaderWithoutBacklinkKeepsEveryValue() throws {
        let dir = Self.scratch("nobl"); defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/NOBL.DBF"
        try Self.vfpWithoutBacklink().write(to: path)
        let t = try DBFTable.open(path: path)
        #expect(t.fields.map(\.name) == ["NOME", "VALOR"])
        #expect(try t.values(at: 1).values == [.string("FEIJAO"), .number(DecimalNumber(mantissa: 725, scale: 2))])
        #expect(t.header.backlink == nil)
        let report = TableHealth.check(path: path)
        #expect(!report.isDamaged, "\(report.findings)")
        if Oracle.available {
            let o = try Oracle.read(.dbfread, path)
            #expect(o.fields == ["NOME", "VALOR"])
            #expect(o.records?.count == 2)
            #expect(o.records?[1].values.first??.s == "FEIJAO")
        }
    }

    // MARK: 3. exponent notation

    @Test func numbersInExponentNotationAreRead() throws {
        let dir = Self.scratch("exp"); defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/EXP.DBF"
        let texts = ["1.3945052E+02", " 3.85141393728e+008", "-2.5E-3", "12.5"]
        try RawTable(version: 0x03, fields: [.init(name: "AREA", type: UInt8(ascii: "F"), length: 19, decimals: 11)],
                     records: texts.map { ascii($0, 19, right: true) }).write(to: path)
        let t = try DBFTable.open(path: path)
        let got = try (0..<4).map { try t.values(at: $0).values[0] }
        #expect(got[0] == .double(139.45052))
        #expect(got[1] == .double(385_141_393.728))
        #expect(got[2] == .double(-0.0025))
        #expect(got[3] == .number(DecimalNumber(mantissa: 125, scale: 1)))
        #expect(!TableHealth.check(path: path).isDamaged)
        // not a number: a lone exponent, a 4-digit exponent
        try RawTable(version: 0x03, fields: [.init(name: "AREA", type: UInt8(ascii: "N"), length: 12)],
                     records: [ascii("E+02", 12, right: true), ascii("1.5E+0004", 12, right: true)]).write(to: path)
        let bad = try DBFTable.open(path: path)
        #expect(throws: XBaseError.self) { _ = try bad.values(at: 0) }
        #expect(throws: XBaseError.self) { _ = try bad.values(at: 1) }
        #expect(TableHealth.check(path: path).isDamaged)
        if Oracle.available {
            try RawTable(version: 0x03, fields: [.init(name: "AREA", type: UInt8(ascii: "F"), length: 19, decimals: 11)],
                         records: texts.map { ascii($0, 19, right: true) }).write(to: path)
            let o = try Oracle.read(.dbfread, path)
            let theirs = (o.records ?? []).compactMap { $0.values.first??.f ?? $0.values.first??.d }.compactMap(Double.init)
            let ours = got.map { v -> Double in
                switch v { case .double(let d): d; case .number(let n?): n.doubleValue; default: .nan }
            }
            #expect(theirs == ours)
        }
    }

    // MARK: 4. a header that does not describe the file

    @Test func bytesBeforeTheTerminatorAreDamageNotZeroFields() throws {
        let dir = Self.scratch("dmg"); defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/DMG.DBF"
        var t = Self.vfpWithoutBacklink()
        t.beforeTerminator = [0x01, 0x02, 0x03, 0x00, 0x07]
        t.backlink = RawTable.backlink("")
        try t.write(to: path)
        #expect(throws: XBaseError.self) { _ = try DBFTable.open(path: path) }
        let report = TableHealth.check(path: path)
        #expect(report.isDamaged)
        #expect(report.findings.contains { $0.severity == .error && $0.message.contains("not a field descriptor") })
    }

    @Test func noFieldsButRecordsIsAnError() throws {
        let dir = Self.scratch("nof"); defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/NOF.DBF"
        var t = RawTable(version: 0x30, fields: [], records: [], backlink: RawTable.backlink(""))
        t.recordLengthOverride = 19
        var b = t.bytes()
        put32(&b, 4, 2)            // two records of 19 bytes follow
        b.removeLast()
        b += [0x20] + ascii("ARROZ", 18) + [0x20] + ascii("FEIJAO", 18) + [0x1A]
        try Data(b).write(to: URL(fileURLWithPath: path))
        #expect(throws: XBaseError.self) { _ = try DBFTable.open(path: path) }
        #expect(TableHealth.check(path: path).isDamaged)
    }

    @Test func overlappingVFPOffsetsAreDamage() throws {
        let dir = Self.scratch("ovl"); defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/OVL.DBF"
        var b = Self.vfpWithoutBacklink().bytes()
        put32(&b, 64 + 12, 5)      // VALOR stored at offset 5, inside NOME (1…10)
        try Data(b).write(to: URL(fileURLWithPath: path))
        let report = TableHealth.check(path: path)
        #expect(report.isDamaged)
        #expect(report.findings.contains { $0.message.contains("inside NOME") })
    }
}
