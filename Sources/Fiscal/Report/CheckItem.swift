import ResgateLocale

/// What a check says: the sentences it found as facts (worded by the catalogue,
/// `Phrase.fiscal`), or — in a report read back from its JSON document — the words the
/// document held (`messages`).
public enum CheckMessage: Sendable, Hashable {
    case facts([FiscalPhrase])
    case said(Words)

    public func text(in language: Language) -> String {
        switch self {
        case .facts(let f): f.text(in: language)
        case .said(let w): w.text(in: language)
        }
    }

    /// Both languages (the JSON document's `messages`).
    public var words: Words { Words(pt: text(in: .pt), en: text(in: .en)) }
}

/// One reported check: a series' sequence, a rule, or the XML folder's reading.
///
/// Its JSON document (`StoreOps.CheckDocument`): `name`, `status`, `message` (in the
/// chosen language), `messages` (`pt`, `en`), `subject`, then the fields of the detail
/// (sequence, rule or XML files) at the same level, as the CLI contract lists them
/// (`model`, `series`, `lastInData`, …).
public struct CheckItem: Sendable, Hashable {
    /// `fiscal-sequence`, `xml-files`, `freshness`, `reference`, `unique`, `not-empty`.
    public var name: String
    public var status: CheckStatus
    /// What was checked, e.g. `12345678000195 mod 65 série 1` or `VENDAS.CLIENTE`.
    public var subject: String
    public var message: CheckMessage
    public var sequence: SequenceResult?
    public var rule: RuleResult?
    public var xml: XMLFilesResult?

    public init(name: String, status: CheckStatus, subject: String, message: [FiscalPhrase],
                sequence: SequenceResult? = nil, rule: RuleResult? = nil, xml: XMLFilesResult? = nil) {
        self.init(name: name, status: status, subject: subject, message: .facts(message), sequence: sequence, rule: rule, xml: xml)
    }

    public init(name: String, status: CheckStatus, subject: String, message: CheckMessage,
                sequence: SequenceResult? = nil, rule: RuleResult? = nil, xml: XMLFilesResult? = nil) {
        self.name = name; self.status = status; self.subject = subject; self.message = message
        self.sequence = sequence; self.rule = rule; self.xml = xml
    }
}

/// A summary of the XML folder: what was read and what was left out, each file listed.
public struct XMLFilesResult: Sendable, Codable, Hashable {
    public var folder: String
    public var files: Int
    public var documents: Int
    public var broken: [SkippedFile]
    /// Files that are not the store's authorized documents (other XML, other issuers'
    /// notes, rejected or test-environment documents, events other than cancellations).
    public var unrelated: [SkippedFile]
    /// Series of issuers that are not the store's, left out of the sequence check.
    public var otherIssuers: [SeriesID]
}

/// What a rule found.
public struct RuleResult: Sendable, Codable, Hashable {
    public var kind: String
    public var table: String
    public var fields: [String]
    public var records: Int
    /// How many rows break the rule.
    public var offending: Int
    /// The first offending rows (bounded).
    public var examples: [Offender]
    /// `freshness`: the newest value (ISO 8601).
    public var newest: String?
    /// `freshness`: the date it was compared with.
    public var referenceDate: String?
}

public struct Offender: Sendable, Codable, Hashable {
    public var record: Int
    public var value: String
    /// For duplicates: the other records with the same value.
    public var others: [Int]?
}

/// Read back from its JSON document (written by `StoreOps.CheckDocument`): the message
/// is the document's words.
extension CheckItem: Decodable {
    private enum Keys: String, CodingKey { case name, status, subject, messages }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        name = try c.decode(String.self, forKey: .name)
        status = try c.decode(CheckStatus.self, forKey: .status)
        subject = try c.decode(String.self, forKey: .subject)
        message = .said(try c.decode(Words.self, forKey: .messages))
        sequence = name == "fiscal-sequence" ? try SequenceResult(from: decoder) : nil
        xml = name == "xml-files" ? try XMLFilesResult(from: decoder) : nil
        rule = RuleConfig.Kind(rawValue: name) != nil ? try RuleResult(from: decoder) : nil
    }
}
