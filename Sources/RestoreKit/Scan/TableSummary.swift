import ResgateLocale
import XBase

/// What `scan` tells about one table (cli.md `scan` JSON keys). The findings are facts;
/// the document words them in `language` (StoreOps sets it to the person's).
public struct TableSummary: Encodable, Sendable, Equatable {
    public struct Finding: Sendable, Equatable {
        public var fact: ScanPhrase
        /// "error" makes the table damaged; "warning" does not.
        public var severity: String
        public var record: Int?
        public var field: String?
        public init(_ fact: ScanPhrase, severity: String, record: Int? = nil, field: String? = nil) {
            self.fact = fact; self.severity = severity; self.record = record; self.field = field
        }
        public func message(in language: Language) -> String { fact.text(in: language) }
    }

    /// A finding as the document writes it (absent record/field as `null`).
    struct FindingDocument: Encodable {
        var message: String
        var severity: String
        var record: Int?
        var field: String?
        enum CodingKeys: String, CodingKey { case message, severity, record, field }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(message, forKey: .message)
            try c.encode(severity, forKey: .severity)
            try c.encode(record, forKey: .record)
            try c.encode(field, forKey: .field)
        }
    }

    public var name: String
    public var file: String
    /// Version byte as `0x30`, with its meaning in `versionName`.
    public var version: String
    public var versionName: String
    public var lastUpdate: String?
    public var records: Int
    public var deleted: Int
    public var bytes: Int
    public var codepage: Int?
    public var memo: String?
    public var index: String?
    /// "ok" or "damaged".
    public var health: String
    public var defects: [Finding]
    /// Index-only damage: `reindex` repairs it without a backup.
    public var indexOnly: Bool?
    /// The language the document words the findings in (not a key of its own).
    public var language: Language = .pt

    public var isDamaged: Bool { health != "ok" }

    enum CodingKeys: String, CodingKey {
        case name, file, version, versionName, lastUpdate, records, deleted, bytes, codepage, memo, index, health, defects, indexOnly
    }

    /// Spelled out so that absent values are written as `null`, as cli.md requires.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(file, forKey: .file)
        try c.encode(version, forKey: .version)
        try c.encode(versionName, forKey: .versionName)
        try c.encode(lastUpdate, forKey: .lastUpdate)
        try c.encode(records, forKey: .records)
        try c.encode(deleted, forKey: .deleted)
        try c.encode(bytes, forKey: .bytes)
        try c.encode(codepage, forKey: .codepage)
        try c.encode(memo, forKey: .memo)
        try c.encode(index, forKey: .index)
        try c.encode(health, forKey: .health)
        try c.encode(defects.map { FindingDocument(message: $0.message(in: language), severity: $0.severity,
                                                   record: $0.record, field: $0.field) }, forKey: .defects)
        try c.encodeIfPresent(indexOnly, forKey: .indexOnly)
    }
}
