import Foundation
import ResgateLocale
import Testing

/// Issue 15: what is wrong with a key of `resgate.toml` is a `ConfigProblem`, worded by the
/// catalogue in both languages, the message still naming file, line, entry and key. The
/// `index` switch has no `default`, so a new case does not compile until it has a sample.
@Suite struct ConfigProblemWordsTests {
    static let problems: [ConfigProblem] = [
        .unknownKey(known: ["table", "fields"]), .required(nil), .writtenAs(header: "[[rule]]"),
        .outOfRange(min: 0, max: 100_000), .oneOf(["fail", "warning"]), .fieldOrValue(field: "series", value: "series_value"),
        .xmlOrValue, .unknownRule("nova", known: ["unique", "reference"]), .modelValue(57), .notAPath("/ide"),
    ] + ConfigForm.allCases.flatMap { [ConfigProblem.mustBe($0), .required($0)] }

    static func index(_ p: ConfigProblem) -> Int {
        switch p {
        case .unknownKey: 0
        case .required: 1
        case .mustBe: 2
        case .writtenAs: 3
        case .outOfRange: 4
        case .oneOf: 5
        case .fieldOrValue: 6
        case .xmlOrValue: 7
        case .unknownRule: 8
        case .modelValue: 9
        case .notAPath: 10
        }
    }

    /// The Portuguese without what is written as in the file: keys in backquotes or quotes,
    /// TOML tables and headers.
    static func prose(_ pt: String) -> String {
        pt.replacingOccurrences(of: #"`[^`]*`|"[^"]*"|'[^']*'|\{[^}]*\}|\[[^\]]*\]|\([^)]*:[^)]*\)"#, with: "", options: .regularExpression)
    }

    @Test func everyConfigProblemIsWordedInBothLanguages() {
        #expect(Set(Self.problems.map(Self.index)) == Set(0...10), "a ConfigProblem case has no sample")
        for p in Self.problems {
            let pt = p.text(in: .pt), en = p.text(in: .en)
            #expect(!pt.isEmpty && pt != en, "\(p): \(pt)")
            EnglishLeaks.expectNone(in: Self.prose(pt), command: ["(catalogue)", "\(p)"])
        }
    }

    @Test func aConfigErrorNamesFileLineEntryAndKey() {
        let e = FiscalErrorPhrase.configValue(file: "loja.toml", line: 7, entry: "[[rule]] #2", key: "severity", reason: .oneOf(["fail", "warning"]))
        #expect(e.text(in: .en) == "loja.toml:7: [[rule]] #2, key 'severity': must be \"fail\" or \"warning\"")
        #expect(e.text(in: .pt) == "loja.toml:7: [[rule]] #2, chave 'severity': deve ser \"fail\" ou \"warning\"")
        let top = FiscalErrorPhrase.configValue(file: "loja.toml", line: nil, entry: nil, key: "regra", reason: .unknownKey(known: ["fiscal", "rule"]))
        #expect(top.text(in: .pt) == "loja.toml: nível principal, chave 'regra': chave desconhecida (as válidas são: fiscal, rule)")
    }

    @Test func aMergeConfigErrorNamesFileLineEntryAndKey() {
        let e = MergeConfigFailure.value(file: "resgate.toml", line: 3, entry: "[merge.VENDAS]", key: "chave", reason: .unknownKey(known: ["key", "changed"]))
        #expect(Phrase.invalidMergeConfig(e).text(in: .en)
            == "unusable [merge] configuration: resgate.toml:3: [merge.VENDAS], key 'chave': unknown key (known: key, changed)")
        #expect(Phrase.invalidMergeConfig(e).text(in: .pt)
            == "configuração [merge] inutilizável: resgate.toml:3: [merge.VENDAS], chave 'chave': chave desconhecida (as válidas são: key, changed)")
        let whole = MergeConfigFailure.value(file: "resgate.toml", line: nil, entry: "[merge]", key: nil, reason: .mustBe(.table))
        #expect(Phrase.invalidMergeConfig(whole).text(in: .pt) == "configuração [merge] inutilizável: resgate.toml: [merge]: deve ser uma tabela")
    }

    /// `recreate`'s refusal of a value (`MapProblem`), in both languages.
    @Test func everyMapProblemIsWordedInBothLanguages() {
        let all: [MapProblem] = [.notInMap(known: ["01", "03"]), .notADecimal, .notAnIntegerField, .notANumber, .notAnISODate,
                                 .notAnISODateTime, .badTimeOfDay, .notALogical, .typeNotWritten("G")]
        for p in all {
            let e = FiscalErrorPhrase.cannotMap(xml: "nota.xml", table: "VENDAS", field: "X", path: "ide/nNF", text: "x", reason: p)
            #expect(e.text(in: .pt) != e.text(in: .en), "\(p)")
            EnglishLeaks.expectNone(in: Self.prose(e.text(in: .pt)), command: ["(catalogue)", "\(p)"])
        }
    }
}
