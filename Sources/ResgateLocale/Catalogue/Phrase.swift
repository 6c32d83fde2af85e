/// The sentences of the operations layer and its two front ends, as facts with their
/// values. Each language is one file (`Portuguese.swift`, `English.swift`) with one switch
/// over these cases, so a new language is one more file and the compiler lists every
/// sentence it still lacks.
public enum Phrase: Sendable, Hashable {
    // input that cannot be used (exit 2)
    case folderMissing(String)
    case dataFolderMissing(String)
    case setMissing(String)
    /// A file the command was asked to write could not be created.
    case cannotCreate(String)
    /// Defects counted but not listed.
    case moreDefectsNotListed(Int)
    case tableNotInBackup(String)
    case tableNotInData(table: String, folder: String)
    case noSuchTables(String)
    case invalidTableName(String)
    case noSuchSnapshot(String)
    case unusableCheckInput(String)
    case invalidBackupDate(String)
    /// `[merge.T]` in resgate.toml cannot be used (file:line: why).
    case invalidMergeConfig(MergeConfigFailure)
    /// `verify` found no backup table at all in the path.
    case nothingToVerify(String)
    case unknownKeyField(String)
    case backupFailed
    case unreadableTable(String)
    case unreadableBackupRoot(String)
    // refused (exit 3)
    case folderBusy
    /// A restore ran out of room while writing `file` (its staging is gone, DATA as it was).
    case restoreOutOfSpace(file: String, folder: String, room: NoRoom)
    /// A backup ran out of room writing `file` into `folder`: no set, no temporary files.
    case backupOutOfSpace(file: String, folder: String, room: NoRoom)
    case tableInUse(holder: String)
    /// `undo` refused: the store's refusal as its fact (`UndoStore.UndoError.phrase`), or
    /// a foreign error's words.
    case undoRefused(Cause)
    // progress and results
    case checkingTables(done: Int, total: Int)
    case checking
    /// `done` of `total` records (or XML files), the percent, and the time left when known:
    /// the live line of verify/diff/check on a terminal, the screen's progress bars.
    case progressFigures(done: Int, total: Int?, files: Bool, secondsLeft: Int?)
    case verifyingSet(String)
    case comparing(String)
    case undoing(String)
    case tablesPutBack([String])
    case toRedo(data: String, id: String)
    case freed(String)
    case noSnapshots
    case deleteSnapshotsQuestion
    case continueQuestion
    /// No terminal to ask and no --yes: the change is refused.
    case changeNeedsYes
    case nothingChanged
    case noDefectsFound
    case defectsFound(Int)
    case recordCount(Int)
    case postRestoreCheckHeading
    case postRestoreCheckHint(data: String)
    case reindexConfirm(Int)
    // restore summary
    case restoreStatus(String)
    case mappingBlank([String])
    case mappingDropped([String])
    case mappingConverted([String])
    case mappingSame
    case refusedBecause(String)
    case undoHint(folder: String, id: String)
    case dryRunNothingWritten
    case restoreWarning
    case mergeWarning
    case undoSnapshotKept
    // diff
    case diffByRecordOrder(table: String)
    case diffByKey(table: String, key: String)
    case diffCounts(onlyInBackup: Int, onlyInData: Int, changed: Int, same: Int)
    case diffOnlyInBackup(key: String, line: Int?)
    case diffOnlyInData(key: String, record: Int?)
    case diffChanged(key: String, changes: String)
    case indexesSwapped(id: String, data: String)
    // who holds a table's file (RestoreKit's TableLocks.Holder, told in words)
    case lockRecordHolder(pid: Int32, program: String?)
    case lockOpenFileHolder
    case lockWholeFileHolder
    case lockCannotCheck(file: String, operation: String, reason: String)
    // the web screen (issue 16)
    /// A table refused for defects in its backup, told to someone with no command line.
    case webDefectsRefused
    case comparisonReady
    case dryRunDone
    case restoreRefusedNothingChanged
    case refusedWithTheOthers
    case tableLockedBy(file: String, holder: String)
    /// `resgate ui --port N` when N is taken.
    case portInUse(Int)
    /// The numbering verdict after a restore (`NumberingVerdict`).
    case numberingDoNotRelease(document: String, series: Int, cnpj: String, next: Int, reenter: String?)
    case numberingRelease(document: String, series: Int, cnpj: String, next: Int)
    case numberingNotChecked
    case numberingHowToCheck(data: String)
    case numberingFailedToRun(String)
    /// Every label and sentence of the printable handover report.
    case handover(HandoverLabel)
    /// `resgate repair`'s sentences.
    case repair(RepairPhrase)
    /// A restore's refusals and moments (`RestoreKit.Restorer`).
    case restore(RestorePhrase)
    /// What `resgate check` found (`Fiscal`).
    case fiscal(FiscalPhrase)
    /// Input the fiscal commands cannot use (`Fiscal.FiscalError`).
    case fiscalError(FiscalErrorPhrase)
    /// `resgate reindex`'s statuses and index defects.
    case reindex(ReindexPhrase)
    /// `resgate status`'s words.
    case status(StatusPhrase)
    /// `restore --merge` as the screen and the handover report tell it.
    case merge(MergePhrase)
}

