import Foundation
import Testing
@testable import XBase

/// Benchmark, not a test: runs only when RESGATE_CDX_BENCH names a DBF (the 1,000,000-record
/// VENDAS of performance.md). RESGATE_CDX_BENCH_PHASE picks `read` (one pass touching every
/// record) or `create` (3-tag index: character, numeric, date + string); run each phase in
/// its own process so the peak resident size belongs to that phase. Prints, asserts nothing
/// about time.
@Suite struct CDXBenchmarkTests {
    static let env = ProcessInfo.processInfo.environment

    @Test(.enabled(if: env["RESGATE_CDX_BENCH"] != nil))
    func rebuildThreeTagIndex() throws {
        let path = try #require(Self.env["RESGATE_CDX_BENCH"])
        let phase = Self.env["RESGATE_CDX_BENCH_PHASE"] ?? "create"
        let table = try DBFTable.open(path: path)
        let start = Date()
        switch phase {
        case "read":
            var sum = 0
            try table.forEachRecord { r in sum &+= Int(r.bytes[r.bytes.count - 1]) }
            #expect(sum >= 0)
        default:
            let out = NSTemporaryDirectory() + "bench-\(UUID().uuidString).cdx"
            defer { try? FileManager.default.removeItem(atPath: out) }
            try CDXWriter.create(table: table, tags: [
                TagDefinition(name: "CLIENTE", keyExpression: "CLIENTE"),
                TagDefinition(name: "NUMERO", keyExpression: "NUMERO"),
                TagDefinition(name: "EMISSERIE", keyExpression: "DTOS(EMISSAO)+SERIE"),
            ], to: out)
            if Self.env["RESGATE_CDX_BENCH_VERIFY"] != nil {
                #expect(IndexVerifier.verify(table: table, indexPath: out).isEmpty)
            }
        }
        let seconds = Date().timeIntervalSince(start)
        var usage = rusage()
        getrusage(__rusage_who_t(0), &usage) // RUSAGE_SELF
        print("CDX-BENCH phase=\(phase) records=\(table.recordCount) seconds=\(String(format: "%.3f", seconds)) " +
              "records/s=\(Int(Double(table.recordCount) / seconds)) peakRSS_MiB=\(usage.ru_maxrss / 1024)")
    }
}
