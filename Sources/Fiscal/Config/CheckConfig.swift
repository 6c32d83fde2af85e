import ResgateLocale

/// What to check: the fiscal sequences and the other rules (spec checks.md §3).
public struct CheckConfig: Sendable, Hashable {
    public var sequences: [SequenceConfig]
    public var rules: [RuleConfig]
    /// The XML folder named in the config (`[fiscal] xml = "…"`, relative to the file).
    public var xmlFolder: String?
    /// The file it was read from; nil when discovered or built in code.
    public var file: String?
    /// Set when the sequences were found by looking at the tables, not read from a file:
    /// says what was picked, to be shown to the person.
    public var discovery: FiscalPhrase?
    /// Folders of the points of sale where signed notes wait to be sent (contingency),
    /// `[fiscal] pending = ["…"]`, relative to the file; indexed with the XML folder.
    public var pendingFolders: [String] = []
    /// `[fiscal] contingency_window`, `contingency_deadline`.
    public var verdicts = VerdictSettings()
    /// `[recreate]`: how a note's XML becomes rows of the store's tables.
    public var recreate: RecreateMapping?

    public init(sequences: [SequenceConfig] = [], rules: [RuleConfig] = [], xmlFolder: String? = nil,
                file: String? = nil, discovery: FiscalPhrase? = nil) {
        self.sequences = sequences; self.rules = rules; self.xmlFolder = xmlFolder
        self.file = file; self.discovery = discovery
    }
}

/// `table.field`.
public struct FieldRef: Sendable, Codable, Hashable, CustomStringConvertible {
    public var table: String
    public var field: String
    public init(table: String, field: String) { self.table = table; self.field = field }
    public var description: String { "\(table).\(field)" }
}

/// One `[[fiscal.sequence]]`: a table holding one row per issued note.
public struct SequenceConfig: Sendable, Codable, Hashable {
    public var table: String
    /// The nNF field.
    public var number: String
    /// The series field, or `seriesValue` when the table holds one series only.
    public var series: String?
    public var seriesValue: Int?
    /// The model field (55/65), or `modelValue`.
    public var model: String?
    public var modelValue: Int?
    /// Optional 44-character access key field, checked when present.
    public var key: String?
    /// Optional issuer field, or `cnpjValue` for a single issuer; else the key's CNPJ.
    public var cnpj: String?
    public var cnpjValue: String?
    /// Where the ERP keeps the last number it used (the largest value of the field is read).
    public var counter: FieldRef?
    /// The first number of the series in use; gaps are looked for from here (default 1).
    public var first: Int?

    public init(table: String, number: String, series: String? = nil, seriesValue: Int? = nil,
                model: String? = nil, modelValue: Int? = nil, key: String? = nil,
                cnpj: String? = nil, cnpjValue: String? = nil, counter: FieldRef? = nil, first: Int? = nil) {
        self.table = table; self.number = number; self.series = series; self.seriesValue = seriesValue
        self.model = model; self.modelValue = modelValue; self.key = key; self.cnpj = cnpj
        self.cnpjValue = cnpjValue; self.counter = counter; self.first = first
    }
}

/// One `[[rule]]` (spec checks.md §2).
public struct RuleConfig: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case freshness, reference, unique
        case notEmpty = "not-empty"
    }
    public var kind: Kind
    public var table: String
    /// `freshness`: the date/datetime field; `reference`: the referring field.
    public var field: String?
    /// `unique`: the field combination.
    public var fields: [String]
    /// `reference`: where each value must exist.
    public var references: FieldRef?
    /// `not-empty`: the least number of records (default 1).
    public var min: Int?
    /// `freshness`: how many days before the reference date the newest value may be
    /// (default 1).
    public var maxAgeDays: Int?
    /// The status when the rule is broken (`fail` unless the config says `warning`).
    public var severity: CheckStatus

    public init(kind: Kind, table: String, field: String? = nil, fields: [String] = [],
                references: FieldRef? = nil, min: Int? = nil, maxAgeDays: Int? = nil,
                severity: CheckStatus = .fail) {
        self.kind = kind; self.table = table; self.field = field; self.fields = fields
        self.references = references; self.min = min; self.maxAgeDays = maxAgeDays; self.severity = severity
    }
}

/// The outcome of one check, most severe last so that `max()` gives the worst.
public enum CheckStatus: String, Sendable, Codable, Hashable, Comparable {
    case ok, warning, fail

    var rank: Int { self == .ok ? 0 : self == .warning ? 1 : 2 }
    public static func < (l: CheckStatus, r: CheckStatus) -> Bool { l.rank < r.rank }
}
