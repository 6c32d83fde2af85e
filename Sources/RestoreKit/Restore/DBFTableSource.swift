import ResgateLocale
import BackupSet
import XBase

/// One DBF table of a table folder as the restore engine's source: its records read
/// through `DBFTable`, after a health check of the whole file.
///
/// Why the health check first: a table brought on a USB stick may be the very table that
/// broke. Its defects are the table's known defects (so it is refused with them, as a
/// set's table is), and every record the check or the decoder finds bad is reported with
/// its record number and field and left out, never written half-right. Damage to the
/// memo file is a memo defect (`--blank-memos` accepts it), any other a line defect
/// (`--skip-bad-lines` accepts it). Deleted records are not carried, as the ERP's own
/// backup does not export them.
final class DBFTableSource: RestoreTableSource {
    let name: String
    /// The DBF's file name as the folder spells it, for messages.
    let fileName: String
    let table: DBFTable
    let incomingTable: IncomingTableLayout?

    /// Findings listed per kind by the health check: enough to name every bad record of
    /// a table a person would still restore, bounded so a wrecked table stays small.
    static let findingsPerKind = 1000

    init(name: String, path: String, fileName: String, indexPath: String?) throws(XBaseError) {
        table = try DBFTable.open(path: path)
        self.name = name
        self.fileName = fileName
        incomingTable = IncomingTableLayout(header: table.header, memoBlockSize: table.memo?.blockSize, indexPath: indexPath)
    }

    /// The health check, run once when first needed (not for a plan that only wants the
    /// record count): file-level errors as known defects, record-level errors by record.
    private lazy var health: (known: [Defect], flagged: [Int: HealthFinding]) = {
        let report = TableHealth.check(path: table.path, findingsPerKind: Self.findingsPerKind)
        var known: [Defect] = []
        var flagged: [Int: HealthFinding] = [:]
        for f in report.findings where f.severity == .error {
            if let r = f.record, Self.recordKinds.contains(f.kind) {
                // one finding per record; a non-memo one wins (it stays bad with blank memos)
                if flagged[r] == nil || Self.memoKinds.contains(flagged[r]!.kind) { flagged[r] = f }
            } else {
                known.append(Self.defect(f, table: name, file: fileName, record: nil))
            }
        }
        return (known, flagged)
    }()

    var knownDefects: [Defect] { health.known }
    /// Record-level errors of the health check, by 1-based record number.
    var flagged: [Int: HealthFinding] { health.flagged }

    var fields: [FieldDescriptor] { table.fields }
    var codePage: CodePage? { table.codePageWasGuessed ? nil : table.codePage }
    var version: UInt8? { table.header.version }
    var expectedRecords: Int? { table.recordCount }

    static let memoKinds: Set<HealthFinding.Kind> = [.missingMemoFile, .shortMemoFile, .memoNextFreePastEnd,
                                                     .badMemoPointer, .memoPointerOutside, .badMemoBlock]
    /// Findings about one record's bytes (the rest are about the file).
    static let recordKinds: Set<HealthFinding.Kind> = [.badNumber, .badDate, .badLogical, .badDateTime, .badVarLength,
                                                       .badMemoPointer, .memoPointerOutside, .badMemoBlock]

    static func defect(_ f: HealthFinding, table: String, file: String, record: Int?) -> Defect {
        let kind: Defect.Kind = memoKinds.contains(f.kind) ? .badMemoArchive : (record == nil ? .badLine : .badValue)
        return Defect(kind, table: table, file: file, line: record, field: f.field,
                      .restore(.health(f.fact, wholeTable: record == nil)))
    }

    /// A record left out because the value of `field` does not decode.
    func unreadable(_ field: FieldDescriptor, record: Int, _ error: any Error) -> Defect {
        Defect(field.isMemo ? .badMemoArchive : .badValue, table: name, file: fileName, line: record,
               field: field.name, .restore(.unreadableValue(reason: Cause(error))))
    }

    func forEachRecord(memos: Bool, _ body: (Int, [DBFValue]) throws -> Void, defect: (Defect) -> Void) throws {
        let fields = table.fields
        var values = [DBFValue](repeating: .null, count: fields.count)
        var ended = false
        let flagged = self.flagged
        if memos {
            // every field wanted: decoded on two threads ahead of this one (`forEachRow`)
            try table.forEachRow { row in
                // an end-of-file byte inside the records: what follows is not data (a known defect)
                if ended || row.deleteFlag == 0x1A { ended = true; return }
                if row.isDeleted { return }
                if let f = flagged[row.number] { return defect(Self.defect(f, table: name, file: fileName, record: row.number)) }
                if let failure = row.failure {
                    return defect(unreadable(fields[failure.field], record: row.number, failure.error))
                }
                for i in fields.indices { values[i] = row.values[i] }
                try body(row.number, values)
            }
            return
        }
        // memos left blank: memo fields are neither read nor their findings counted
        try table.forEachRecord { r in
            if ended || r.deleteFlag == 0x1A { ended = true; return }
            if r.isDeleted { return }
            if let f = flagged[r.number], !Self.memoKinds.contains(f.kind) {
                return defect(Self.defect(f, table: name, file: fileName, record: r.number))
            }
            for i in fields.indices {
                if fields[i].isMemo { values[i] = .null; continue }
                do { values[i] = try r.value(at: i) } catch {
                    return defect(unreadable(fields[i], record: r.number, error))
                }
            }
            try body(r.number, values)
        }
    }
}
