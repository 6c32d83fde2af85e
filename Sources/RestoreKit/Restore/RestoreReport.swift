/// What happened to one table of a restore (cli.md: the JSON values are these raw values).
public enum RestoreStatus: String, Codable, Sendable {
    case restored
    case wouldRestore = "would-restore"
    case refused
    case failed
}

import BackupSet
import ResgateLocale

/// Why a restore, or one table of it, was refused: facts, worded by `text(in:)` through
/// the catalogue (`Phrase.restore`).
public enum RestoreRefusal: Sendable, Hashable {
    case phrase(Phrase)
    /// The set itself has defects: `RestorePhrase.backupHasDefects`, then each defect.
    case setDefects([Defect])

    static func restore(_ r: RestorePhrase) -> RestoreRefusal { .phrase(.restore(r)) }

    public func text(in language: Language) -> String {
        switch self {
        case .phrase(let p): p.text(in: language)
        case .setDefects(let ds):
            Phrase.restore(.backupHasDefects).text(in: language) + ": "
                + ds.map { $0.message(in: language) }.joined(separator: "; ")
        }
    }
}

/// The result of `restore` (cli.md JSON keys: id, dryRun, into, tables[…]).
///
/// The restorer fills the facts (`refusalFact`, each table's `reasonFact` and
/// `defectFacts`); the document's words (`refusal`, `reason`, `defects`) are written by
/// `rendered(in:)` at the edge (StoreOps), in the language the person chose.
public struct RestoreReport: Codable, Sendable {
    public struct Table: Codable, Sendable {
        public var status: RestoreStatus
        public var name: String
        /// Records the table has after the restore (or would have).
        public var records: Int
        /// Records the live table had before (replaced).
        public var replaced: Int?
        public var dropped: [String]
        public var blank: [String]
        public var converted: [String]
        /// The defects' sentences (`rendered(in:)` writes them from `defectFacts`).
        public var defects: [String]
        /// Why the table was refused, in the chosen language (from `reasonFact`).
        public var reason: String?
        public var seconds: Double?
        /// Lines left out with --skip-bad-lines.
        public var skippedLines: Int?
        public var memoBlanked: Bool?
        /// `--merge` (cli.md): rows as the backup has them, rows as the live table has
        /// them, same-key rows that differ (both versions), live records that could not
        /// be read, and how rows were matched. Absent on a plain restore.
        public var fromBackup: Int?
        public var fromLive: Int?
        public var conflicts: [MergeConflict]?
        public var unreadable: [SalvageFindings.Quarantined]?
        public var key: MergeKeyChoice?
        /// Every merge figure (counts of the bounded lists, memos lost, live counts).
        public var merge: MergeOutcome?
        /// Why the table was refused, as a fact (not encoded: `reason` carries the words).
        public var reasonFact: RestoreRefusal? = nil
        /// The defects found in the table's backup (not encoded: `defects` carries the words).
        public var defectFacts: [Defect] = []

        enum CodingKeys: String, CodingKey {
            case status, name, records, replaced, dropped, blank, converted, defects, reason, seconds
            case skippedLines, memoBlanked, fromBackup, fromLive, conflicts, unreadable, key, merge
        }

        init(status: RestoreStatus, name: String, records: Int, replaced: Int?, dropped: [String], blank: [String],
             converted: [String], defects: [Defect], reason: RestoreRefusal?) {
            self.status = status; self.name = name; self.records = records; self.replaced = replaced
            self.dropped = dropped; self.blank = blank; self.converted = converted
            self.defects = []; self.defectFacts = defects; self.reasonFact = reason
        }
    }

    /// Undo snapshot id (nil on a dry run or a refusal).
    public var id: String?
    public var dryRun: Bool
    public var into: String?
    public var source: String
    public var tables: [Table]
    /// Set-level refusal (lock, disk space…), in the chosen language (from `refusalFact`).
    public var refusal: String?
    /// What the source turned out to be: a backup set or a folder of tables.
    public var sourceKind: RestoreSourceKind = .backupSet
    /// Why the whole restore was refused, as a fact (not encoded: `refusal` carries the words).
    public var refusalFact: RestoreRefusal? = nil

    public init(id: String?, dryRun: Bool, into: String?, source: String, tables: [Table],
                refusal: RestoreRefusal?, sourceKind: RestoreSourceKind = .backupSet) {
        self.id = id; self.dryRun = dryRun; self.into = into; self.source = source
        self.tables = tables; self.refusalFact = refusal; self.sourceKind = sourceKind
    }

    /// The report with its words written from its facts, in `language`: the set's refusal,
    /// each table's reason and defects.
    public func rendered(in language: Language) -> RestoreReport {
        var r = self
        if let f = refusalFact { r.refusal = f.text(in: language) }
        for i in r.tables.indices {
            if let f = r.tables[i].reasonFact { r.tables[i].reason = f.text(in: language) }
            if !r.tables[i].defectFacts.isEmpty { r.tables[i].defects = r.tables[i].defectFacts.map { $0.message(in: language) } }
        }
        return r
    }

    enum CodingKeys: String, CodingKey { case id, dryRun, into, source, sourceKind, tables, refusal }

    /// Spelled out so that `id` and `into` are `null` when absent, as cli.md requires.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(dryRun, forKey: .dryRun)
        try c.encode(into, forKey: .into)
        try c.encode(source, forKey: .source)
        try c.encode(sourceKind, forKey: .sourceKind)
        try c.encode(tables, forKey: .tables)
        try c.encode(refusal, forKey: .refusal)
    }

    public var anyRefused: Bool { refusal != nil || refusalFact != nil || tables.contains { $0.status == .refused || $0.status == .failed } }
}
