import Foundation
import PropertyBased
import Testing
import XBase
@testable import RestoreKit

/// `restore --merge` and `salvage` on generated damaged tables: the backup's rows plus
/// every intact live row, the unreadable ones named; checked against the scenario's own
/// expectation, against Python's dbfread, and as a property over many scenarios.
@Suite struct MergeTests {
    static func fixed() throws -> MergeScenario {
        var s = try MergeScenario.generated(seed: 42, backupRows: 20, appended: 5, damage: false)
        s.garbage = [3, 21]
        s.brokenMemo = [9]
        s.tornCount = 2
        try s.write()
        return s
    }

    @Test func mergeKeepsBackupPlusEveryIntactLiveRow() throws {
        let s = try Self.fixed()
        let report = try s.restorer().run().rendered(in: .en)
        #expect(report.refusal == nil)
        let t = try #require(report.tables.first)
        #expect(t.status == .restored)
        let got = try MergeScenario.rows(of: s.data + "/VENDAS.DBF")
        #expect(got == s.expected)
        #expect(t.unreadable?.map(\.record) == [4, 22])
        #expect(t.unreadable?.first?.bytes.count == 2 * 51)
        #expect(t.key == MergeKeyChoice(fields: ["CODIGO"], source: .option))
        let changed = s.backup.indices.filter { s.live[$0].valor != s.backup[$0].valor && !s.garbage.contains($0) }.count
        #expect(t.merge?.updated == changed)
        #expect(t.merge?.added == 4)   // 5 appended, record 22 unreadable
        #expect(t.fromBackup == 20 - changed)
        #expect(t.fromLive == changed + 4)
        #expect(t.merge?.conflictCount == changed)   // no changed field: each differing pair is listed
        #expect(t.merge?.memosLostCount == 1)
        #expect(t.records == got.count)
        #expect(report.id != nil)
    }

    @Test func dryRunWritesNothingAndCounts() throws {
        let s = try Self.fixed()
        let before = try StoreFixture.snapshot(s.data)
        let report = try s.restorer(dryRun: true).run().rendered(in: .en)
        #expect(try StoreFixture.snapshot(s.data) == before)
        let t = try #require(report.tables.first)
        #expect(t.status == .wouldRestore)
        #expect(t.records == s.expected.count)
        #expect(t.unreadable?.count == 2)
    }

    @Test func unknownKeyFieldRefusesAndChangesNothing() throws {
        let s = try Self.fixed()
        let before = try StoreFixture.snapshot(s.data)
        let report = try s.restorer(key: ["NOPE"]).run().rendered(in: .en)
        #expect(report.refusal?.contains("NOPE") == true)
        #expect(try StoreFixture.snapshot(s.data) == before)
    }

    @Test func withoutKeyOnlyNewTailRowsAreAppended() throws {
        var s = try MergeScenario.generated(seed: 7, backupRows: 10, appended: 4, damage: false)
        s.live = s.backup + s.live.suffix(4)   // append-only: nothing changed in place
        s.garbage = [11]
        try s.write()
        let report = try s.restorer(key: nil).run().rendered(in: .en)
        let t = try #require(report.tables.first)
        #expect(t.key?.source == MergeKeyChoice.Source.none)
        let got = try MergeScenario.rows(of: s.data + "/VENDAS.DBF")
        #expect(got == s.backup + [s.live[10], s.live[12], s.live[13]])
        #expect(t.unreadable?.map(\.record) == [12])
    }

    /// dbfread (no code shared with us) reads the merged table as the expected union.
    @Test func dbfreadReadsTheUnion() throws {
        let s = try Self.fixed()
        _ = try s.restorer().run().rendered(in: .en)
        let script = """
        import sys, json, dbfread
        t = dbfread.DBF(sys.argv[1], encoding='cp1252', load=True)
        print(json.dumps([[int(r['CODIGO']), r['NOME'], '%.2f' % r['VALOR'], r['OBS'] or ''] for r in t.records]))
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, s.data + "/VENDAS.DBF"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            withKnownIssue("python3 with dbfread is needed (scripts/install-test-deps.sh)") { Issue.record("no dbfread") }
            return
        }
        let rows = try #require(try JSONSerialization.jsonObject(with: data) as? [[Any]])
        let theirs = rows.map { "\($0[0])|\($0[1])|\($0[2])|\($0[3])" }
        let ours = s.expected.map { r in
            "\(r.codigo)|\(r.nome)|\(String(format: "%.2f", Double(r.valor) ?? -1))|\(r.obs)"
        }
        #expect(theirs == ours)
    }

    /// For any live table = backup + changed + appended rows + damage:
    /// merge(backup, live) = backup ∪ intact(live) by key, and no readable row is lost.
    @Test func mergeIsTheUnionByKey() async {
        await propertyCheck(count: 25, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...40), Gen.int(in: 0...8)) { seed, n, add in
            do {
                let s = try MergeScenario.generated(seed: UInt64(seed), backupRows: n, appended: add)
                try s.write()
                let report = try s.restorer().run().rendered(in: .en)
                #expect(report.refusal == nil)
                let got = try MergeScenario.rows(of: s.data + "/VENDAS.DBF")
                #expect(got == s.expected)
                let kept = Set(got.map { "\($0.codigo)|\($0.nome)|\($0.valor)" })
                for (_, r) in s.intactLive { #expect(kept.contains("\(r.codigo)|\(r.nome)|\(r.valor)")) }
                #expect(report.tables.first?.unreadable?.map(\.record) == s.garbage.sorted().map { $0 + 1 })
                try? FileManager.default.removeItem(atPath: s.root)
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test func salvageCopiesIntactRecordsAndQuarantinesTheRest() throws {
        let s = try Self.fixed()
        let before = try StoreFixture.snapshot(s.data)
        let out = s.root + "/salvaged"
        let r = try TableSalvager.salvage(data: s.data, table: TableName("vendas")!, into: out)
        #expect(try StoreFixture.snapshot(s.data) == before)
        #expect(r.findings.headerRecords == 23)
        #expect(r.findings.recordsInFile == 25)
        #expect(r.findings.recordsRead == 23)
        #expect(r.findings.quarantined.map(\.record) == [4, 22])
        #expect(r.findings.quarantined.first?.reason == .badDeleteFlag)
        #expect(r.findings.memosLost.map(\.record) == [10])
        #expect(r.findings.memosLost.first?.reason == .memoPointerOutside)
        let got = try MergeScenario.rows(of: r.output)
        #expect(got == s.intactLive.map(\.row))
    }

    @Test func salvageRefusesAnUnreadableHeader() throws {
        let s = try MergeScenario()
        try Data([0x30, 1, 2]).write(to: URL(fileURLWithPath: s.data + "/VENDAS.DBF"))
        #expect(throws: TableSalvager.Failure.self) {
            try TableSalvager.salvage(data: s.data, table: TableName("VENDAS")!, into: s.root + "/out")
        }
    }
}
