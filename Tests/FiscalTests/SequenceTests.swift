import Foundation
import StoreOps
import Testing
import XBase
@testable import Fiscal

/// Sequence rules on small in-memory tables, each case computed by hand.
@Suite struct SequenceTests {
    let cnpj = "12345678000195"
    func n(_ v: Int) -> DBFValue { .number(DecimalNumber(Int64(v))) }

    func run(_ rows: [[DBFValue]], fields: [String] = ["NNF", "SERIE", "MOD"], extra: [InMemoryTable] = [],
             deleted: Set<Int> = [], config: SequenceConfig? = nil, xml: [String] = []) throws -> CheckReport {
        let data = InMemoryData(tables: [InMemoryTable(name: "NOTAS", fieldNames: fields, rows: rows, deleted: deleted)] + extra)
        var index: AuthorizedIndex? = nil
        if !xml.isEmpty {
            var idx = AuthorizedIndex()
            var reader = FiscalXMLReader()
            for (i, x) in xml.enumerated() { Array(x.utf8).withUnsafeBytes { reader.read($0, file: "f\(i).xml", into: &idx) } }
            idx.normalize()
            index = idx
        }
        let cfg = config ?? SequenceConfig(table: "NOTAS", number: "NNF", series: "SERIE", model: "MOD", cnpjValue: cnpj)
        return try FiscalCheck.run(data: data, index: index, config: CheckConfig(sequences: [cfg]))
    }

    @Test func duplicatesFailAndNameTheirRecords() throws {
        let r = try run([[n(1), n(1), n(65)], [n(2), n(1), n(65)], [n(2), n(1), n(65)], [n(3), n(1), n(65)]])
        let s = try #require(r.checks.first?.sequence)
        #expect(r.checks.first?.status == .fail)
        #expect(s.duplicates == [2])
        #expect(s.duplicateRecords == [DuplicateNumber(number: 2, records: [2, 3])])
        #expect(s.lastInData == 3 && s.nextSafe == 4 && s.gaps == [])
    }

    @Test func deletedRowsDoNotCountAndGapsAreRanges() throws {
        // 1, 2, [3 deleted], 6, 10 → gaps 3–5 and 7–9; no XML → a warning, never ok
        let r = try run([[n(1), n(1), n(65)], [n(2), n(1), n(65)], [n(3), n(1), n(65)], [n(6), n(1), n(65)], [n(10), n(1), n(65)]],
                        deleted: [3])
        let item = try #require(r.checks.first)
        #expect(item.status == .warning)
        #expect(item.sequence?.gaps == [[3, 5], [7, 9]])
        #expect(item.sequence?.lastAuthorized == nil)
        #expect(item.sequence?.comparedWithXML == false)
        #expect(r.exitCode == 0)
        let json = try JSONSerialization.jsonObject(with: JSONDocument.encode(r.document(in: .en))) as! [String: Any]
        let first = (json["checks"] as! [[String: Any]])[0]
        #expect(first.keys.contains("lastAuthorized") && first["lastAuthorized"] is NSNull)
        #expect(first.keys.contains("counter") && first["counter"] is NSNull)
    }