/// The merging restore (issue 17) in the screen's dialog and result, and the handover
/// report: counts per table, how rows were matched, and whether merging is the default.
public enum MergePhrase: Sendable, Hashable {
    /// How a table's rows are matched (`MergeKeyChoice.Source` as a fact).
    public enum KeySource: Sendable, Hashable { case option, config, candidateTag, uniqueTag, none }

    /// "40 do backup + 11 da tabela atual (0 alteradas, 11 novas)".
    case counts(fromBackup: Int, fromLive: Int, updated: Int, added: Int)
    case conflicts(Int)
    case unreadable(count: Int, records: [Int])
    case memosLost(Int)
    /// "chave NUMERO (índice candidato VENDAS)"; no fields: append-only by record order.
    case key(fields: [String], source: KeySource, tag: String?)
    /// The changed field that proves a live row newer.
    case changedField(String)
    // one table's verdict in the dialog
    case keepsNewer(Int)
    case nothingNewer
    case noKeyNotAppendOnly(liveRecords: Int, backupRecords: Int)
    case noLiveTable
    case notComputed
    // the whole dialog's default
    case previewing
    case recommended
    case notRecommendedNothingNewer
    case notRecommendedNoKey([String])
    case impossible(String)
    /// The handover report's note on a merged table.
    case handoverNote
}

/// `resgate repair`: what it found and did in a table, and why it would not.
public enum RepairPhrase: Sendable, Hashable {
    /// What the read-back of a repaired table found wrong.
    public enum CheckProblem: Sendable, Hashable {
        /// The header's record count is not what the file's size holds.
        case count(header: Int, inFile: Int)
        /// The file ends in `bytes` bytes that are not a whole record.
        case tornTail(bytes: Int)
        /// Record `record` (1-based) still has a fault.
        case record(Int)
    }
    case headerUnreadable(file: String, reason: Cause)
    case memoFileUnreadable(file: String, reason: Cause)
    /// What the rebuild's check found wrong in the new file, or why it failed (`.failure`).
    case indexNotRebuilt(file: String, findings: [IndexFinding])
    /// The repaired table, read back before the swap, is not sound (`CheckProblem`).
    case checkFailed(CheckProblem)
    case failed(Cause)
    case needsYes
    case confirm(table: String, fixes: Int)
    case nothingToFix(table: String)
    case repaired(table: String, fixes: Int)
    case wouldRepair(table: String, fixes: Int)
    case records(header: Int, inFile: Int, after: Int)
    case indexRebuilt(String)
    case undo(data: String, id: String)
    case moreNotListed(Int)
    // one line per finding
    case headerCount(before: Int, after: Int)
    case tornRecord(record: Int, bytes: Int)
    case missingEOF
    case memoNextFree(before: Int, after: Int)
    /// `outside`: past the memo file; else a block that is not a memo or not a number.
    case memoEmptied(record: Int, field: String, outside: Bool, bytes: String)
    case fieldBlanked(record: Int, field: String, fault: FieldFault, bytes: String)
    case quarantined(record: Int, bytes: String)

    /// Why a field's bytes do not decode.
    public enum FieldFault: Sendable, Hashable { case number, date, logical, dateTime, varLength }
}

/// The printable report's words (`StoreOps.HandoverReport`), one case per label.
public enum HandoverLabel: Sendable, Hashable {
    case title
    case subtitle(id: String)
    case dataFolder, backupSet, madeAt, undoID, undoHow(String)
    case verdictHeading
    case tablesHeading
    case colTable, colStatus, colBefore, colAfter, colNotes
    case refusedHeading, noneRefused
    case reenterHeading, reenterNone, colSeries, colNumber, colIssued, colKey
    case checklistHeading
    case checklistIntro
    case colItem, colToolChecked, colByHand
    case salesPost, salesPostTool(Int), salesPostHand
    case fiscalSequence, fiscalSequenceTool(String), fiscalSequenceNotChecked, fiscalSequenceHand
    case purchaseEntries, purchaseEntriesTool(String?), purchaseEntriesHand
    case otherMovements, otherMovementsTool(Int), otherMovementsHand
    case releaseOnlyWhen
    case signature
    case tableRestored, tableRefused, tableWouldRestore
    case printHint
    /// A table's notes: damaged lines of the backup skipped, unreadable memos left blank.
    case skippedLines(Int)
    case memosBlanked
}


public extension Phrase {
    func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.text(self)
        case .en: English.text(self)
        }
    }

    /// Both languages, for the places that still carry `Words`.
    var words: Words { Words(text) }
}

/// Which room a write ran out of (XBase's `OutOfSpace.Cause`).
public enum NoRoom: Sendable, Hashable, CaseIterable {
    /// ENOSPC: the disk is full.
    case diskFull
    /// EDQUOT: this user's disk quota is used up.
    case quota
    /// EFBIG: the process's file size limit (`ulimit -f`), not the disk.
    case fileSizeLimit
}
