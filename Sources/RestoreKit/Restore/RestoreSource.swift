import BackupSet
import XBase

/// What a source turned out to be, told by its content (see `RestoreSources.open`).
public enum RestoreSourceKind: String, Sendable, Codable {
    /// A backup set: structure and text data files per table (the ERP's backup).
    case backupSet = "set"
    /// A folder (or zip) of DBF tables with their FPT/DBT and CDX files, e.g. a sandbox
    /// written by `restore --into` or a table fixed in FoxPro on a notebook.
    case tableFolder = "tables"
}

/// A backup's data as the restore engine reads it: the set's table names and, per
/// table, its structure and a stream of records. `BackupSet`'s reader conforms through
/// `BackupSetSource`, a folder of DBF tables through `TableFolderSource`; tests can feed
/// tables directly.
public protocol RestoreSource {
    /// The set's name for messages and the undo journal.
    var displayName: String { get }
    var kind: RestoreSourceKind { get }
    /// Upper-case table names, in the set's order.
    var tableNames: [String] { get }
    /// Defects of the set as a whole (manifest, unsafe members…); any error-level one
    /// refuses every table.
    var setDefects: [Defect] { get }
    func table(named: String) throws -> any RestoreTableSource
}

public protocol RestoreTableSource {
    var name: String { get }
    /// The backup's fields in structure order, memo fields included.
    var fields: [FieldDescriptor] { get }
    /// The table's code page per the structure file, when it says.
    var codePage: CodePage? { get }
    /// Version byte per the structure file, when it says (used when there is no live table).
    var version: UInt8? { get }
    /// Records the structure file or manifest announces, if any (for progress).
    var expectedRecords: Int? { get }
    /// Defects known before reading (missing parts, memo archive problems…).
    var knownDefects: [Defect] { get }
    /// The incoming table as a DBF file, when the source is one: used instead of the
    /// structure when there is no live table, so the new table keeps its header and index.
    var incomingTable: IncomingTableLayout? { get }
    /// Streams every record: `values` in `fields` order. Lines that cannot be read are
    /// passed to `defect` and skipped. With `memos` false, memo fields come blank and the
    /// memo archive is not read (`--blank-memos`).
    func forEachRecord(memos: Bool, _ body: (_ line: Int, _ values: [DBFValue]) throws -> Void,
                       defect: (Defect) -> Void) throws
    /// As `forEachRecord(memos:_:defect:)`, offering each line to `fast` first when the
    /// source can (see `RawRecordSink`): `body` then gets only the lines `fast` declines.
    func forEachRecord(memos: Bool, fast: RawRecordSink?, _ body: (_ line: Int, _ values: [DBFValue]) throws -> Void,
                       defect: (Defect) -> Void) throws
}

/// What a source that is itself a DBF table brings besides its records.
public struct IncomingTableLayout {
    /// The incoming table's header (version, flags, code page mark, field flags).
    public var header: TableHeader
    /// Block size of its memo file, when it has one.
    public var memoBlockSize: Int?
    /// Its structural CDX, whose tags the new table's index is rebuilt with.
    public var indexPath: String?
    public init(header: TableHeader, memoBlockSize: Int?, indexPath: String?) {
        self.header = header
        self.memoBlockSize = memoBlockSize
        self.indexPath = indexPath
    }
}

extension RestoreSource {
    public var kind: RestoreSourceKind { .backupSet }
}

extension RestoreTableSource {
    public var incomingTable: IncomingTableLayout? { nil }

    /// Sources without raw lines read everything the typed way.
    public func forEachRecord(memos: Bool, fast: RawRecordSink?, _ body: (_ line: Int, _ values: [DBFValue]) throws -> Void,
                              defect: (Defect) -> Void) throws {
        try forEachRecord(memos: memos, body, defect: defect)
    }
}