    @Test func counterBehindTheAuthorizedFails() throws {
        let param = InMemoryTable(name: "PARAM", fieldNames: ["ULTNFCE"], rows: [[n(3)]])
        var cfg = SequenceConfig(table: "NOTAS", number: "NNF", series: "SERIE", model: "MOD", cnpjValue: cnpj)
        cfg.counter = FieldRef(table: "PARAM", field: "ULTNFCE")
        // data 1…5, counter 3: the next note would be 4, already in the data
        let rows = (1...5).map { [n($0), n(1), n(65)] }
        let r = try run(rows, extra: [param], config: cfg,
                        xml: (1...5).map { Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 1, number: $0) })
        let item = try #require(r.checks.first { $0.name == "fiscal-sequence" })
        #expect(item.status == .fail)
        #expect(item.sequence?.counter == 3)
        #expect(item.sequence?.nextSafe == 6)
        #expect(item.message.words.en.contains("counter (3) is below the highest number in the data (5)"))
    }

    @Test func textNumbersSeriesAndModelValue() throws {
        let cfg = SequenceConfig(table: "NOTAS", number: "NUMNOTA", seriesValue: 3, modelValue: 65, cnpjValue: cnpj)
        let rows: [[DBFValue]] = [[.string("000001")], [.string("000002")], [.string("")], [.string("ABC")]]
        let r = try run(rows, fields: ["NUMNOTA"], config: cfg,
                        xml: [Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 3, number: 2),
                              Fixtures.procInut(cnpj: cnpj, model: 65, series: 3, first: 3, last: 4)])
        let seq = try #require(r.checks.first { $0.name == "fiscal-sequence" })
        #expect(seq.status == .fail)              // data ends at 2, voided up to 4
        #expect(seq.sequence?.lastInData == 2 && seq.sequence?.lastAuthorized == 4 && seq.sequence?.nextSafe == 5)
        #expect(seq.sequence?.authorizedAfterData == [])   // voided numbers are no missing sales
        #expect(seq.sequence?.gaps == [])
        let rows2 = try #require(r.checks.first { $0.name == "fiscal-rows" })
        #expect(rows2.status == .warning)
        #expect(rows2.message.words.en.hasPrefix("2 record(s) of NOTAS"))
    }

    @Test func rowsWithoutIssuerJoinTheOnlyIssuerTheXMLHasForTheSeries() throws {
        let cfg = SequenceConfig(table: "NOTAS", number: "NNF", series: "SERIE", model: "MOD")
        let rows = (1...3).map { [n($0), n(1), n(65)] }
        let r = try run(rows, config: cfg, xml: (1...4).map { Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 1, number: $0) }
                        + [Fixtures.nfeProc(cnpj: "11222333000181", model: 55, series: 9, number: 1)])
        let seqs = r.checks.filter { $0.name == "fiscal-sequence" }
        #expect(seqs.count == 1)
        #expect(seqs[0].sequence?.issuer == cnpj)
        #expect(seqs[0].sequence?.lastAuthorized == 4 && seqs[0].sequence?.authorizedAfterData.map(\.number) == [4])
    }

    @Test func twoIssuersWithoutKeysAreToldApartByTheirSeries() throws {
        let b = "12ABC34501DE35"
        let cfg = SequenceConfig(table: "NOTAS", number: "NNF", series: "SERIE", model: "MOD")
        let rows = (1...3).map { [n($0), n(1), n(65)] } + (1...2).map { [n($0), n(2), n(55)] }
        let r = try run(rows, config: cfg, xml: (1...3).map { Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 1, number: $0) }
                        + (1...2).map { Fixtures.nfeProc(cnpj: b, model: 55, series: 2, number: $0) })
        let seqs = r.checks.compactMap(\.sequence)
        #expect(Set(seqs.map(\.issuer)) == [cnpj, b])
        #expect(seqs.allSatisfy { $0.comparedWithXML && $0.gaps.isEmpty && $0.authorizedAfterData.isEmpty })
        #expect(r.status == .ok)
    }

    @Test func keyThatIsNotTheAuthorizedOne() throws {
        let cfg = SequenceConfig(table: "NOTAS", number: "NNF", series: "SERIE", model: "MOD", key: "CHAVE")
        let other = Fixtures.key(cnpj: cnpj, model: 65, series: 1, number: 1, code: 87654321)
        let r = try run([[n(1), n(1), n(65), .string(other)]], fields: ["NNF", "SERIE", "MOD", "CHAVE"], config: cfg,
                        xml: [Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 1, number: 1)])
        let w = try #require(r.checks.first?.sequence?.wrongKeys.first)
        #expect(w.problems == [.differsFromAuthorized(authorized: Fixtures.key(cnpj: cnpj, model: 65, series: 1, number: 1))])
    }

    @Test func wrongKeysAreCountedInFullAndListedUpToTheLimit() throws {
        let cfg = SequenceConfig(table: "NOTAS", number: "NNF", series: "SERIE", model: "MOD", key: "CHAVE", cnpjValue: cnpj)
        let rows = (1...1005).map { [n($0), n(1), n(65), .string(Fixtures.key(cnpj: cnpj, model: 65, series: 1, number: $0, wrongDigit: true))] }
        let r = try run(rows, fields: ["NNF", "SERIE", "MOD", "CHAVE"], config: cfg)
        let s = try #require(r.checks.first?.sequence)
        #expect(s.wrongKeyCount == 1005)
        #expect(s.wrongKeys.count == WrongKey.listLimit)
        #expect(r.checks.first?.message.words.en.contains("1005 wrong access key(s)") == true)
    }

    @Test func authorizedNotesMissingInsideTheDataRange() throws {
        // data 1, 2, 4, 6; XML 1…6 → 3 and 5 lost inside; nothing after the data; no gaps
        let rows = [1, 2, 4, 6].map { [n($0), n(1), n(65)] }
        let r = try run(rows, xml: (1...6).map { Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 1, number: $0) })
        let item = try #require(r.checks.first)
        #expect(item.status == .warning)
        #expect(item.sequence?.authorizedMissingInData == [3, 5])
        #expect(item.sequence?.authorizedAfterData == [])
        #expect(item.sequence?.gaps == [])
        #expect(item.message.words.pt.contains("2 nota(s) autorizada(s) dentro da faixa dos dados"))
    }

    @Test func wrongKeyInTheXMLIsReportedOnceAndNotBlamedOnTheRow() throws {
        let cfg = SequenceConfig(table: "NOTAS", number: "NNF", series: "SERIE", model: "MOD", key: "CHAVE")
        let right = Fixtures.key(cnpj: cnpj, model: 65, series: 1, number: 1)
        let wrong = Fixtures.key(cnpj: cnpj, model: 65, series: 1, number: 1, wrongDigit: true)
        let r = try run([[n(1), n(1), n(65), .string(right)]], fields: ["NNF", "SERIE", "MOD", "CHAVE"], config: cfg,
                        xml: [Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 1, number: 1, key: wrong)])
        let s = try #require(r.checks.first?.sequence)
        #expect(r.checks.first?.status == .fail)
        #expect(s.wrongKeys.map(\.source) == [.xml])
        #expect(s.wrongKeys.first?.key == wrong)
    }

    @Test func missingTableOrFieldIsUnusableInput() {
        #expect(throws: FiscalError.tableNotFound(table: "VENDAS", folder: "(memory)", configFile: nil)) {
            try FiscalCheck.run(data: InMemoryData(tables: []), index: nil,
                                config: CheckConfig(sequences: [SequenceConfig(table: "VENDAS", number: "N", modelValue: 65)]))
        }
        #expect(throws: FiscalError.fieldNotFound(table: "NOTAS", field: "NUMERO", file: "NOTAS.DBF", configFile: nil)) {
            try run([[n(1), n(1), n(65)]], config: SequenceConfig(table: "NOTAS", number: "NUMERO", seriesValue: 1, modelValue: 65))
        }
        #expect(throws: FiscalError.nothingToCheck(folder: "(memory)")) {
            try FiscalCheck.run(data: InMemoryData(tables: [InMemoryTable(name: "X", fieldNames: ["A"], rows: [])]), index: nil, config: nil)
        }
    }
}
