import BackupSet
import Foundation
import XBase

/// Backup vs live table, record by record (cli.md `diff`): records only in the backup,
/// only in DATA, and changed field by field, matched by key fields or by record order.
public struct TableDiff: Codable, Sendable {
    public struct Change: Codable, Sendable, Equatable {
        public var field: String
        public var backup: String
        public var data: String
    }
    public struct Example: Codable, Sendable, Equatable {
        /// "onlyInBackup", "onlyInData" or "changed".
        public var kind: String
        /// Key values (or the record position when matching by order).
        public var key: [String]
        public var line: Int?
        public var record: Int?
        public var changes: [Change]
    }

    public var table: String
    public var key: [String]
    public var onlyInBackup: Int
    public var onlyInData: Int
    public var changed: Int
    public var same: Int
    public var examples: [Example]
    public var defects: [String]

    /// Compares `source` with the live table at `livePath`. At most `exampleLimit`
    /// examples of each kind are kept; the counts are exact. `progress` gets the records
    /// read so far, live table first, then the backup's (the total is known when the
    /// backup says how many records it holds).
    public static func compare(source: any RestoreTableSource, livePath: String, key: [String],
                               exampleLimit: Int = 20, progress: WorkProgressSink? = nil) throws -> TableDiff {
        let live = try DBFTable.open(path: livePath)
        let liveCount = live.recordCount
        let total = source.expectedRecords.map { $0 + liveCount }
        func report(_ done: Int) {
            if done % progressEvery == 0 { progress?(WorkProgress(.compareTable(source.name), done: done, total: total)) }
        }
        let liveFields = live.fields
        let mapping = FieldMapping(live: liveFields, backup: source.fields)
        var keyLive: [Int] = []
        var keyBackup: [Int] = []
        for k in key {
            guard let li = liveFields.firstIndex(where: { $0.name.uppercased() == k.uppercased() }),
                  let bi = source.fields.firstIndex(where: { $0.name.uppercased() == k.uppercased() }) else {
                throw DiffError.unknownKey(k)
            }
            keyLive.append(li); keyBackup.append(bi)
        }
        var diff = TableDiff(table: source.name, key: key.map { $0.uppercased() }, onlyInBackup: 0,
                             onlyInData: 0, changed: 0, same: 0, examples: [], defects: [])
        var counts = ["onlyInBackup": 0, "onlyInData": 0, "changed": 0]
        func example(_ e: Example) {
            if counts[e.kind, default: 0] < exampleLimit { diff.examples.append(e) }
            counts[e.kind, default: 0] += 1
        }
        // live records by key (or by position), deleted ones left out as FoxPro shows them
        var liveIndex: [String: Int] = [:]
        var liveOrder: [Int] = []
        try live.forEachRecord { r in
            report(r.index + 1)
            guard !r.isDeleted else { return }
            if key.isEmpty { liveOrder.append(r.index); return }
            let k = keyLive.map { lenientText(r, liveFields[$0]) }.joined(separator: "\u{1F}")
            if liveIndex[k] == nil { liveIndex[k] = r.index }
        }
        var seen = Set<Int>()
        var position = 0
        try source.forEachRecord(memos: true, { line, values in
            defer { position += 1; report(liveCount + position) }
            let liveRec: Int?
            let keyText: [String]
            if key.isEmpty {
                liveRec = position < liveOrder.count ? liveOrder[position] : nil
                keyText = ["#\(position + 1)"]
            } else {
                keyText = keyBackup.map { text(values[$0]) }
                liveRec = liveIndex[keyText.joined(separator: "\u{1F}")]
            }
            guard let idx = liveRec else {
                diff.onlyInBackup += 1
                example(Example(kind: "onlyInBackup", key: keyText, line: line, record: nil, changes: []))
                return
            }
            seen.insert(idx)
            let liveValues = try live.withRecord(at: idx) { r in liveFields.map { f in Result { try r.value(f) } } }
            var changes: [Change] = []
            for (i, src) in mapping.sources.enumerated() {
                guard case .backup(let bi, _) = src else { continue }
                var b = values[bi]
                if case .success(let c) = ValueConversion.convert(b, to: liveFields[i]) { b = c }
                switch liveValues[i] {
                case .success(let lv):
                    if !same(b, lv) {
                        changes.append(Change(field: liveFields[i].name, backup: text(b, as: liveFields[i]), data: text(lv, as: liveFields[i])))
                    }
                case .failure(let e):
                    changes.append(Change(field: liveFields[i].name, backup: text(b, as: liveFields[i]), data: "<\(invalidWord): \(e)>"))
                }
            }
            if changes.isEmpty { diff.same += 1 } else {
                diff.changed += 1
                example(Example(kind: "changed", key: keyText, line: line, record: idx + 1, changes: changes))
            }
        }, defect: { d in diff.defects.append(d.description) })
        progress?(WorkProgress(.compareTable(source.name), done: liveCount + position, total: liveCount + position))
        let liveAll = key.isEmpty ? liveOrder : Array(liveIndex.values).sorted()
        for idx in liveAll where !seen.contains(idx) {
            diff.onlyInData += 1
            if counts["onlyInData", default: 0] < exampleLimit {
                let k = key.isEmpty ? ["#\(idx + 1)"]
                    : try live.withRecord(at: idx) { r in keyLive.map { lenientText(r, liveFields[$0]) } }
                example(Example(kind: "onlyInData", key: k, line: nil, record: idx + 1, changes: []))
            } else { counts["onlyInData", default: 0] += 1 }
        }
        return diff
    }

    public enum DiffError: Error, CustomStringConvertible {
        case unknownKey(String)
        public var description: String {
            switch self { case .unknownKey(let k): "key field \(k) is not in both the backup and the table" }
        }
    }

    static let invalidWord = "invalid"
    /// Records between two progress reports.
    public static let progressEvery = 4096

    /// A live value as text, or a marker when its bytes are not a valid value (a damaged
    /// table is exactly what a person diffs against a backup).
    static func lenientText(_ r: DBFRecord, _ f: FieldDescriptor) -> String {
        do { return text(try r.value(f)) } catch { return "<\(invalidWord)>" }
    }

    /// Equality as a person sees it: blank and NULL differ, trailing blanks do not matter.
    static func same(_ a: DBFValue, _ b: DBFValue) -> Bool {
        switch (a, b) {
        case let (.string(x), .string(y)): return x.trimmingTrailingSpaces() == y.trimmingTrailingSpaces()
        case let (.number(x), .number(y)): return x == y
        case let (.double(x), .double(y)): return x == y || abs(x - y) < 1e-9 * max(1, abs(x))
        default: return a == b
        }
    }

    /// A value of `field` as short text: numbers with the field's decimals (`50.00`, as
    /// the table shows them), so both sides of a change read alike.
    static func text(_ v: DBFValue, as field: FieldDescriptor) -> String {
        if case .number(let n?) = v, field.decimals > 0 { return n.formatted(decimals: field.decimals) }
        return text(v)
    }

    /// A value as short text for examples.
    public static func text(_ v: DBFValue) -> String {
        switch v {
        case .null: return "NULL"
        case .string(let s): return s
        case .bytes(let b): return "<\(b.count) bytes>"
        case .number(let n): return n.map { $0.description } ?? ""
        case .integer(let i): return String(i)
        case .double(let d): return String(d)
        case .currency(let c): return c.description
        case .date(let d): return d?.iso ?? ""
        case .dateTime(let t): return t?.iso ?? ""
        case .logical(let l): return l.map { $0 ? "T" : "F" } ?? "?"
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
