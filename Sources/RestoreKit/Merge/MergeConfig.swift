import Foundation
import TOMLKit

/// The `[merge.TABLE]` sections of `resgate.toml`:
///
///     [merge.VENDAS]
///     key = ["NUMERO", "SERIE", "MODELO"]   # fields that identify a row
///     changed = "DTALT"                     # date/datetime of the row's last change
///
/// Unknown keys are refused (a typo would silently change how rows are matched).
public enum MergeConfig {
    public enum Failure: Error, Sendable, Hashable {
        case syntax(file: String, line: Int, reason: String)
        case value(file: String, entry: String, reason: String)
    }

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
        guard let tables = merge.table else { throw .value(file: file, entry: "merge", reason: "must be a table") }
        var out: [String: MergeTableConfig] = [:]
        for name in tables.keys {
            let entry = "[merge.\(name)]"
            guard let t = tables[name]?.table else { throw .value(file: file, entry: entry, reason: "must be a table") }
            for k in t.keys where k != "key" && k != "changed" {
                throw .value(file: file, entry: entry, reason: "unknown key \(k) (known: key, changed)")
            }
            var key: [String]?
            if let k = t["key"] {
                if let s = k.string { key = s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
                else if let a = k.array {
                    key = try a.map { (v) throws(Failure) -> String in
                        guard let s = v.string else { throw .value(file: file, entry: entry, reason: "key must list field names") }
                        return s
                    }
                } else { throw .value(file: file, entry: entry, reason: "key must be a field name or a list of them") }
            }
            var changed: String?
            if let c = t["changed"] {
                guard let s = c.string else { throw .value(file: file, entry: entry, reason: "changed must be a field name") }
                changed = s
            }
            out[name.uppercased()] = MergeTableConfig(key: key, changed: changed)
        }
        return out
    }
}
