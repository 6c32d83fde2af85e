import Foundation
import Testing
import XBase

/// `resgate reindex` through the real executable, on a real VFP database's tables.
@Suite struct ReindexCLITests {
    @Test func checkFindsStaleIndexAndRebuildFixesItWithUndo() throws {
        let src = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/fixtures/real/infused-dbf/foxprodb").path
        guard FileManager.default.fileExists(atPath: src) else { return }
        let bin = try #require(CrashTests.resgateBinary)
        let s = try StoreFixture()
        for f in ["calls.dbf", "calls.CDX", "calls.FPT"] {
            try FileManager.default.copyItem(atPath: src + "/" + f, toPath: s.data + "/" + f)
        }
        func status(_ args: [String]) throws -> Int32 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: bin)
            p.arguments = args
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run(); p.waitUntilExit()
            return p.terminationStatus
        }
        #expect(try status(["reindex", s.data, "--check"]) == 0)
        // the ERP appends a record without updating the index (what a crash leaves)
        let path = s.data + "/calls.dbf"
        let t = try DBFTable.open(path: path)
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        let rl = t.header.recordLength, hl = t.header.headerLength, n = t.recordCount
        var record = data.subdata(in: (hl + (n - 1) * rl)..<(hl + n * rl))
        record[t.fields[0].offset] ^= 0x01
        data.replaceSubrange((hl + n * rl)..<min(data.count, hl + n * rl), with: record)
        let count = UInt32(n + 1)
        data.replaceSubrange(4..<8, with: withUnsafeBytes(of: count.littleEndian) { Data($0) })
        if data.count == hl + (n + 1) * rl { data.append(0x1A) }
        try data.write(to: URL(fileURLWithPath: path))
        #expect(try status(["reindex", s.data, "--check"]) == 1)
        #expect(try status(["scan", s.data]) == 1)
        // cli.md: no terminal to ask and no --yes: refused (exit 2), nothing written
        let beforeRefusal = try StoreFixture.snapshot(s.data)
        #expect(try status(["reindex", s.data]) == 2)
        #expect(try StoreFixture.snapshot(s.data) == beforeRefusal)
        #expect(try status(["reindex", s.data, "--yes"]) == 0)
        #expect(try status(["reindex", s.data, "--check"]) == 0)
        #expect(IndexVerifier.verify(table: try DBFTable.open(path: path), indexPath: s.data + "/calls.CDX").isEmpty)
        let undo = try run(bin, ["undo", "--data", s.data, "--list", "--json"])
        #expect(undo.contains("reindex"))
    }
}
