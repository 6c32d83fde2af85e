import ResgateLocale

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
    /// What was found, as facts; the catalogue tells it (`Portuguese+Health`, `English+Health`).
    public var fact: HealthFact
    /// 1-based record number (FoxPro's RECNO()), when the defect is in a record.
    public var record: Int?
    /// Field name, when the defect is in a field.
    public var field: String?

    public init(kind: Kind, severity: Severity, _ fact: HealthFact, record: Int? = nil, field: String? = nil) {
        self.kind = kind; self.severity = severity; self.fact = fact; self.record = record; self.field = field
    }

    public init(kind: Kind, severity: Severity, message: String, messagePT: String,
                record: Int? = nil, field: String? = nil) {
        self.init(kind: kind, severity: severity, .described(Words(pt: messagePT, en: message)), record: record, field: field)
    }

    /// The finding in `language`.
    public func text(in language: Language) -> String { fact.text(in: language) }
    /// English description.
    public var message: String { fact.text(in: .en) }
    /// Portuguese description.
    public var messagePT: String { fact.text(in: .pt) }

    // the stored form keeps both descriptions (read back as `.described`)
    enum CodingKeys: String, CodingKey { case kind, severity, message, messagePT, record, field }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(kind: try c.decode(Kind.self, forKey: .kind), severity: try c.decode(Severity.self, forKey: .severity),
                  message: try c.decode(String.self, forKey: .message), messagePT: try c.decode(String.self, forKey: .messagePT),
                  record: try c.decodeIfPresent(Int.self, forKey: .record), field: try c.decodeIfPresent(String.self, forKey: .field))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind); try c.encode(severity, forKey: .severity)
        try c.encode(message, forKey: .message); try c.encode(messagePT, forKey: .messagePT)
        try c.encodeIfPresent(record, forKey: .record); try c.encodeIfPresent(field, forKey: .field)
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
    /// building facts for findings that will only be counted).
    func wouldList(_ kind: HealthFinding.Kind) -> Bool { (counts[kind] ?? 0) < limit }

    mutating func add(_ kind: HealthFinding.Kind, _ severity: HealthFinding.Severity,
                      _ fact: @autoclosure () -> HealthFact,
                      record: Int? = nil, field: String? = nil) {
        let n = counts[kind] ?? 0
        counts[kind] = n + 1
        if n < limit {
            findings.append(HealthFinding(kind: kind, severity: severity, fact(),
                                          record: record, field: field))
        } else {
            omitted += 1
            if severity == .error { omittedErrors += 1 }
        }
    }
}
