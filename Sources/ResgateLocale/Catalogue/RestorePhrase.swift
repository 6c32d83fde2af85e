/// What a restore (`RestoreKit.Restorer`) refuses and why, and its fixed moments, as facts.
/// The words are in `Portuguese+Restore.swift` / `English+Restore.swift`.
public indirect enum RestorePhrase: Sendable, Hashable {
    // the whole restore refused
    /// Neither DATA nor `--into` was given.
    case noOutputFolder
    /// A folder of tables given as the source is the folder being restored into.
    case sourceIsDestination(folder: String)
    /// The set itself has defects; the defects' own sentences follow (`: a; b`).
    case backupHasDefects
    /// Another Resgate operation holds the folder's lock.
    case folderBusy(folder: String)
    /// `reason`: `strerror(3)`'s words (a foreign error's, shown as they are).
    case folderNotWritable(path: String, reason: String)
    case notEnoughDiskSpace(needed: Int, free: Int)
    /// Stopped by the person (the web screen's "Cancelar") before the swap.
    case cancelled
    /// Some tables were refused, so none was swapped in.
    case someTablesDamaged(tableFolder: Bool)
    /// The swap found a lock that appeared while the tables were written.
    case nothingChanged(RestorePhrase)
    // one table refused
    case tableNotInSource(tableFolder: Bool)
    /// The live header says there is a CDX index, but the file is missing.
    case liveIndexMissing
    case liveTableUnreadable(reason: Cause)
    /// Fields whose types cannot be converted (`NAME: C → N`…).
    case incompatibleFields([String])
    case ownerOutOfReach(uid: UInt32, gid: UInt32, file: String)
    /// A live file is locked; `holder` says by whom (`Phrase.lock…Holder`).
    case fileOpen(file: String, holder: Phrase)
    case lockUnknown(file: String, operation: String, reason: String)
    case indexNotRebuilt
    case incomingTableDamaged
    case backupTableHasDefects
    /// A defect of a table: the backup's structure cannot be written as the live table needs.
    case structureNotWritable(String)
    // undo refused (`UndoStore.UndoError`)
    /// Not an undo id (a path, a dot-name…); the id as given, escaped.
    case undoNotAnID(String)
    case undoNoSuchSnapshot(String)
    /// The snapshot's operation never committed.
    case undoIncomplete(String)
    /// `file` (when known) is held by `holder` (a lock holder, or why it could not be checked).
    case tableLocked(table: String, file: String?, holder: Phrase)
    /// Rows appended to a table (`recreate`): the table is not in the folder; it cannot be
    /// written (`table` nil: the operation as a whole).
    case appendTableNotFound(table: String, folder: String)
    case appendCannotWrite(table: String?, reason: Cause)
    case undoBusy
    /// `reason`: `strerror(3)`'s words (a foreign error's, shown as they are).
    case undoCannotWrite(path: String, reason: String)
    // `--merge` refused for one table (RestoreKit/Merge's `MergeFailure`)
    case mergeUnknownKeyField(table: String, field: String)
    case mergeUnknownChangedField(table: String, field: String)
    case mergeChangedFieldNotADate(table: String, field: String)
    case mergeTooManyLiveRows(table: String, rows: Int, budget: Int)
    case mergeUnreadableLive(table: String, reason: Cause)
    /// Any other error of the merge (the spill's), as the engine words it.
    case mergeFailed(table: String, reason: Cause)
    // the moments of a restore (the ERP's own messages, cli.md)
    case processingTables
    case insertingRecords
    case done
}
