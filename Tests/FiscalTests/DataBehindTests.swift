import Foundation
import ResgateTestSupport
import Testing
import XBase
@testable import Fiscal
@testable import RestoreKit

/// The store's DATA far behind its XML (issue 18, memory): `check` and `recreate` must not
/// hold every note to re-create with its texts. The per-number lists stop at their limit
/// and count the rest, the verdicts stay runs, and `recreate` hands its rows to the tables
/// one by one (its report's lists stop at their limit too). Peak RSS on 200,000 notes is
/// measured in docs/checks.md ("Memory of the XML index").
@Suite struct DataBehindTests {
    static let cnpj = "12345678000195"
    func n(_ v: Int) -> DBFValue { .number(DecimalNumber(Int64(v))) }

    /// Data 1…100 and 2,000; XML 1…3,500 authorized except 3,100 denied and 3,200
    /// cancelled afterwards (and 2,000 in both).
    func behind() throws -> SequenceResult {
        let cnpj = Self.cnpj
        let data = Array(1...100) + [2000]
        let rows = data.map { num -> [DBFValue] in
            [n(num), n(1), n(65), .string(Fixtures.key(cnpj: cnpj, model: 65, series: 1, number: num))]
        }
        let table = InMemoryTable(name: "NOTAS", fieldNames: ["NNF", "SERIE", "MOD", "CHAVE"], rows: rows)
        var idx = AuthorizedIndex()
        var reader = FiscalXMLReader()
        for num in 1...3500 {
            let x = Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 1, number: num, status: num == 3100 ? 302 : 100)
            Array(x.utf8).withUnsafeBytes { reader.read($0, file: "x\(num).xml", into: &idx) }
        }
        let cancel = Fixtures.procEvento(key: Fixtures.key(cnpj: cnpj, model: 65, series: 1, number: 3200), cnpj: cnpj)
        Array(cancel.utf8).withUnsafeBytes { reader.read($0, file: "c3200.xml", into: &idx) }
        idx.normalize()
        let cfg = CheckConfig(sequences: [SequenceConfig(table: "NOTAS", number: "NNF", series: "SERIE", model: "MOD",
                                                         key: "CHAVE", cnpjValue: cnpj)])
        let report = try FiscalCheck.run(data: InMemoryData(tables: [table]), index: idx, config: cfg,
                                         today: DBFDate(year: 2026, month: 7, day: 16))
        return try #require(report.checks.first { $0.name == "fiscal-sequence" }?.sequence)
    }

    @Test func listsStopAtTheirLimitAndCountTheRest() throws {
        let s = try behind()
        let limit = SequenceResult.listLimit
        #expect(limit == 1000)
        // 2,001…3,500 are above the data: 1,500 notes, 1,498 to re-enter (one denied, one cancelled)
        #expect(s.authorizedAfterData.count == limit)
        #expect(s.authorizedAfterData.map(\.number) == Array(2001...3000))
        #expect(s.authorizedAfterDataCount == 1500 && s.authorizedAfterDataTotal == 1500)
        #expect(s.authorizedAfterDataReenter == 1498)
        #expect(s.authorizedAfterData.first?.key == Fixtures.key(cnpj: Self.cnpj, model: 65, series: 1, number: 2001))
        // 101…1,999 lost inside the data's range
        #expect(s.authorizedMissingInData.count == limit && s.authorizedMissingInDataCount == 1899)
        // the JSON keeps its keys and counts every note
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(s)) as? [String: Any]
        #expect((json?["authorizedAfterData"] as? [Any])?.count == limit)
        #expect(json?["authorizedAfterDataCount"] as? Int == 1500)
        #expect(json?["authorizedMissingInDataCount"] as? Int == 1899)
    }

    @Test func verdictsStayRunsWithoutTheNotesTexts() throws {
        let s = try behind()
        let runs = s.verdicts.map { "\($0.span)=\($0.verdict.rawValue)" }
        #expect(runs == ["101–1999=recreate", "2001–3099=recreate", "3100=denied", "3101–3199=recreate", "3200=cancelled",
                         "3201–3500=recreate"])
        // a run of many numbers carries no note's texts; a run of one keeps them
        #expect(s.verdicts.filter { $0.count > 1 }.allSatisfy { $0.key == nil && $0.file == nil && $0.issued == nil })
        let denied = try #require(s.verdicts.first { $0.verdict == .denied })
        #expect(denied.key == Fixtures.key(cnpj: Self.cnpj, model: 65, series: 1, number: 3100) && denied.file == "x3100.xml")
        #expect(s.verdictCounts[.recreate] == 1899 + 1498)
    }

    /// `recreate` of more notes than its report lists: every note is inserted, the lists
    /// stop at `RecreateReport.listLimit` and their counts say how many there were.
    @Test(.timeLimit(.minutes(3)))
    func recreateOfMoreNotesThanItListsInsertsThemAll() throws {
        let s = try RecreateTests.make()
        let extra = 7...1106
        for num in extra { Fixtures.write(RecreateTests.note(num), to: s.xml + "/\(num)-nfce.xml") }
        let limit = RecreateReport.listLimit
        let notes = 2 + extra.count   // 3 and 6, then 7…1,106 (4 cancelled, 5 an entry note)

        let plan = try Recreator.run(data: s.data, xml: nil, config: nil, dryRun: true)
        #expect(plan.noteCount == notes && plan.notes.count == limit)
        #expect(plan.notes.prefix(3).map(\.number) == [3, 6, 7])
        #expect(plan.stockCount == 2 * notes && plan.stock.count == limit)
        #expect(plan.truncatedCount == notes && plan.truncated.count == limit)
        #expect(plan.skippedCount == 1 && plan.skipped.map(\.number) == [5])
        #expect(try DBFTable.open(path: s.data + "/VENDAS.DBF").recordCount == 2)

        let done = try Recreator.run(data: s.data, xml: nil, config: nil, dryRun: false)
        #expect(done.noteCount == notes && done.notes.count == limit)
        #expect(done.tables.map(\.recordsAfter) == [2 + notes, 1 + 2 * notes])
        #expect(done.notes.first?.salesRecord == 3 && done.notes.last?.salesRecord == 2 + limit)
        #expect(done.notes.last?.itemRecords == [2 + 2 * (limit - 1), 3 + 2 * (limit - 1)])
        let vendas = try DBFTable.open(path: s.data + "/VENDAS.DBF")
        #expect(vendas.recordCount == 2 + notes)
        #expect(try vendas.values(at: vendas.recordCount - 1).values[0] == n(1106))
        #expect(IndexVerifier.verify(table: vendas, indexPath: s.data + "/VENDAS.CDX").isEmpty)
        #expect(try DBFTable.open(path: s.data + "/ITENS.DBF").recordCount == 1 + 2 * notes)
        // a second run finds nothing: never a duplicate
        let again = try Recreator.run(data: s.data, xml: nil, config: nil, dryRun: true)
        #expect(again.noteCount == 0 && again.notes.isEmpty)
    }
}
