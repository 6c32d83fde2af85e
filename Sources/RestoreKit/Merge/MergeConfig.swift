import Foundation
import TOMLKit
import ResgateLocale

/// The `[merge.TABLE]` sections of `resgate.toml`:
///
///     [merge.VENDAS]
///     key = ["NUMERO", "SERIE", "MODELO"]   # fields that identify a row
///     changed = "DTALT"                     # date/datetime of the row's last change
///
/// Unknown keys are refused (a typo would silently change how rows are matched).
public enum MergeConfig {
    /// The catalogue's fact (file, line, entry, key and a `ConfigProblem`).
    public typealias Failure = MergeConfigFailure

    /// The sections by upper-case table name; an absent file has none.
    public static func load(file: String) throws(Failure) -> [String: MergeTableConfig] {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return [:] }
        return try parse(text, file: file)
    }

    public static func parse(_ text: String, file: String) throws(Failure) -> [String: MergeTableConfig] {
        let root: TOMLTable
        do { root = try TOMLTable(string: text) } catch let e as TOMLParseError {
            throw .syntax(file: file, line: e.source.begin.line, reason: e.description)
        } catch {
            throw .syntax(file: file, line: 0, reason: "\(error)")
        }
        guard let merge = root["merge"] else { return [:] }
        // the first line that starts with `header` (TOMLKit keeps no positions), for errors
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func line(_ header: String) -> Int? {
            lines.firstIndex { $0.filter { $0 != " " && $0 != "\t" }.hasPrefix(header) }.map { $0 + 1 }
        }
        guard let tables = merge.table else { throw .value(file: file, line: line("[merge"), entry: "[merge]", key: nil, reason: .mustBe(.table)) }
        var out: [String: MergeTableConfig] = [:]
        for name in tables.keys {
            let entry = "[merge.\(name)]", at = line(entry)
            guard let t = tables[name]?.table else { throw .value(file: file, line: at, entry: entry, key: nil, reason: .mustBe(.table)) }
            for k in t.keys where k != "key" && k != "changed" {
                throw .value(file: file, line: at, entry: entry, key: k, reason: .unknownKey(known: ["key", "changed"]))
            }
            var key: [String]?
            if let k = t["key"] {
                if let s = k.string { key = s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
                else if let a = k.array {
                    key = try a.map { (v) throws(Failure) -> String in
                        guard let s = v.string else { throw .value(file: file, line: at, entry: entry, key: "key", reason: .mustBe(.fieldNames)) }
                        return s
                    }
                } else { throw .value(file: file, line: at, entry: entry, key: "key", reason: .mustBe(.fieldNameOrList)) }
            }
            var changed: String?
            if let c = t["changed"] {
                guard let s = c.string else { throw .value(file: file, line: at, entry: entry, key: "changed", reason: .mustBe(.fieldName)) }
                changed = s
            }
            out[name.uppercased()] = MergeTableConfig(key: key, changed: changed)
        }
        return out
    }
}
