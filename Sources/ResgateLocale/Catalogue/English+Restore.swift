/// A restore's refusals and moments in English.
extension English {
    static func restore(_ r: RestorePhrase) -> String {
        switch r {
        case .noOutputFolder: "give --data or --into"
        case .sourceIsDestination(let out): "the source is the destination folder \(out) itself"
        case .backupHasDefects: "the backup has defects"
        case .folderBusy(let folder): "another Resgate operation is running on \(folder)"
        case let .folderNotWritable(path, why):
            "cannot write in \(path) (\(why)): the folder is read-only or this user may not write in it"
        case let .notEnoughDiskSpace(need, free): "not enough disk space: \(need) bytes needed, \(free) free"
        case .cancelled: "cancelled: nothing was changed"
        case .someTablesDamaged(let folder):
            folder ? "nothing was changed: some tables in the source folder have defects"
                : "nothing was changed: some tables have defects in the backup"
        case .nothingChanged(let why): "nothing was changed: " + restore(why)
        case .tableNotInSource(let folder): folder ? "the table is not in the source folder" : "the table is not in the backup"
        case .liveIndexMissing:
            "the header says the table has a CDX index but the file is missing; run resgate reindex or use --into"
        case .liveTableUnreadable(let why): "the live table cannot be read (\(why.text(in: .en))); use --into to restore into another folder"
        case .incompatibleFields(let f): "fields with incompatible types: " + f.joined(separator: "; ")
        case let .ownerOutOfReach(uid, gid, file):
            "the restored table needs owner \(uid):\(gid) of \(file), which this user cannot give; run as that user or as root"
        case let .fileOpen(file, holder): "\(file) is open in the ERP (\(text(holder))); close the ERP"
        case let .lockUnknown(file, op, why):
            "cannot check whether \(file) is open in the ERP (\(op): \(why)); run as a user who may read the file"
        case .indexNotRebuilt: "the CDX index could not be rebuilt (see below)"
        case .incomingTableDamaged:
            "the incoming table is damaged (accept with --skip-bad-lines / --blank-memos, leaving the bad records out)"
        case .backupTableHasDefects: "this table's backup has defects (accept them with --skip-bad-lines / --blank-memos)"
        case .structureNotWritable(let why): "the backup's structure cannot be written: \(why)"
        case .undoNotAnID(let id): "\"\(id)\" is not an undo id: give the id printed by restore, never a path"
        case .undoNoSuchSnapshot(let id): "no undo snapshot \(id)"
        case .undoIncomplete(let id): "snapshot \(id) is incomplete (its operation never committed)"
        case let .appendTableNotFound(t, folder): "table \(t) is not in \(folder)"
        case let .appendCannotWrite(t, why): "cannot write" + (t.map { " \($0)" } ?? "") + ": \(why.text(in: .en))"
        case let .tableLocked(t, f, h): "table \(t) is open in the ERP (" + (f.map { "\($0): " } ?? "") + text(h) + ")"
        case .undoBusy: "another Resgate operation is running on this folder"
        case let .undoCannotWrite(path, why): "cannot write in \(path) (\(why)): the folder is read-only or this user may not write in it"
        case let .mergeUnknownKeyField(t, n): "\(t): key field \(n) is not in the table"
        case let .mergeUnknownChangedField(t, n): "\(t): changed field \(n) is not in the table"
        case let .mergeChangedFieldNotADate(t, n): "\(t): changed field \(n) is neither a date nor a datetime"
        case let .mergeTooManyLiveRows(t, rows, budget):
            "\(t): the live table has \(rows) records, more than the \(budget) a merge takes; restore without --merge or use salvage"
        case let .mergeUnreadableLive(t, reason): "\(t): the live table cannot be read (\(reason.text(in: .en))); restore without --merge"
        case let .mergeFailed(t, reason): "\(t): the merge failed (\(reason.text(in: .en)))"
        case .processingTables: "Processing tables"
        case .insertingRecords: "Inserting records"
        case .done: "Done."
        }
    }
}
