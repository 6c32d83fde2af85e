import ResgateLocale
import Foundation
import XBase

/// How `restore --merge` matches backup rows with live rows, and why (JSON `key`).
public struct MergeKeyChoice: Codable, Sendable, Hashable {
    public enum Source: String, Codable, Sendable {
        /// `--key` on the command line.
        case option
        /// `[merge.TABLE] key` in resgate.toml.
        case config
        /// The CDX tag marked candidate/primary.
        case candidateTag
        /// A unique CDX tag.
        case uniqueTag
        /// No key: append-only by record order.
        case none
    }
    /// Key fields (empty: append-only).
    public var fields: [String]
    public var source: Source
    /// The CDX tag the key came from.
    public var tag: String?
    /// The date/datetime field that says a live row changed after the set (config).
    public var changedField: String?

    public init(fields: [String], source: Source, tag: String? = nil, changedField: String? = nil) {
        self.fields = fields; self.source = source; self.tag = tag; self.changedField = changedField
    }
}

/// A table's `[merge.T]` section of resgate.toml, already read.
public struct MergeTableConfig: Sendable, Hashable {
    public var key: [String]?
    public var changed: String?
    public init(key: [String]?, changed: String?) { self.key = key; self.changed = changed }
}

/// What the person asked of a merge: an explicit key (applies to every table) and config.
public struct MergeRequest: Sendable {
    public var key: [String]?
    /// By upper-case table name.
    public var config: [String: MergeTableConfig]
    public init(key: [String]? = nil, config: [String: MergeTableConfig] = [:]) { self.key = key; self.config = config }
}

/// Facts that stop a table's merge (the edge words them).
public enum MergeFailure: Error, Sendable, Hashable {
    case unknownKeyField(table: String, field: String)
    case unknownChangedField(table: String, field: String)
    /// The changed field is not a date or datetime.
    case changedFieldNotADate(table: String, field: String)
    /// More intact live rows than a merge takes (`LiveIndex.maxRows`, 32 M: its bitmaps).
    case tooManyLiveRows(table: String, rows: Int, budget: Int)
    case unreadableLive(table: String, reason: Cause)
}

enum MergeKeyChooser {
    /// `--key`, else the config's key, else a candidate tag, else a unique tag (bare
    /// fields or `A+B`, no FOR), else none (append-only).
    static func choose(table: String, request: MergeRequest, fields: [FieldDescriptor],
                       indexPath: String?) throws(MergeFailure) -> MergeKeyChoice {
        let cfg = request.config[table]
        var choice: MergeKeyChoice
        if let k = request.key, !k.isEmpty {
            choice = MergeKeyChoice(fields: k, source: .option)
        } else if let k = cfg?.key, !k.isEmpty {
            choice = MergeKeyChoice(fields: k, source: .config)
        } else if let found = fromIndex(indexPath, fields: fields) {
            choice = found
        } else {
            choice = MergeKeyChoice(fields: [], source: .none)
        }
        choice.fields = try choice.fields.map { (name) throws(MergeFailure) -> String in
            guard let f = field(name, in: fields) else { throw .unknownKeyField(table: table, field: name) }
            return f.name
        }
        if let c = cfg?.changed {
            guard let f = field(c, in: fields) else { throw .unknownChangedField(table: table, field: c) }
            guard [.date, .dateTime, .timestamp].contains(f.type) else { throw .changedFieldNotADate(table: table, field: c) }
            choice.changedField = f.name
        }
        return choice
    }

    static func field(_ name: String, in fields: [FieldDescriptor]) -> FieldDescriptor? {
        let u = name.trimmingCharacters(in: .whitespaces).uppercased()
        return fields.first { $0.name.uppercased() == u }
    }

    static func fromIndex(_ path: String?, fields: [FieldDescriptor]) -> MergeKeyChoice? {
        guard let path, let cdx = try? CDXFile.open(path: path) else { return nil }
        for (flag, source) in [(CDXTagOptions.candidate, MergeKeyChoice.Source.candidateTag), (.unique, .uniqueTag)] {
            for tag in cdx.tags where tag.options.contains(flag) && !tag.hasFor {
                if let names = keyFields(tag.keyExpression, fields: fields) {
                    return MergeKeyChoice(fields: names, source: source, tag: tag.name)
                }
            }
        }
        return nil
    }

    /// The fields of a key expression made only of fields joined by `+`, each bare or in
    /// `STR(…)`/`DTOS(…)` (one-to-one on the field's bytes); nil for anything else.
    static func keyFields(_ expression: String, fields: [FieldDescriptor]) -> [String]? {
        var out: [String] = []
        for part in expression.split(separator: "+") {
            var p = part.trimmingCharacters(in: .whitespaces).uppercased()
            for fn in ["STR(", "DTOS("] where p.hasPrefix(fn) && p.hasSuffix(")") {
                p = String(p.dropFirst(fn.count).dropLast())
                if let comma = p.firstIndex(of: ",") { p = String(p[..<comma]) }
            }
            if let dot = p.lastIndex(of: ".") { p = String(p[p.index(after: dot)...]) }   // ALIAS.FIELD
            guard let f = field(p, in: fields) else { return nil }
            out.append(f.name)
        }
        return out.isEmpty ? nil : out
    }
}
