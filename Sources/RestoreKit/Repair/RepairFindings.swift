import XBase

/// What `repair` found in a table and what it does (or would do) about each thing: facts
/// with record numbers (1-based, in the damaged file) and fields, for the edge to word.
/// The list is bounded (`limit`); the counts are exact.
public struct RepairFindings: Codable, Sendable {
    public struct Finding: Codable, Sendable, Hashable {
        public enum Kind: String, Codable, Sendable {
            /// The header's record count disagrees with the whole records the file holds.
            case headerCount
            /// Bytes after the last whole record: a torn record (or junk after the EOF byte).
            case tornRecord
            /// No 0x1A end-of-file byte after the last record.
            case missingEOF
            /// The memo file's next-free-block pointer lies behind a memo in use: the ERP
            /// would write its next memo over it.
            case memoNextFree
            /// A memo pointer that leads nowhere readable.
            case memoPointer
            /// A field whose bytes do not decode (date, number, logical, datetime…).
            case fieldBytes
            /// A record whose delete flag is neither ` ` nor `*`.
            case deleteFlag
        }
        public enum Action: String, Codable, Sendable {
            case countFixed = "count-fixed", cut, eofWritten = "eof-written", pointerMoved = "pointer-moved"
            case memoEmptied = "memo-emptied", blanked, quarantined
        }
        public var kind: Kind
        public var action: Action
        public var record: Int?
        public var field: String?
        /// Why a record's field was mended (the salvage screen's reason).
        public var reason: RecordFault.Kind?
        /// The original bytes, in hex (the field, the whole quarantined record, the torn tail).
        public var bytes: String?
        public var before: Int?
        public var after: Int?
    }

    public static let limit = 1000

    /// The header's record count.
    public var headerRecords = 0
    /// Whole records the file holds.
    public var recordsInFile = 0
    /// Records in the repaired table.
    public var recordsAfter = 0
    public var findingsCount = 0
    public var findings: [Finding] = []
    public var quarantinedCount = 0
    public var blankedCount = 0
    public var memosEmptiedCount = 0
    /// The memo file's next free block as it is, and as the repair sets it (nil: unchanged
    /// or no memo file).
    public var memoNextFreeAfter: Int?

    public var isClean: Bool { findingsCount == 0 }
    /// The DBF itself must be rewritten (every finding but the memo file's pointer).
    public var tableChanges: Bool { findingsCount > (memoNextFreeAfter == nil ? 0 : 1) }

    mutating func add(_ f: Finding) {
        findingsCount += 1
        switch f.action {
        case .quarantined: quarantinedCount += 1
        case .blanked: blankedCount += 1
        case .memoEmptied: memosEmptiedCount += 1
        default: break
        }
        if findings.count < Self.limit { findings.append(f) }
    }
}
