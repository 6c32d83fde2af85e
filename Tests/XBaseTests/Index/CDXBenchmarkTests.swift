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

    /// Current resident size, from /proc/self/statm (pages of 4 KiB).
    static func residentMiB() -> Int {
        guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return -1 }
        let parts = s.split(separator: " ")
        return parts.count > 1 ? (Int(parts[1]) ?? 0) * 4096 / (1 << 20) : -1
    }

    @Test(.enabled(if: env["RESGATE_CDX_BENCH"] != nil))
    func rebuildThreeTagIndex() throws {
        let path = try #require(Self.env["RESGATE_CDX_BENCH"])
        let phase = Self.env["RESGATE_CDX_BENCH_PHASE"] ?? "create"
        let table = try DBFTable.open(path: path)
        let rssBefore = Self.residentMiB()
        // ru_maxrss also counts the test runner; a sampler sees this phase's own peak.
        let peak = PeakSampler()
        peak.start()
        let start = Date()
        switch phase {
        case "read":
            var sum = 0
            try table.forEachRecord { r in sum &+= Int(r.bytes[r.bytes.count - 1]) }
            #expect(sum >= 0)
        case "keys", "collect":
            // Where the time goes: computing keys only, or computing and sorting them.
            let defs = [("CLIENTE", "CLIENTE", 40), ("NUMERO", "NUMERO", 8), ("EMISSERIE", "DTOS(EMISSAO)+SERIE", 11)]
            let builders = try defs.map { d in
                try TagKeyBuilder(tag: CDXTagHeader.fresh(name: d.0, keyExpression: d.1, forExpression: "", keyLength: d.2,
                                                          unique: false, descending: false),
                                  fields: table.header.fields, codePage: table.codePage, file: "bench")
            }
            if phase == "keys" {
                var buffer: [UInt8] = [], n = 0
                try table.forEachRecord { r in for b in builders where b.key(record: r.bytes, recno: r.number, into: &buffer) { n += 1 } }
                #expect(n == 3 * table.recordCount)
            } else {
                let lists = try KeyCollector.collect(table: table, builders: builders)
                #expect(lists.map(\.count) == [table.recordCount, table.recordCount, table.recordCount])
            }
        default:
            let keep = Self.env["RESGATE_CDX_BENCH_KEEP"]
            let out = keep ?? NSTemporaryDirectory() + "bench-\(UUID().uuidString).cdx"
            defer { if keep == nil { try? FileManager.default.removeItem(atPath: out) } }
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
        let phasePeak = peak.stop()
        var usage = rusage()
        getrusage(__rusage_who_t(0), &usage) // RUSAGE_SELF
        print("CDX-BENCH phase=\(phase) records=\(table.recordCount) seconds=\(String(format: "%.3f", seconds)) " +
              "records/s=\(Int(Double(table.recordCount) / seconds)) peakRSS_MiB=\(usage.ru_maxrss / 1024) rssAtStart_MiB=\(rssBefore) phasePeakRSS_MiB=\(phasePeak)")
    }
}

/// Polls the resident size every 2 ms on a background thread and keeps the maximum.
final class PeakSampler: @unchecked Sendable {
    private let lock = NSLock()
    private var peak = 0
    private var running = true
    private var thread: Thread?

    func start() {
        let t = Thread { [self] in
            while lock.withLock({ running }) {
                let now = CDXBenchmarkTests.residentMiB()
                lock.withLock { peak = max(peak, now) }
                usleep(2000)
            }
        }
        thread = t
        t.start()
    }

    func stop() -> Int {
        lock.withLock { running = false }
        usleep(5000)
        return lock.withLock { peak }
    }
}
