import BackupSet
import XBase

/// A `BackupSet` (zip or folder) as the restore engine's source.
public final class BackupSetSource: RestoreSource {
    public let backupSet: BackupSet
    /// Code pages of the live tables, used when a structure file names none.
    public var fallbackCodePages: [String: CodePage] = [:]

    public init(set: BackupSet) { self.backupSet = set }

    public convenience init(path: String) throws {
        self.init(set: try BackupSet.open(path))
    }

    public var displayName: String { backupSet.name }
    public var tableNames: [String] { backupSet.tables.map { $0.members.tableName.canonical } }
    /// Defects of the whole set (those not tied to one table).
    public var setDefects: [Defect] { backupSet.defects.filter { $0.table == nil } }

    public func table(named name: String) throws -> any RestoreTableSource {
        guard let t = backupSet.table(named: name), let s = t.structure else {
            return MissingStructureTable(name: name.uppercased(),
                                         defects: backupSet.defects.filter { $0.table?.uppercased() == name.uppercased() })
        }
        return BackupSetTable(backupSet: backupSet, table: t, structure: s,
                              knownDefects: backupSet.defects.filter { $0.table?.uppercased() == name.uppercased() },
                              fallback: fallbackCodePages[name.uppercased()])
    }
}

struct BackupSetTable: RestoreTableSource {
    let backupSet: BackupSet
    let table: BackupTable
    let structure: BackupStructure
    let knownDefects: [Defect]
    let fallback: CodePage?

    var name: String { table.name.uppercased() }
    var fields: [FieldDescriptor] { structure.fields }
    var codePage: CodePage? { structure.codePage.flatMap { CodePage(number: $0) } }
    var version: UInt8? { structure.version }
    var expectedRecords: Int? { structure.records }

    func forEachRecord(memos: Bool, _ body: (Int, [DBFValue]) throws -> Void, defect: (Defect) -> Void) throws {
        try forEachRecord(memos: memos, fast: nil, body, defect: defect)
    }

    func forEachRecord(memos: Bool, fast: RawRecordSink?, _ body: (Int, [DBFValue]) throws -> Void,
                       defect: (Defect) -> Void) throws {
        // refused before a byte is read: the defect is already among `knownDefects`
        if table.oversized != nil { return }
        var options = ReadOptions()
        options.fallbackCodePage = fallback
        options.memo = memos
        let report = try backupSet.forEachRecord(table: table.name, options: options, raw: fast) { r in
            try body(r.line, r.values)
        }
        for d in report.defects { defect(d) }
    }
}

/// A table listed in the set whose structure could not be read: every read is a defect.
struct MissingStructureTable: RestoreTableSource {
    let name: String
    let defects: [Defect]
    var fields: [FieldDescriptor] { [] }
    var codePage: CodePage? { nil }
    var version: UInt8? { nil }
    var expectedRecords: Int? { nil }
    var knownDefects: [Defect] {
        defects.isEmpty ? [Defect(.missingStructure, table: name, .restore(.structureMissing))] : defects
    }
    func forEachRecord(memos: Bool, _ body: (Int, [DBFValue]) throws -> Void, defect: (Defect) -> Void) throws {}
}
