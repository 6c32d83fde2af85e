import Foundation
import ResgateLocale
import Testing
import XBase
@testable import Fiscal

/// A verdict for every number, on XML generated here (valid keys and check digits,
/// numeric and alphanumeric CNPJ), each case worked out by hand.
@Suite struct VerdictTests {
    func n(_ v: Int) -> DBFValue { .number(DecimalNumber(Int64(v))) }
    static let numeric = "12345678000195"
    static let alphanumeric = "12ABC34501DE35"
    /// Thursday 2026-07-16: 2026-07-10 was a Friday.
    let today = DBFDate(year: 2026, month: 7, day: 16)

    func issued(_ n: Int) -> String { String(format: "2026-07-10T%02d:%02d:00-03:00", 8 + n / 60, n % 60) }

    /// Rows (number, key) in a NOTAS table for one issuer, model 65 series 1, and an index
    /// of the given XML texts.
    func check(cnpj: String, data: [Int], dataKeys: [Int: String] = [:], xml: [String], window: Int = 50,
               rule: DeadlineRule? = nil) throws -> SequenceResult {
        let rows = data.map { num -> [DBFValue] in
            [n(num), n(1), n(65), .string(dataKeys[num] ?? Fixtures.key(cnpj: cnpj, model: 65, series: 1, number: num))]
        }
        let table = InMemoryTable(name: "NOTAS", fieldNames: ["NNF", "SERIE", "MOD", "CHAVE"], rows: rows)
        var idx = AuthorizedIndex()
        var reader = FiscalXMLReader()
        for (i, x) in xml.enumerated() {
            Array(x.utf8).withUnsafeBytes { reader.read($0, file: String(format: "x%03d.xml", i), into: &idx) }
        }
        idx.normalize()
        var cfg = CheckConfig(sequences: [SequenceConfig(table: "NOTAS", number: "NNF", series: "SERIE", model: "MOD",
                                                         key: "CHAVE", cnpjValue: cnpj)])
        cfg.verdicts = VerdictSettings(contingencyWindow: window, contingencyRule: rule)
        let report = try FiscalCheck.run(data: InMemoryData(tables: [table]), index: idx, config: cfg, today: today)
        return try #require(report.checks.first { $0.name == "fiscal-sequence" }?.sequence)
    }

