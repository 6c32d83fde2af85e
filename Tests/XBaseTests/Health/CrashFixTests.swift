import Foundation
import Testing
@testable import XBase

/// Damaged tables that made the readers trap (division by zero, Double → Int): each must
/// now open with an error or a finding, never kill the process.
@Suite struct CrashFixTests {
    /// A VFP table whose version byte was damaged to 0x02 (dBASE II): its record length,
    /// read where dBASE II keeps it, is 0.
    @Test func dBaseIIVersionByteOnAVFPTable() throws {
        let c = try DamagedCorpus()
        let path = try c.make("v02") { $0[0] = 0x02 }
        #expect(throws: XBaseError.self) { try DBFTable.open(path: path) }
        let report = TableHealth.check(path: path)
        #expect(report.findings.contains { $0.severity == .error })
        // a dBASE 7 version byte over a header whose record length reads 0
        let p7 = try c.make("v04") { b in b[0] = 0x04; b[10] = 0; b[11] = 0 }
        #expect(throws: XBaseError.self) { try DBFTable.open(path: p7) }
        _ = TableHealth.check(path: p7)
    }

    /// A dBASE 7 table with one `@` (timestamp) field; `stored` is its 8 bytes as on disk.
    static func timestampTable(_ stored: [[UInt8]], in dir: TempDir) throws -> String {
        var b = [UInt8](repeating: 0, count: 68)
        b[0] = 0x04
        let headerLength = 68 + 48 + 1
        let recordLength = 1 + 8
        b[4] = UInt8(stored.count)
        b[8] = UInt8(headerLength & 0xFF); b[9] = UInt8(headerLength >> 8)
        b[10] = UInt8(recordLength)
        var d = [UInt8](repeating: 0, count: 48)
        for (i, ch) in "QUANDO".utf8.enumerated() { d[i] = ch }
        d[32] = UInt8(ascii: "@"); d[33] = 8
        b += d + [0x0D]
        for s in stored { b += [0x20] + s }
        b.append(0x1A)
        let path = dir.url.appendingPathComponent("ts.dbf").path
        try Data(b).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The stored form of a timestamp `ms`: big-endian, sign bit flipped for positives.
    static func stored(_ ms: Double) -> [UInt8] {
        var bits = ms.bitPattern
        bits = ms.sign == .plus ? bits | (1 << 63) : ~bits
        return (0..<8).map { UInt8(truncatingIfNeeded: bits >> (56 - 8 * UInt64($0))) }
    }

    @Test func timestampHoldingInfinityOrHugeValues() throws {
        let dir = try TempDir()
        let good = 2_460_000.0 * 86_400_000 + 3_600_000   // a day in 2023, 01:00
        let values: [Double] = [good, .infinity, -.infinity, .nan, 1e300, 9.3e18, -9.3e18]
        let path = try Self.timestampTable(values.map(Self.stored), in: dir)
        let t = try DBFTable.open(path: path)
        #expect(t.recordCount == values.count)
        guard case .dateTime(let first?) = try t.values(at: 0).values[0] else {
            Issue.record("the good timestamp must read"); return
        }
        #expect(first.date.julianDay == 2_460_000 && first.milliseconds == 3_600_000)
        for i in 1..<values.count {
            #expect(throws: XBaseError.self, "\(values[i])") { try t.values(at: i) }
        }
        let report = TableHealth.check(path: path)
        #expect(report.recordsChecked == values.count)
    }
}
