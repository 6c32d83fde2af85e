import Testing
import XBase
@testable import Fiscal

@Suite struct RuleTests {
    func n(_ v: Int) -> DBFValue { .number(DecimalNumber(Int64(v))) }
    var data: InMemoryData {
        InMemoryData(tables: [
            InMemoryTable(name: "VENDAS", fieldNames: ["NUMERO", "CLIENTE", "DATA"], rows: [
                [n(1), n(1), .date(DBFDate(year: 2026, month: 7, day: 9))],
                [n(2), .string("007"), .date(DBFDate(year: 2026, month: 7, day: 10))],
                [n(2), n(9), .date(nil)],
                [n(3), .string(""), .date(DBFDate(year: 2026, month: 7, day: 8))],
                [n(4), n(9), .dateTime(DBFDateTime(date: DBFDate(year: 2026, month: 7, day: 10), hour: 18, minute: 2, second: 0))],
            ], deleted: []),
            InMemoryTable(name: "CLIENTES", fieldNames: ["CODIGO"], rows: [[n(1)], [n(7)]]),
        ])
    }

    func item(_ rule: RuleConfig, reference: DBFDateTime? = nil) throws -> CheckItem {
        try RuleRunner.run(rule, data: data, referenceDate: reference, configFile: nil)
    }

    @Test func referenceListsTheMissingOnesAndSkipsBlanks() throws {
        let i = try item(RuleConfig(kind: .reference, table: "VENDAS", field: "CLIENTE", references: FieldRef(table: "CLIENTES", field: "CODIGO")))
        #expect(i.status == .fail)
        #expect(i.rule?.offending == 2)                // 9 twice; "007" matches 7; blank skipped
        #expect(i.rule?.examples.map(\.record) == [3, 5])
        #expect(i.message.words.en.contains("2 record(s) point to 1 value(s) missing from CLIENTES.CODIGO"))
    }

    @Test func uniqueFindsRepeats() throws {
        let i = try item(RuleConfig(kind: .unique, table: "VENDAS", fields: ["NUMERO"]))
        #expect(i.status == .fail)
        #expect(i.rule?.offending == 1)
        #expect(i.rule?.examples == [Offender(record: 2, value: "2", others: [3])])
        let ok = try item(RuleConfig(kind: .unique, table: "VENDAS", fields: ["NUMERO", "CLIENTE"]))
        #expect(ok.status == .ok)
    }

    @Test func notEmpty() throws {
        #expect(try item(RuleConfig(kind: .notEmpty, table: "CLIENTES", min: 2)).status == .ok)
        let few = try item(RuleConfig(kind: .notEmpty, table: "CLIENTES", min: 3, severity: .warning))
        #expect(few.status == .warning)
        #expect(few.rule?.records == 2)
    }

    @Test func freshnessAgainstTheBackupDate() throws {
        let rule = RuleConfig(kind: .freshness, table: "VENDAS", field: "DATA", maxAgeDays: 1, severity: .warning)
        let plain = try item(rule)
        #expect(plain.status == .ok)
        #expect(plain.rule?.newest == "2026-07-10T18:02:00")
        let fresh = try item(rule, reference: DBFDateTime(date: DBFDate(year: 2026, month: 7, day: 11), milliseconds: 0))
        #expect(fresh.status == .ok)
        let stale = try item(rule, reference: DBFDateTime(date: DBFDate(year: 2026, month: 7, day: 20), milliseconds: 0))
        #expect(stale.status == .warning)
        #expect(stale.message.words.en.contains("10 day(s) before the backup's date (2026-07-20)"))
    }
}
