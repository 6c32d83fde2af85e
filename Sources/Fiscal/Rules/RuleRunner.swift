import XBase
import ResgateLocale

/// Runs the `[[rule]]` entries (spec checks.md §2). Each reads its tables once, streaming;
/// offending rows are counted in full and listed up to `exampleLimit`.
enum RuleRunner {
    static let exampleLimit = 50

    static func run(_ rule: RuleConfig, data: any CheckData, referenceDate: DBFDateTime?,
                    configFile: String?) throws(FiscalError) -> CheckItem {
        let table = try open(rule.table, data, configFile)
        switch rule.kind {
        case .notEmpty: return try notEmpty(rule, table)
        case .unique: return try unique(rule, table, configFile)
        case .reference: return try reference(rule, table, data, configFile)
        case .freshness: return try Freshness.run(rule, table, referenceDate: referenceDate, configFile: configFile)
        }
    }

    static func open(_ name: String, _ data: any CheckData, _ configFile: String?) throws(FiscalError) -> any CheckTable {
        guard let t = try data.table(named: name) else {
            throw .tableNotFound(table: name, folder: data.folder, configFile: configFile)
        }
        return t
    }

    static func field(_ name: String, _ t: any CheckTable, _ configFile: String?) throws(FiscalError) -> Int {
        guard let i = t.fieldIndex(name) else {
            throw .fieldNotFound(table: t.name, field: name, file: t.file, configFile: configFile)
        }
        return i
    }

    static func scan(_ t: any CheckTable, _ fields: [Int], _ body: (Int, [DBFValue]) -> Void) throws(FiscalError) -> Int {
        var live = 0
        do {
            try t.forEachRow(fields: fields) { rec, deleted, v in
                if deleted { return }
                live += 1
                body(rec, v)
            }
        } catch { throw .unreadableTable(file: t.file, reason: Cause(error)) }
        return live
    }

    /// Text used to compare values across fields of different types: trimmed, numbers in
    /// plain form, and digit-only codes without leading zeros ("007" = 7).
    static func comparable(_ v: DBFValue) -> String? {
        guard let t = v.text else { return nil }
        if t.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            let s = t.drop { $0 == "0" }
            return s.isEmpty ? "0" : String(s)
        }
        return t
    }

    private static func notEmpty(_ rule: RuleConfig, _ t: any CheckTable) throws(FiscalError) -> CheckItem {
        let min = rule.min ?? 1
        let live = try scan(t, []) { _, _ in }
        let ok = live >= min
        let result = RuleResult(kind: rule.kind.rawValue, table: t.name, fields: [], records: live,
                                offending: ok ? 0 : min - live, examples: [], newest: nil, referenceDate: nil)
        let msg: FiscalPhrase = ok ? .notEmpty(table: t.name, records: live, minimum: min)
            : .tooFewRecords(table: t.name, records: live, minimum: min)
        return CheckItem(name: rule.kind.rawValue, status: ok ? .ok : rule.severity, subject: t.name, message: [msg], rule: result)
    }

    private static func unique(_ rule: RuleConfig, _ t: any CheckTable, _ cf: String?) throws(FiscalError) -> CheckItem {
        var idx: [Int] = []
        for f in rule.fields { idx.append(try field(f, t, cf)) }
        var firstSeen: [String: Int] = [:]
        var dupes: [String: [Int]] = [:]
        var order: [String] = []
        let live = try scan(t, idx) { rec, v in
            let parts = v.map { comparable($0) ?? "" }
            guard parts.contains(where: { !$0.isEmpty }) else { return }
            let key = parts.joined(separator: "\u{1F}")
            if let first = firstSeen[key] {
                if dupes[key] == nil { dupes[key] = [first]; order.append(key) }
                dupes[key]!.append(rec)
            } else { firstSeen[key] = rec }
        }
        let offending = dupes.values.reduce(0) { $0 + $1.count - 1 }
        let examples = order.prefix(exampleLimit).map { k in
            Offender(record: dupes[k]![0], value: k.replacingOccurrences(of: "\u{1F}", with: " + "), others: Array(dupes[k]!.dropFirst()))
        }
        let subject = t.name + "." + rule.fields.joined(separator: "+")
        let result = RuleResult(kind: rule.kind.rawValue, table: t.name, fields: rule.fields, records: live,
                                offending: offending, examples: examples, newest: nil, referenceDate: nil)
        let shown = examples.prefix(5).map { FiscalPhrase.ValueRecords(value: $0.value, records: [$0.record] + ($0.others ?? [])) }
        let msg: FiscalPhrase = offending == 0 ? .noRepeats(subject: subject, records: live)
            : .repeatedValues(subject: subject, values: dupes.count, extra: offending, examples: shown)
        return CheckItem(name: rule.kind.rawValue, status: offending == 0 ? .ok : rule.severity, subject: subject, message: [msg], rule: result)
    }

    private static func reference(_ rule: RuleConfig, _ t: any CheckTable, _ data: any CheckData, _ cf: String?) throws(FiscalError) -> CheckItem {
        let f = try field(rule.field!, t, cf)
        let target = rule.references!
        let other = try open(target.table, data, cf)
        let of = try field(target.field, other, cf)
        var known = Set<String>()
        _ = try scan(other, [of]) { _, v in if let c = comparable(v[0]) { known.insert(c) } }
        var offending = 0
        var examples: [Offender] = []
        var missingValues = Set<String>()
        let live = try scan(t, [f]) { rec, v in
            guard let c = comparable(v[0]), !known.contains(c) else { return }
            offending += 1
            missingValues.insert(c)
            if examples.count < exampleLimit { examples.append(Offender(record: rec, value: v[0].shown, others: nil)) }
        }
        let subject = "\(t.name).\(rule.field!) → \(target)"
        let result = RuleResult(kind: rule.kind.rawValue, table: t.name, fields: [rule.field!, target.description], records: live,
                                offending: offending, examples: examples, newest: nil, referenceDate: nil)
        let shown = examples.prefix(5).map { FiscalPhrase.ValueRecords(value: $0.value, records: [$0.record]) }
        let msg: FiscalPhrase = offending == 0 ? .allReferencesFound(subject: subject, records: live)
            : .referencesMissing(subject: subject, records: offending, values: missingValues.count, target: target.description,
                                 targetTable: target.table, examples: shown)
        return CheckItem(name: rule.kind.rawValue, status: offending == 0 ? .ok : rule.severity, subject: subject, message: [msg], rule: result)
    }
}