    func proc(_ cnpj: String, _ num: Int, status: Int = 100, environment: Int = 1, emission: Int = 1, entry: Bool = false,
              withProtocol: Bool = true) -> String {
        Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 1, number: num, status: status, environment: environment,
                         issued: issued(num), withProtocol: withProtocol, emission: emission, entry: entry)
    }

    func kinds(_ s: SequenceResult) -> [String] {
        s.verdicts.map { "\($0.span)=\($0.verdict.rawValue)" }
    }

    @Test(arguments: [numeric, alphanumeric])
    func everyCaseOnce(cnpj: String) throws {
        // data 1…10 without 4, 5 and 9; XML: 1…3, 6…8, 10 authorized, plus
        // 4 authorized (lost sale), 5 denied, 9 cancelled by substitution,
        // 11 authorized entry note, 12–13 nowhere, 14 voided, 15 cancelled, 16 authorized,
        // 17 homologation only (so nowhere), 18 authorized
        let key9 = Fixtures.key(cnpj: cnpj, model: 65, series: 1, number: 9)
        let key15 = Fixtures.key(cnpj: cnpj, model: 65, series: 1, number: 15)
        var xml = ([1, 2, 3, 4, 6, 7, 8, 9, 10, 15, 16, 18]).map { proc(cnpj, $0) }
        xml += [proc(cnpj, 5, status: 302), proc(cnpj, 11, entry: true), proc(cnpj, 17, environment: 2),
                Fixtures.procEvento(key: key9, cnpj: cnpj, type: "110112", status: 135),
                Fixtures.procEvento(key: key15, cnpj: cnpj, type: "110111", status: 135),
                Fixtures.procInut(cnpj: cnpj, model: 65, series: 1, first: 14, last: 14)]
        let s = try check(cnpj: cnpj, data: [1, 2, 3, 6, 7, 8, 10], xml: xml, window: 0)
        #expect(kinds(s) == ["4=recreate", "5=denied", "9=substituted", "11=recreate", "12–13=void",
                             "14=already-voided", "15=cancelled", "16=recreate", "17=void", "18=recreate"])
        let entry = try #require(s.verdicts.first { $0.from == 11 })
        #expect(entry.entry == true)
        #expect(entry.key == Fixtures.key(cnpj: cnpj, model: 65, series: 1, number: 11))
        // the voiding deadline: the 10th of the month after the notes around the gap
        let void = try #require(s.verdicts.first { $0.from == 12 })
        #expect(void.deadline == "2026-08-10" && void.deadlineRule == .tenthOfNextMonth && void.daysLeft == 25)
        #expect(s.nextSafe == 19)
    }

    /// `recreate` leaves entry notes to the ERP, so an entry note's number is never joined
    /// with lost sales around it, and its line says to post it by hand.
    @Test func anEntryNoteIsNotJoinedWithLostSales() throws {
        let xml = [1, 2, 3, 4, 6, 7].map { proc(Self.numeric, $0) } + [proc(Self.numeric, 5, entry: true)]
        let s = try check(cnpj: Self.numeric, data: [1, 2, 3, 7], xml: xml, window: 0)
        #expect(kinds(s) == ["4=recreate", "5=recreate", "6=recreate"])
        let entry = try #require(s.verdicts.first { $0.from == 5 })
        #expect(entry.entry == true)
        #expect(entry.words.text(in: .pt).contains("nota de entrada: lance-a à mão no ERP"))
        #expect(entry.words.text(in: .en).contains("entry note: post it by hand"))
        let sale = try #require(s.verdicts.first { $0.from == 4 })
        #expect(!sale.words.text(in: .pt).contains("nota de entrada"))
    }

    @Test func dataRowWithoutAuthorizationIsNeverVoided() throws {
        // XML covers 5…8; data 1…8; 7 has no authorization anywhere; 1…4 predate the XML
        let s = try check(cnpj: Self.numeric, data: Array(1...8), xml: [5, 6, 8].map { proc(Self.numeric, $0) })
        #expect(kinds(s) == ["7=transmit-or-query"])
        #expect(s.gaps.isEmpty)
    }

    @Test func offlineNoteIsTransmittedByTheNextBusinessDay() throws {
        // 20 signed offline on Friday 2026-07-10, never authorized: the next business day is Monday 13th
        let s = try check(cnpj: Self.numeric, data: Array(1...19),
                          xml: (1...19).map { proc(Self.numeric, $0) } + [proc(Self.numeric, 20, emission: 9, withProtocol: false)])
        let v = try #require(s.verdicts.first)
        #expect(kinds(s) == ["20=transmit"])
        #expect(v.deadline == "2026-07-13" && v.deadlineRule == .nextBusinessDay && v.daysLeft == -3)
        #expect(v.key == Fixtures.key(cnpj: Self.numeric, model: 65, series: 1, number: 20, emission: 9))
        #expect(s.lastAuthorized == 20 && s.nextSafe == 21)
    }

    @Test func sergipeCountsTwentyFourHours() throws {
        let k = Fixtures.key(uf: 28, cnpj: Self.numeric, model: 65, series: 1, number: 3, emission: 9)
        let pending = Fixtures.nfeProc(cnpj: Self.numeric, model: 65, series: 1, number: 3, key: k, issued: issued(3),
                                       withProtocol: false, emission: 9).replacingOccurrences(of: "<cUF>35</cUF>", with: "<cUF>28</cUF>")
        let s = try check(cnpj: Self.numeric, data: [1, 2], xml: [proc(Self.numeric, 1), proc(Self.numeric, 2), pending])
        let v = try #require(s.verdicts.first { $0.verdict == .transmit })
        #expect(v.deadlineRule == .hours24)
        #expect(v.deadline == "2026-07-11T08:03:00-03:00")
        // the config's rule wins over the state's
        let forced = try check(cnpj: Self.numeric, data: [1, 2], xml: [proc(Self.numeric, 1), proc(Self.numeric, 2), pending],
                               rule: .nextBusinessDay)
        #expect(forced.verdicts.first?.deadlineRule == .nextBusinessDay)
    }

    @Test func gapNearAContingencyNoteIsCheckedInThePointsOfSaleFirst() throws {
        // 3–4 nowhere; 6 signed offline → 3–4 is 2 numbers from it
        let xml = [1, 2, 5, 7].map { proc(Self.numeric, $0) } + [proc(Self.numeric, 6, emission: 9, withProtocol: false)]
        let near = try check(cnpj: Self.numeric, data: [1, 2, 5, 7], xml: xml, window: 2)
        #expect(kinds(near) == ["3–4=check-pos-before-voiding", "6=transmit"])
        #expect(near.verdicts.first?.nearContingency == 6)
        // by number alone it is too far with window 1, but 6 was issued (08:06) between
        // the notes around the gap (2 at 08:02 and 5 at 08:05)? No: after 5 → void
        let far = try check(cnpj: Self.numeric, data: [1, 2, 5, 7], xml: xml, window: 1)
        #expect(kinds(far) == ["3–4=void", "6=transmit"])
    }

    @Test func contingencyIssuedDuringTheGapIsNearInTime() throws {
        // 30 authorized after being issued offline at 08:03, between 2 (08:02) and 40 (08:40):
        // both gaps are far from it in number, but the point of sale was offline while
        // their numbers were skipped
        let k30 = Fixtures.key(cnpj: Self.numeric, model: 65, series: 1, number: 30, emission: 9)
        let offline = Fixtures.nfeProc(cnpj: Self.numeric, model: 65, series: 1, number: 30, key: k30, issued: issued(3), emission: 9)
        let s = try check(cnpj: Self.numeric, data: [1, 2, 30, 40], xml: [proc(Self.numeric, 1), proc(Self.numeric, 2), offline,
                                                                        proc(Self.numeric, 40)], window: 0)
        #expect(kinds(s) == ["3–29=check-pos-before-voiding", "31–39=check-pos-before-voiding"])
        #expect(s.verdicts.first?.nearContingency == 30)
    }

    @Test func dataRowKeyedAsContingencyMakesNeighboursSuspect() throws {
        let k5 = Fixtures.key(cnpj: Self.numeric, model: 65, series: 1, number: 5, emission: 9)
        let s = try check(cnpj: Self.numeric, data: [1, 2, 5], dataKeys: [5: k5], xml: [1, 2].map { proc(Self.numeric, $0) }, window: 3)
        #expect(kinds(s) == ["3–4=check-pos-before-voiding", "5=transmit-or-query"])
    }

    @Test func withoutXMLNothingIsJudged() throws {
        let table = InMemoryTable(name: "NOTAS", fieldNames: ["NNF", "SERIE", "MOD"], rows: [[n(1), n(1), n(65)], [n(5), n(1), n(65)]])
        let cfg = CheckConfig(sequences: [SequenceConfig(table: "NOTAS", number: "NNF", series: "SERIE", model: "MOD", cnpjValue: Self.numeric)])
        let r = try FiscalCheck.run(data: InMemoryData(tables: [table]), index: nil, config: cfg, today: today)
        #expect(r.checks.first?.sequence?.verdicts == [])
        #expect(r.checks.first?.sequence?.gaps == [[2, 4]])
    }

    @Test func verdictsAreInTheJSONWithTheirFacts() throws {
        let s = try check(cnpj: Self.numeric, data: [1], xml: [proc(Self.numeric, 1), proc(Self.numeric, 3)])
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(s)) as! [String: Any]
        let v = try #require((json["verdicts"] as? [[String: Any]])?.first)
        #expect(v["verdict"] as? String == "void" && v["from"] as? Int == 2 && v["deadlineRule"] as? String == "tenth-of-next-month")
        let words = VerdictKind.void.words
        #expect(words.pt == "inutilizar" && words.en == "void")
    }

    @Test func transmitDeadlineSkipsTheWeekend() {
        // Friday → Monday; Saturday → Monday; Monday → Tuesday
        #expect(Verdicts.transmitDeadline(issued: "2026-07-10T23:00:00-03:00", rule: .nextBusinessDay)?.0 == "2026-07-13")
        #expect(Verdicts.transmitDeadline(issued: "2026-07-11T10:00:00-03:00", rule: .nextBusinessDay)?.0 == "2026-07-13")
        #expect(Verdicts.transmitDeadline(issued: "2026-07-13T10:00:00-03:00", rule: .nextBusinessDay)?.0 == "2026-07-14")
        #expect(Verdicts.transmitDeadline(issued: "2026-12-31T10:00:00-03:00", rule: .hours24)?.0 == "2027-01-01T10:00:00-03:00")
        #expect(Verdicts.transmitDeadline(issued: "garbage", rule: .hours24) == nil)
    }
}
