import BackupSet
import Foundation
import XBase

/// Records as `show` prints them: a text table, CSV or JSON (cli.md: dates as ISO strings,
/// logicals as booleans, numbers as numbers, currency as a decimal string, memos as
/// strings, NULL as null). The same code serves live DBFs and backup sets, so the two can
/// be compared byte for byte.
enum OutputFormat: String, CaseIterable {
    case table, csv, json
}

enum RecordFormatter {
    static func fieldsJSON(_ fields: [FieldDescriptor]) -> JSONOut {
        .array(fields.map { f in
            .object([("name", .string(f.name)), ("type", .string(f.type.letter)),
                     ("length", .number(String(f.length))), ("decimals", .number(String(f.decimals)))])
        })
    }

    static func json(_ v: DBFValue, _ f: FieldDescriptor) -> JSONOut {
        switch v {
        case .null: return .null
        // an empty memo has no block in the memo file: null, as dbfread and FoxPro's
        // ISBLANK see it (a memo holding text is always a string)
        case .string(let s) where s.isEmpty && f.isMemo: return .null
        case .bytes(let b) where b.isEmpty && f.isMemo: return .null
        case .string(let s): return .string(s)
        case .bytes(let b): return .string(Data(b).base64EncodedString())
        case .number(let n): return n.map { .number($0.formatted(decimals: f.decimals)) } ?? .null
        case .integer(let i): return .number(String(i))
        case .double(let d): return d.isFinite ? .number(plain(d)) : .null
        case .currency(let c): return .string(c.formatted(decimals: 4))
        case .date(let d): return d.map { .string($0.iso) } ?? .null
        case .dateTime(let t): return t.map { .string($0.iso) } ?? .null
        case .logical(let l): return l.map { .bool($0) } ?? .null
        }
    }

    static func text(_ v: DBFValue, _ f: FieldDescriptor) -> String {
        switch json(v, f) {
        case .null: return ""
        case .string(let s): return s
        case .number(let n): return n
        case .bool(let b): return b ? "T" : "F"
        default: return ""
        }
    }

    /// A Double as plain decimal text, shortest form that reads back identical.
    static func plain(_ d: Double) -> String {
        var s = "\(d)"
        if s.contains("e") { s = String(format: "%.17g", d) }
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }

    static func csvField(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}

/// Collects records and prints them in one format.
struct RecordPrinter {
    let fields: [FieldDescriptor]
    let format: OutputFormat
    var rows: [JSONOut] = []
    var tableRows: [[String]] = []
    var withDeleted = false

    init(fields: [FieldDescriptor], format: OutputFormat) {
        self.fields = fields
        self.format = format
        if format == .csv { print(fields.map { RecordFormatter.csvField($0.name) }.joined(separator: ",")) }
    }

    mutating func add(_ values: [DBFValue], deleted: Bool? = nil) {
        switch format {
        case .json:
            var o: [(String, JSONOut)] = zip(fields, values).map { ($0.name, RecordFormatter.json($1, $0)) }
            if let deleted { o.append(("_deleted", .bool(deleted))) }
            rows.append(.object(o))
        case .csv:
            print(zip(fields, values).map { RecordFormatter.csvField(RecordFormatter.text($1, $0)) }.joined(separator: ","))
        case .table:
            tableRows.append((deleted == true ? ["*"] : deleted == false ? [" "] : []) + zip(fields, values).map { RecordFormatter.text($1, $0) })
        }
    }

    /// Prints what was collected; `extra` keys go first in the JSON document.
    func finish(extra: [(String, JSONOut)] = []) {
        switch format {
        case .json:
            print(JSONOut.object(extra + [("fields", RecordFormatter.fieldsJSON(fields)), ("records", .array(rows))]).render())
        case .csv: break
        case .table:
            var header = fields.map(\.name)
            if tableRows.first.map({ $0.count > fields.count }) == true { header.insert("", at: 0) }
            var widths = header.map(\.count)
            for r in tableRows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = min(40, max(widths[i], c.count)) } }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { i, c in
                    let flat = c.replacingOccurrences(of: "\r\n", with: "⏎").replacingOccurrences(of: "\n", with: "⏎")
                    let cut = flat.count > widths[i] ? String(flat.prefix(widths[i] - 1)) + "…" : flat
                    return cut.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                }.joined(separator: " ")
            }
            print(line(header))
            print(widths.map { String(repeating: "-", count: $0) }.joined(separator: " "))
            for r in tableRows { print(line(r)) }
        }
    }
}
