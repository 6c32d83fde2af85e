/// One defect found in a table: what, how serious, and where (record and field).
public struct HealthFinding: Codable, Sendable, Hashable {
    public enum Severity: String, Codable, Sendable, Hashable, Comparable {
        /// The table is damaged: data is missing, unreadable or contradicts the header.
        case error
        /// Unusual but readable (e.g. no EOF byte, delete flag 0x00).
        case warning

        public static func < (l: Severity, r: Severity) -> Bool { l == .error && r == .warning }
    }

    /// The kind of defect; stable names for JSON and for tests.
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        case unreadable, headerTooShort, countTooHigh, countTooLow, recordLengthMismatch
        case brokenDescriptor, badTerminator, headerNote, unknownFieldType, unknownCodePage
        case missingMemoFile, shortMemoFile, memoNextFreePastEnd
        case badMemoPointer, memoPointerOutside, badMemoBlock
        case badNumber, numberOverflow, badDate, badLogical, badDateTime, badVarLength
        case badDeleteFlag, eofInsideRecords, missingEOF, trailingBytes, truncatedRecord
    }

    public var kind: Kind
    public var severity: Severity
    /// English description.
    public var message: String
    /// Portuguese description (XBase depends on nothing, so both texts travel here;
    /// the CLI picks one with `ResgateLocale.Language`).
    public var messagePT: String
    /// 1-based record number (FoxPro's RECNO()), when the defect is in a record.
    public var record: Int?
    /// Field name, when the defect is in a field.
    public var field: String?

    public init(kind: Kind, severity: Severity, message: String, messagePT: String,
                record: Int? = nil, field: String? = nil) {
        self.kind = kind; self.severity = severity; self.message = message
        self.messagePT = messagePT; self.record = record; self.field = field
    }
}

/// The result of `TableHealth.check`: counts and the findings, listed up to a bound per
/// kind (the full count of each kind is in `counts`).
public struct HealthReport: Codable, Sendable, Hashable {
    public var path: String
    public var version: UInt8?
    /// Record count the header states.
    public var headerRecordCount: Int
    /// Whole records the file holds after the header.
    public var recordsInFile: Int
    /// Records checked (min of the two above).
    public var recordsChecked: Int
    public var deletedRecords: Int
    public var memoPath: String?
    public var findings: [HealthFinding]
    /// Total findings per kind (raw value of `HealthFinding.Kind`), listed or not.
    public var counts: [String: Int]
    /// Findings not listed because their kind reached the bound.
    public var omittedFindings: Int

    /// True when any finding is an error.
    public var isDamaged: Bool { errorCount > 0 }
    public var errorCount: Int { findings.filter { $0.severity == .error }.count + omittedErrors }
    /// Errors beyond the per-kind bound (so `isDamaged` stays right when lists are cut).
    public var omittedErrors: Int

    /// Listed findings of one kind.
    public func findings(_ kind: HealthFinding.Kind) -> [HealthFinding] { findings.filter { $0.kind == kind } }
    /// Total count of one kind.
    public func count(_ kind: HealthFinding.Kind) -> Int { counts[kind.rawValue] ?? 0 }
}

/// Collects findings, listing at most `limit` per kind but counting all of them.
struct FindingLog {
    let limit: Int
    private(set) var findings: [HealthFinding] = []
    private(set) var counts: [HealthFinding.Kind: Int] = [:]
    private(set) var omitted = 0
    private(set) var omittedErrors = 0

    init(limit: Int) { self.limit = limit }

    /// Whether another finding of `kind` would still be listed (lets callers skip
    /// building message strings for findings that will only be counted).
    func wouldList(_ kind: HealthFinding.Kind) -> Bool { (counts[kind] ?? 0) < limit }

    mutating func add(_ kind: HealthFinding.Kind, _ severity: HealthFinding.Severity,
                      _ en: @autoclosure () -> String, _ pt: @autoclosure () -> String,
                      record: Int? = nil, field: String? = nil) {
        let n = counts[kind] ?? 0
        counts[kind] = n + 1
        if n < limit {
            findings.append(HealthFinding(kind: kind, severity: severity, message: en(), messagePT: pt(),
                                          record: record, field: field))
        } else {
            omitted += 1
            if severity == .error { omittedErrors += 1 }
        }
    }
}
