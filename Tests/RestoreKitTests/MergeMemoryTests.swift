import Foundation
import ResgateTestSupport
import Testing
@testable import RestoreKit

/// `restore --merge` of a table with more live keys than the index holds in memory, run
/// as the `resgate` binary under `/usr/bin/time` (its peak RSS, the kernel's VmHWM), beside
/// a plain restore of the same table: the keys spill, so the merge costs at most the
/// index's budget (12 MiB while a run is sorted) and a few MiB of bitmaps and buffers more
/// than the plain restore, and stays under 64 MiB. Held in memory the keys would need
/// 32 bytes × 1.05 M = 32 MiB, plus half of that while sorted.
@Suite struct MergeMemoryTests {
    static let rows = 1_000_000
    static let added = 50_000

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
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let f = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? f.close() }
        try f.write(contentsOf: h)
        var chunk = [UInt8](repeating: 0x20, count: 13 * 65536)
        var at = 0
        for i in 0..<rows {
            var n = i + 1
            for d in stride(from: 8, through: 1, by: -1) {
                chunk[at + d] = n > 0 ? UInt8(48 + n % 10) : 0x20
                n /= 10
            }
            let v = value(i)
            for (j, b) in v.utf8.prefix(4).enumerated() { chunk[at + 9 + j] = b }
            at += 13
            if at == chunk.count { try f.write(contentsOf: chunk); at = 0 }
        }
        try f.write(contentsOf: chunk[0..<at] + [0x1A])
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
        // peak RSS in KiB of `resgate ARGS`, run under /usr/bin/time
        func peak(_ args: [String]) throws -> (kib: Int, result: ProcessRunner.Result) {
            let timing = tmp.path + "/time"
            let r = try ProcessRunner.run("/usr/bin/time", ["-f", "%M", "-o", timing, bin] + args,
                                          environment: ["LANG": "en_US.UTF-8"])
            let kib = Int(try String(contentsOfFile: timing, encoding: .utf8)
                .split(separator: "\n").last { !$0.isEmpty }.map(String.init) ?? "") ?? -1
            return (kib, r)
        }
        let plainData = try tmp.folder("PLAIN")
        try FileManager.default.copyItem(atPath: data + "/T.DBF", toPath: plainData + "/T.DBF")
        let plain = try peak(["restore", src, "--data", plainData, "--table", "T", "--yes", "--quiet"])
        #expect(plain.result.status == 0, "\(plain.result.err)")
        let merge = try peak(["restore", src, "--data", data, "--table", "T", "--merge", "--key", "ID", "--yes", "--json"])
        #expect(merge.result.status == 0, "\(merge.result.err)")
        #expect(merge.kib > 0 && merge.kib < 64 * 1024, "merge peak RSS \(merge.kib) KiB")
        #expect(plain.kib > 0 && merge.kib - plain.kib < 20 * 1024,
                "merge peak \(merge.kib) KiB, plain restore \(plain.kib) KiB")
        // the merged table: every backup row, 1 in 50 in its live version, the new rows after
        #expect(try DBFHeaderCount.records(data + "/T.DBF") == Self.rows + Self.added)
        let fromLive = Self.rows / 50 + Self.added
        #expect(merge.result.out.contains("\"fromLive\" : \(fromLive)"), "\(merge.result.out.prefix(600))")
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
