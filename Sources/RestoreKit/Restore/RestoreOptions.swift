import ResgateLocale

/// What the person asked `restore` to do.
public struct RestoreOptions: Sendable {
    /// Upper-case table names; nil restores every table of the set.
    public var tables: [String]?
    public var dryRun = false
    /// Write into this folder instead of DATA.
    public var into: String?
    /// Restore tables whose backup has bad lines, leaving those lines out (each listed).
    public var skipBadLines = false
    /// Restore tables whose memo archive is missing or misaligned, with blank memos.
    public var blankMemos = false
    /// The tables of one restore change together: a failure or crash in the middle of the
    /// swap rolls all of them back (the default). False recovers each table on its own.
    public var allOrNothing = true
    /// `--merge`: keep every intact live row the backup lacks (nil: a plain restore).
    public var merge: MergeRequest?

    public init(tables: [String]? = nil, dryRun: Bool = false, into: String? = nil,
                skipBadLines: Bool = false, blankMemos: Bool = false) {
        self.tables = tables
        self.dryRun = dryRun
        self.into = into
        self.skipBadLines = skipBadLines
        self.blankMemos = blankMemos
    }
}

/// Moments of a restore, for a live progress line and the ERP's own messages.
public enum RestoreEvent: Sendable {
    /// "Processando TABELAS": planning starts.
    case processingTables
    /// "Incluindo registros nas tabelas": writing starts.
    case insertingRecords
    /// Records written so far for one table.
    case tableProgress(table: String, records: Int, expected: Int?, secondsElapsed: Double)
    case tableDone(table: String, records: Int, seconds: Double)
    /// "Processamento efetuado."
    case done

    /// The three fixed moments as the catalogue's facts (the ERP's words, cli.md).
    public var phrase: Phrase? {
        switch self {
        case .processingTables: .restore(.processingTables)
        case .insertingRecords: .restore(.insertingRecords)
        case .done: .restore(.done)
        default: nil
        }
    }

    /// The fixed moments' words in both languages (the web's event stream carries both).
    public func words() -> Words? { phrase?.words }
}
