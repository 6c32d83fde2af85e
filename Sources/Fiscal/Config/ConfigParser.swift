import Foundation
import TOMLKit
import ResgateLocale

/// Reads `resgate.toml` with TOMLKit and turns it into a `CheckConfig`, refusing unknown
/// keys (a typo would otherwise silently turn a check off) and naming file, line and key
/// in every error.
public enum ConfigParser {
    public static func load(file: String) throws(FiscalError) -> CheckConfig {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw .cannotRead(path: file, reason: "\(error.localizedDescription)")
        }
        var config = try parse(text, file: file)
        let dir = (file as NSString).deletingLastPathComponent
        func resolved(_ x: String) -> String { x.hasPrefix("/") || dir.isEmpty ? x : dir + "/" + x }
        config.xmlFolder = config.xmlFolder.map(resolved)
        config.pendingFolders = config.pendingFolders.map(resolved)
        return config
    }

    public static func parse(_ text: String, file: String = "resgate.toml") throws(FiscalError) -> CheckConfig {
        let root: TOMLTable
        do { root = try TOMLTable(string: text) } catch let e as TOMLParseError {
            throw .configSyntax(file: file, line: e.source.begin.line, column: e.source.begin.column, reason: e.description)
        } catch {
            throw .configSyntax(file: file, line: 0, column: 0, reason: "\(error)")
        }
        let lines = HeaderLines(text)
        var config = CheckConfig(file: file)
        // [merge] belongs to `restore --merge` (RestoreKit's MergeConfig reads it)
        for k in root.keys where !["fiscal", "rule", "recreate", "merge"].contains(k) {
            throw .configValue(file: file, line: nil, entry: nil, key: k, reason: .unknownKey(known: ["fiscal", "rule", "recreate", "merge"]))
        }
        if let fiscal = root["fiscal"] {
            guard let ft = fiscal.table else { throw .configValue(file: file, line: nil, entry: nil, key: "fiscal", reason: .mustBe(.table)) }
            let known = ["sequence", "xml", "pending", "contingency_window", "contingency_deadline"]
            for k in ft.keys where !known.contains(k) {
                throw .configValue(file: file, line: lines.line(of: "[fiscal]", occurrence: 0), entry: "[fiscal]", key: k, reason: .unknownKey(known: known))
            }
            let fe = Entry(file: file, name: "[fiscal]", line: lines.line(of: "[fiscal]", occurrence: 0))
            if let p = ft["pending"] {
                guard let arr = p.array, arr.allSatisfy({ $0.string != nil }) else { throw fe.error("pending", .mustBe(.folderList)) }
                config.pendingFolders = arr.compactMap { $0.string }
            }
            if let w = try fe.int(ft, "contingency_window") {
                guard w >= 0 && w <= 100_000 else { throw fe.error("contingency_window", .outOfRange(min: 0, max: 100_000)) }
                config.verdicts.contingencyWindow = w
            }
            if let d = try fe.string(ft, "contingency_deadline") {
                guard let r = DeadlineRule(rawValue: d), r != .tenthOfNextMonth else {
                    throw fe.error("contingency_deadline", .oneOf(["next-business-day", "24h"]))
                }
                config.verdicts.contingencyRule = r
            }
            if let x = ft["xml"] {
                guard let s = x.string else { throw .configValue(file: file, line: nil, entry: "[fiscal]", key: "xml", reason: .mustBe(.folder)) }
                config.xmlFolder = s
            }
            if let seq = ft["sequence"] {
                guard let arr = seq.array else { throw .configValue(file: file, line: nil, entry: "[fiscal]", key: "sequence", reason: .writtenAs(header: "[[fiscal.sequence]]")) }
                for (i, v) in arr.enumerated() {
                    let entry = Entry(file: file, name: "[[fiscal.sequence]] #\(i + 1)", line: lines.line(of: "[[fiscal.sequence]]", occurrence: i))
                    guard let t = v.table else { throw entry.error("", .mustBe(.table)) }
                    config.sequences.append(try sequence(t, entry))
                }
            }
        }
        if let rc = root["recreate"] {
            guard let rt = rc.table else { throw .configValue(file: file, line: nil, entry: nil, key: "recreate", reason: .mustBe(.table)) }
            config.recreate = try RecreateConfigParser.parse(rt, entry: Entry(file: file, name: "[recreate]", line: lines.line(of: "[recreate", occurrence: 0)))
        }
        if let rules = root["rule"] {
            guard let arr = rules.array else { throw .configValue(file: file, line: nil, entry: nil, key: "rule", reason: .writtenAs(header: "[[rule]]")) }
            for (i, v) in arr.enumerated() {
                let entry = Entry(file: file, name: "[[rule]] #\(i + 1)", line: lines.line(of: "[[rule]]", occurrence: i))
                guard let t = v.table else { throw entry.error("", .mustBe(.table)) }
                config.rules.append(try rule(t, entry))
            }
        }
        return config
    }

    private static func sequence(_ t: TOMLTable, _ e: Entry) throws(FiscalError) -> SequenceConfig {
        try e.onlyKeys(t, ["table", "number", "series", "series_value", "model", "model_value", "key",
                           "cnpj", "cnpj_value", "counter", "first"])
        var s = SequenceConfig(table: try e.string(t, "table", required: true)!,
                               number: try e.string(t, "number", required: true)!)
        s.series = try e.string(t, "series")
        s.seriesValue = try e.int(t, "series_value")
        s.model = try e.string(t, "model")
        s.modelValue = try e.int(t, "model_value")
        s.key = try e.string(t, "key")
        s.cnpj = try e.string(t, "cnpj")
        if let c = t["cnpj_value"] {
            if let str = c.string { s.cnpjValue = str.filter { $0.isLetter || $0.isNumber }.uppercased() }
            else if let n = c.int { let d = String(n); s.cnpjValue = String(repeating: "0", count: max(0, 14 - d.count)) + d }
            else { throw e.error("cnpj_value", .mustBe(.cnpj)) }
        }
        s.counter = try e.fieldRef(t, "counter")
        s.first = try e.int(t, "first")
        if s.series == nil && s.seriesValue == nil { throw e.error("series", .fieldOrValue(field: "series", value: "series_value")) }
        if s.model == nil && s.modelValue == nil { throw e.error("model", .fieldOrValue(field: "model", value: "model_value = \"65\"")) }
        if let m = s.modelValue, m != 55 && m != 65 { throw e.error("model_value", .modelValue(m)) }
        return s
    }

    private static func rule(_ t: TOMLTable, _ e: Entry) throws(FiscalError) -> RuleConfig {
        let kindText = try e.string(t, "kind", required: true)!
        guard let kind = RuleConfig.Kind(rawValue: kindText) else {
            throw e.error("kind", .unknownRule(kindText, known: RuleConfig.Kind.allCases.map(\.rawValue)))
        }
        var r = RuleConfig(kind: kind, table: try e.string(t, "table", required: true)!)
        // how far back the data goes is a thing to look at, not a reason to refuse opening
        if kind == .freshness { r.severity = .warning }
        if let sev = try e.string(t, "severity") {
            guard let st = CheckStatus(rawValue: sev), st != .ok else { throw e.error("severity", .oneOf(["fail", "warning"])) }
            r.severity = st
        }
        switch kind {
        case .freshness:
            try e.onlyKeys(t, ["kind", "table", "field", "max_age_days", "severity"])
            r.field = try e.string(t, "field", required: true)
            r.maxAgeDays = try e.int(t, "max_age_days")
        case .reference:
            try e.onlyKeys(t, ["kind", "table", "field", "references", "severity"])
            r.field = try e.string(t, "field", required: true)
            r.references = try e.fieldRef(t, "references")
            if r.references == nil { throw e.error("references", .required(.reference)) }
        case .unique:
            try e.onlyKeys(t, ["kind", "table", "field", "fields", "severity"])
            if let one = try e.string(t, "field") { r.fields = [one] }
            if let many = t["fields"] {
                guard let arr = many.array, arr.allSatisfy({ $0.string != nil }), !arr.isEmpty else {
                    throw e.error("fields", .mustBe(.fieldNames))
                }
                r.fields = arr.compactMap { $0.string }
            }
            if r.fields.isEmpty { throw e.error("fields", .required(.uniqueFields)) }
        case .notEmpty:
            try e.onlyKeys(t, ["kind", "table", "min", "severity"])
            r.min = try e.int(t, "min")
        }
        return r
    }
}

