/// What happened to one table of a restore (cli.md: the JSON values are these raw values).
public enum RestoreStatus: String, Codable, Sendable {
    case restored
    case wouldRestore = "would-restore"
    case refused
    case failed
}

/// The result of `restore` (cli.md JSON keys: id, dryRun, into, tables[…]).
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
        public var defects: [String]
        /// Why the table was refused, in the chosen language.
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
    }

    /// Undo snapshot id (nil on a dry run or a refusal).
    public var id: String?
    public var dryRun: Bool
    public var into: String?
    public var source: String
    public var tables: [Table]
    /// Set-level refusal (lock, disk space…), in the chosen language.
    public var refusal: String?
    /// What the source turned out to be: a backup set or a folder of tables.
    public var sourceKind: RestoreSourceKind = .backupSet

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

    public var anyRefused: Bool { refusal != nil || tables.contains { $0.status == .refused || $0.status == .failed } }
}
