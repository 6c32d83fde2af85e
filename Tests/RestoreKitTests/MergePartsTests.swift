import Foundation
import PropertyBased
import ResgateTestSupport
import Testing
import XBase
@testable import RestoreKit

/// The live table screened and indexed in parts on several threads (`LiveMerge.parts`,
/// forced here on small tables): the same table, memo file and report as one thread, in
/// memory and spilled, with damage spread over the parts.
@Suite struct MergePartsTests {
    static func merge(_ s: MergeScenario, key: [String]?, parts: Int, budget: Int?,
                      spills: MergeSpillTests.Spills = .init()) throws -> MergeSpillTests.Result {
        try LiveMerge.$partsOverride.withValue(parts) {
            try MergeSpillTests.merge(s, key: key, budget: budget, spills: spills)
        }
    }

    @Test func partsMergeEqualsOneThread() async {
        await propertyCheck(count: 10, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...300), Gen.int(in: 0...40)) { seed, n, add in
            do {
                for key in [["CODIGO"], nil] as [[String]?] {
                    var results: [MergeSpillTests.Result] = []
                    for (parts, budget) in [(1, nil), (2, nil), (3, nil), (2, 6), (3, 5)] as [(Int, Int?)] {
                        let s = try MergeScenario.generated(seed: UInt64(seed), backupRows: n, appended: add)
                        try s.write()
                        let spills = MergeSpillTests.Spills()
                        results.append(try Self.merge(s, key: key, parts: parts, budget: budget, spills: spills))
                        if budget != nil && n + add > 20 { #expect(!spills.folders.isEmpty) }
                        for f in spills.folders { #expect(!FileManager.default.fileExists(atPath: f)) }
                        #expect(MergeSpillTests.leftovers(under: s.root).isEmpty)
                        try? FileManager.default.removeItem(atPath: s.root)
                    }
                    for (i, r) in results.enumerated().dropFirst() {
                        #expect(r == results[0], "seed \(seed), \(n) rows, key \(key ?? []), case \(i)")
                        #expect(r.report == results[0].report)
                    }
                }
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    /// Damage in every part: the unreadable records are listed in record order, as one
    /// reader lists them.
    @Test func unreadableListedInRecordOrderAcrossParts() throws {
        var reports: [String] = []
        for parts in [1, 4] {
            var s = try MergeScenario.generated(seed: 21, backupRows: 300, appended: 30, damage: false)
            s.garbage = [2, 90, 170, 250, 320]
            s.brokenMemo = [40, 200]
            s.tornCount = 3
            try s.write()
            let r = try Self.merge(s, key: ["CODIGO"], parts: parts, budget: parts == 4 ? 7 : nil)
            reports.append(r.report)
            try? FileManager.default.removeItem(atPath: s.root)
        }
        #expect(reports[0] == reports[1])
        #expect(reports[0].contains("\"unreadable\""))
    }

    /// `firstUnseen` (which skips its search when the key is the one just past the entry
    /// found last) answers as a scan of the sorted entries does: probes mostly in key order,
    /// runs of one key, repeats and random jumps; in memory and spilled.
    @Test func hintedLookupsAnswerAsAScan() throws {
        let tmp = try TempFolder("hint")
        var rng = SplitMix(17)
        let entries = (0..<3_000).map { i in
            LiveIndex.Entry(p: UInt64(i / 3) / UInt64(1 + rng.next() % 2), k0: rng.next() % 3, k1: 0,
                            index: UInt32(i), content: rng.next())
        }
        let sorted = entries.sorted(by: RunHeap.less)
        for budget in [nil, 50] as [Int?] {
            let index = LiveIndex.$budgetOverride.withValue(budget) { LiveIndex(spillParent: tmp.path, expected: entries.count) }
            for e in entries { try index.add(e) }
            try index.seal()
            #expect(index.spilled == (budget != nil))
            var seen = [Bool](repeating: false, count: sorted.count)
            var probe = 0
            for step in 0..<6_000 {
                if rng.next() % 8 == 0 { probe = Int(rng.next() % UInt64(sorted.count)) }
                else if step % 3 != 0 { probe = min(sorted.count - 1, probe + 1) }
                let s = sorted[probe]
                let id = LiveIndex.Identity(p: s.p, k0: rng.next() % 5 == 0 ? s.k0 + 7 : s.k0, k1: s.k1)
                let expected = sorted.indices.first { !seen[$0] && id.matches(sorted[$0]) }
                let got = try index.firstUnseen(id)
                #expect(got?.0 == expected, "step \(step)")
                #expect(got?.1.index == expected.map { sorted[$0].index })
                if let g = got, rng.next() % 4 != 0 { index.markSeen(g.0); seen[g.0] = true }
            }
        }
    }

    /// Findings of later parts join the first's in order, lists cut at the limit, counts exact.
    @Test func findingsAbsorbKeepsOrderAndLimit() {
        let bytes: [UInt8] = [0x41, 0x42]
        var a = SalvageFindings(), b = SalvageFindings()
        bytes.withUnsafeBytes { raw in
            for i in 0..<(SalvageFindings.limit - 2) { a.quarantine(i, RecordFault(kind: .badDate, field: "D"), raw) }
            for i in 5_000..<5_010 { b.quarantine(i, RecordFault(kind: .badNumber, field: "N"), raw) }
        }
        a.recordsRead = 10; b.recordsRead = 7
        a.absorb(b)
        #expect(a.quarantinedCount == SalvageFindings.limit + 8)
        #expect(a.quarantined.count == SalvageFindings.limit)
        #expect(a.quarantined.suffix(2).map(\.record) == [5_001, 5_002])
        #expect(a.recordsRead == 17)
    }
}
