import Foundation
import Testing
@testable import StoreStatus

/// The textfile: families in blocks with HELP/TYPE, escaped labels, atomic replacement.
struct MetricsTests {
    func temp() -> String {
        let d = NSTemporaryDirectory() + "resgate-status-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    @Test func downStoreHasUpZeroAndAReasonOnly() {
        var r = StoreReport(store: "loja-7")
        r.failure = .timedOut(seconds: 30)
        let s = StoreMetrics.samples(r)
        #expect(s.first?.line == "resgate_store_up{store=\"loja-7\"} 0")
        #expect(s.contains { $0.line == "resgate_store_failure_info{store=\"loja-7\",reason=\"timeout\"} 1" })
        #expect(!s.contains { $0.family == "resgate_newest_set_timestamp_seconds" })
    }

    @Test func storeWithoutSetsLooksInfinitelyOld() {
        let s = StoreMetrics.samples(StoreReport(store: "x"))
        #expect(s.contains { $0.line == "resgate_newest_set_timestamp_seconds{store=\"x\"} 0" })
        #expect(s.contains { $0.line == "resgate_backup_sets{store=\"x\"} 0" })
    }

    @Test func labelValuesAreEscaped() {
        let s = StoreMetrics.Sample(family: "resgate_store_up", labels: [("store", "a\"b\\c\nd")], value: 1)
        #expect(s.line == "resgate_store_up{store=\"a\\\"b\\\\c\\nd\"} 1")
        #expect(StoreMetrics.Sample(family: "f", labels: [], value: 1.5).line == "f 1.500")
        #expect(StoreMetrics.Sample(family: "f", labels: [], value: .infinity).line == "f +Inf")
    }

    @Test func fiscalSeriesCarriesCnpjModSerieAndRisk() {
        var r = StoreReport(store: "s")
        r.fiscal = [FiscalSeriesState(cnpj: "12345678000195", model: 65, series: 1, nextSafe: 101, lastInData: 100,
                                      lastAuthorized: 100, counter: 100, gapNumbers: 2)]
        let lines = StoreMetrics.samples(r).map(\.line)
        let l = "{store=\"s\",cnpj=\"12345678000195\",mod=\"65\",serie=\"1\"}"
        #expect(lines.contains("resgate_fiscal_next_number_at_risk\(l) 1"))
        #expect(lines.contains("resgate_fiscal_next_safe_number\(l) 101"))
        #expect(lines.contains("resgate_fiscal_gap_numbers\(l) 2"))
    }

    @Test func textfileGroupsFamiliesAndReplacesAtomically() throws {
        let dir = temp(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let target = dir + "/resgate.prom"
        try "old\n".write(toFile: target, atomically: false, encoding: .utf8)
        let w = try TextfileWriter(target: target)
        for i in 0..<3 {
            var r = StoreReport(store: "loja-\(i)")
            if i == 1 { r.failure = .notFound(path: "x") }
            w.add(StoreMetrics.samples(r))
        }
        // before commit the old file is untouched
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "old\n")
        try w.commit()
        let text = try String(contentsOfFile: target, encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        // every family once, and all its samples right after its TYPE line
        for f in StoreMetrics.families {
            #expect(lines.filter { $0 == "# TYPE \(f.name) gauge" }.count == 1)
        }
        var seen: [String] = []
        for l in lines where !l.hasPrefix("#") {
            let name = String(l.prefix { $0 != "{" && $0 != " " })
            if seen.last != name { #expect(!seen.contains(name), "\(name) split in two blocks"); seen.append(name) }
        }
        #expect(lines.filter { $0.hasPrefix("resgate_store_up{") }.count == 3)
        // nothing left beside the target
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["resgate.prom"])
    }

    @Test func textfileIntoMissingFolderFailsAndLeavesNothing() throws {
        let w = try TextfileWriter(target: "/nonexistent-\(UUID().uuidString)/r.prom")
        #expect(throws: TextfileWriter.Failure.self) { try w.commit() }
    }

    @Test func patternSplitsBaseAndWildcards() throws {
        let p = try ChainPattern("nuvem:lojas/*/backup")
        #expect(p.base.description == "nuvem:lojas")
        #expect(p.segments == ["*", "backup"])
        #expect(throws: ChainPattern.Problem.noWildcard) { try ChainPattern("nuvem:lojas/x/backup") }
        #expect(throws: ChainPattern.Problem.notRemote) { try ChainPattern("/tmp/lojas/*") }
        #expect(throws: (any Error).self) { try ChainPattern("nuvem:lojas/../*/b") }
    }
}