/// Reads typed values of one entry, with errors that name it.
struct Entry {
    let file: String, name: String, line: Int?

    func error(_ key: String, _ reason: ConfigProblem) -> FiscalError {
        .configValue(file: file, line: line, entry: name, key: key, reason: reason)
    }
    func onlyKeys(_ t: TOMLTable, _ known: [String]) throws(FiscalError) {
        for k in t.keys where !known.contains(k) {
            throw error(k, .unknownKey(known: known))
        }
    }
    func string(_ t: TOMLTable, _ key: String, required: Bool = false) throws(FiscalError) -> String? {
        guard let v = t[key] else {
            if required { throw error(key, .required(nil)) }
            return nil
        }
        guard let s = v.string, !s.trimmingCharacters(in: .whitespaces).isEmpty else { throw error(key, .mustBe(.nonEmptyString)) }
        return s.trimmingCharacters(in: .whitespaces)
    }
    /// Accepts `65` and `"65"`.
    func int(_ t: TOMLTable, _ key: String) throws(FiscalError) -> Int? {
        guard let v = t[key] else { return nil }
        if let i = v.int { return i }
        if let s = v.string, let i = Int(s.trimmingCharacters(in: .whitespaces)) { return i }
        throw error(key, .mustBe(.wholeNumber))
    }
    /// Accepts `{ table = "T", field = "F" }` and `"T.F"`.
    func fieldRef(_ t: TOMLTable, _ key: String) throws(FiscalError) -> FieldRef? {
        guard let v = t[key] else { return nil }
        if let s = v.string {
            let parts = s.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw error(key, .mustBe(.tableDotField)) }
            return FieldRef(table: String(parts[0]), field: String(parts[1]))
        }
        if let tt = v.table, let tn = tt["table"]?.string, let fn = tt["field"]?.string {
            return FieldRef(table: tn, field: fn)
        }
        throw error(key, .mustBe(.fieldRef))
    }
}

/// Line numbers of table headers, for error messages (TOMLKit does not give a value's
/// position once parsed).
private struct HeaderLines {
    let lines: [String]
    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.filter { $0 != " " && $0 != "\t" } }
    }
    func line(of header: String, occurrence: Int) -> Int? {
        var seen = 0
        for (i, l) in lines.enumerated() where l.hasPrefix(header) {
            if seen == occurrence { return i + 1 }
            seen += 1
        }
        return nil
    }
}
