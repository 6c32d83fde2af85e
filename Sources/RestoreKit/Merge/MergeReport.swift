import XBase

/// A backup row and a live row with the same key whose contents differ, the live one
/// written (it wins) but not proven newer by the changed field: a person should look.
public struct MergeConflict: Codable, Sendable, Hashable {
    public struct Field: Codable, Sendable, Hashable {
        public var field: String
        public var backup: String
        public var live: String
    }
    /// Record number in the restored table (where the live version now is).
    public var record: Int
    /// Record number in the live table before the merge.
    public var liveRecord: Int
    /// The key's text.
    public var key: String
    /// The fields that differ, both versions (text as stored; binary fields in hex).
    public var fields: [Field]
}

/// What a merge did to one table (cli.md: `fromBackup`, `fromLive`, `conflicts`,
/// `unreadable`, `key`; the rest is detail).
public struct MergeOutcome: Codable, Sendable {
    public var key: MergeKeyChoice
    /// Rows written as the backup has them.
    public var fromBackup = 0
    /// Rows written as the live table has them (`updated` + `added`).
    public var fromLive = 0
    /// Live versions written in place of backup rows with the same key.
    public var updated = 0
    /// Live rows the backup lacks, appended in live order.
    public var added = 0
    public var conflictCount = 0
    /// Bounded at `MergeOutcome.limit`; `conflictCount` is exact.
    public var conflicts: [MergeConflict] = []
    /// The live table's records that could not be read (number, reason, bytes).
    public var unreadable: [SalvageFindings.Quarantined] = []
    public var unreadableCount = 0
    public var memosLost: [SalvageFindings.LostMemo] = []
    public var memosLostCount = 0
    public var liveHeaderRecords = 0
    public var liveRecordsInFile = 0
    public var liveTornTailBytes = 0

    public static let limit = 100

    init(key: MergeKeyChoice) { self.key = key }

    mutating func take(_ f: SalvageFindings) {
        unreadable = f.quarantined
        unreadableCount = f.quarantinedCount
        memosLost = f.memosLost
        memosLostCount = f.memosLostCount
        liveHeaderRecords = f.headerRecords
        liveRecordsInFile = f.recordsInFile
        liveTornTailBytes = f.tornTailBytes
    }
}
