import Foundation
import ResgateTestSupport
import Testing
@testable import RestoreKit

/// `restore --merge` of a table with more live keys than the index holds in memory, run
/// as the `resgate` binary under `/usr/bin/time` (its peak RSS, the kernel's VmHWM): the
/// keys spill, so the process stays under 64 MiB. Held in memory they would need
/// 24 bytes × 2.1 M = 48 MiB, plus half of that while sorted, on top of the CLI's own.
@Suite struct MergeMemoryTests {
    static let rows = 2_000_000
    static let added = 100_000

    /// A dBASE III table `T` (ID N(8), V C(4): 13-byte records) written directly.
    static func writeTable(_ path: String, rows: Int, value: (Int) -> String) throws {
        var h = Data(count: 32)
        h[0] = 0x03; h[1] = 126; h[2] = 12; h[3] = 5
        withUnsafeBytes(of: UInt32(rows).littleEndian) { h.replaceSubrange(4..<8, with: $0) }
        withUnsafeBytes(of: UInt16(32 + 2 * 32 + 1).littleEndian) { h.replaceSubrange(8..<10, with: $0) }
        withUnsafeBytes(of: UInt16(13).littleEndian) { h.replaceSubrange(10..<12, with: $0) }
        for (name, type, len) in [("ID", "N", 8), ("V", "C", 4)] {
            var d = Data(count: 32)
            d.replaceSubrange(0..<name.utf8.count, with: Array(name.utf8))
            d[11] = type.utf8.first!
            d[16] = UInt8(len)
            h += d
        }
        h.append(0x0D)
        FileManager.default.createFile(atPath: path, contents: nil)
        let f = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? f.close() }
        try f.write(contentsOf: h)
        var chunk = [UInt8]()
        chunk.reserveCapacity(13 * 65536)
        for i in 0..<rows {
            chunk.append(0x20)
            chunk += Array(String(i + 1).leftPadded(8).utf8)
            chunk += Array(value(i).utf8)
            if chunk.count >= 13 * 65536 { try f.write(contentsOf: chunk); chunk.removeAll(keepingCapacity: true) }
        }
        chunk.append(0x1A)
        try f.write(contentsOf: chunk)
    }

    @Test(.timeLimit(.minutes(5)))
    func mergeOfMillionsOfKeysStaysUnder64MiB() throws {
        guard let bin = ResgateBinary.path, FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else {
            withKnownIssue("needs the resgate binary and /usr/bin/time") { Issue.record("missing") }
            return
        }
        let tmp = try TempFolder("merge-mem")
        let src = try tmp.folder("SRC"), data = try tmp.folder("DATA")
        try Self.writeTable(src + "/T.DBF", rows: Self.rows) { _ in "AAAA" }
        try Self.writeTable(data + "/T.DBF", rows: Self.rows + Self.added) { i in i % 50 == 0 ? "BBBB" : "AAAA" }
        let timing = tmp.path + "/time"
        let r = try ProcessRunner.run("/usr/bin/time", ["-f", "%M", "-o", timing, bin, "restore", src, "--data", data,
                                                        "--table", "T", "--merge", "--key", "ID", "--yes", "--json"],
                                      environment: ["LANG": "en_US.UTF-8"])
        #expect(r.status == 0, "\(r.err)")
        let kib = Int(try String(contentsOfFile: timing, encoding: .utf8)
            .split(separator: "\n").last { !$0.isEmpty }.map(String.init) ?? "") ?? -1
        #expect(kib > 0 && kib < 64 * 1024, "peak RSS \(kib) KiB")
        // the merged table: every backup row, 1 in 50 in its live version, the new rows after
        let out = try DBFHeaderCount.records(data + "/T.DBF")
        #expect(out == Self.rows + Self.added)
        #expect(r.out.contains("\"fromLive\" : \(Self.rows / 50 + Self.added)") || r.out.contains("\"fromLive\":\(Self.rows / 50 + Self.added)"))
        #expect(MergeSpillTests.leftovers(under: data).isEmpty)
    }
}

enum DBFHeaderCount {
    static func records(_ path: String) throws -> Int {
        let h = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? h.close() }
        let d = try h.read(upToCount: 8) ?? Data()
        guard d.count == 8 else { return -1 }
        return Int(d[4]) | Int(d[5]) << 8 | Int(d[6]) << 16 | Int(d[7]) << 24
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
