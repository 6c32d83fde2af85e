/// Sentences of the command line's text output (tables, summaries, refusals) that the web
/// screen does not share. Kept apart from `Phrase` so the two front ends' catalogues grow
/// without touching each other; one file per language (`CLIPortuguese`, `CLIEnglish`).
public enum CLIPhrase: Sendable, Hashable {
    /// No terminal to ask and no --yes: `undo ID` refused.
    case undoNeedsYes
    /// No terminal to ask and no --yes: `reindex` refused.
    case reindexNeedsYes
    /// The question before `undo ID`: which tables go back.
    case undoConfirm(id: String, tables: [String])
    case noBackupsFound(root: String)
    case backupsHeaders
    /// `scan`'s table: its headers (`|` between columns), a damaged table's health column,
    /// and the hint when only indexes are damaged.
    case scanHeaders
    case scanDamaged(indexOnly: Bool)
    case scanOnlyIndexDamaged(tables: [String], data: String)
    /// `resgate ui`: its folders, the warning when it listens beyond this machine, the hint
    /// under the address and why it could not serve.
    case uiFolderMissing(String)
    case uiBackupFolderMissing(String)
    case uiListeningOnNetwork(host: String)
    case uiOpenTheAddress
    case uiCannotServe(String)
    /// A table of a folder of tables as `show` lists it (the name already escaped).
    case showFolderTableLine(name: String, records: Int, fields: Int, index: Bool)
    case showFolderNoSuchTable(String)
    /// `reindex`'s table headers (`|` between columns).
    case reindexHeaders
    /// `recreate` without an XML folder (`--xml` or the configuration's `[fiscal] xml`).
    case recreateNeedsXMLFolder
    case yes, no
    case tablesSummary(tables: Int, damaged: Int)
    case severity(String)
    case record(Int)
    case field(String)
    case moreDefects(Int)
    case recordsWord(Int)
    case fieldsWord(Int)
    case showSetTable(name: String, records: Int, fields: Int, structure: String, memo: String?)
    case showDBFHeader(file: String, version: String, records: Int, codePage: Int)
    case memberVariant(file: String, variant: String)
    case showNoSuchTable(String)
    /// The numbering verdict at the top of a restore's summary.
    case numberingDoNotRelease(series: String, next: Int, toEnter: String?)
    case numberingOK(series: String, next: Int)
    case numberingWarning(series: String, next: Int)
    case numberingNotChecked(data: String)
    case numberingCheckUnusable(String)
    case restoredButCheckFailed
    case checkName(String)
    case seriesLabel(model: Int, series: Int, cnpj: String)
    case snapshotsTotal(String)
    case restoreDoneTime(table: String, records: Int, time: String)
    case pruneNeedsYes
    case operationName(String)
    /// A structure file variant (`delimited`, `listStructure`, `extendedDBF`).
    case structureName(String)
    /// The last progress line of a dry run (the ERP's "Processamento efetuado." means data was replaced).
    case dryRunFinished
    /// Progress of a long step (the live line on a terminal): the step, then the figures.
    case stepVerifying(table: String)
    case stepComparing(table: String)
    case stepReadingXML
    /// One changed field of a `diff` example: the backup's value → the live one.
    case diffFieldChange(field: String, backup: String, data: String)
    /// After a restore that replaced tables: where the printable handover report was saved.
    case handoverReportSaved(path: String)
    /// The report could not be written (the restore itself is done).
    case handoverReportNotSaved(String)
    /// `undo --list`'s and a restore's table headers (`|` between columns).
    case undoHeaders
    case restoreHeaders
    /// `restore --merge` per table: where the rows came from and how they were matched
    /// (`key` is a `MergePhrase.key`), the live records that could not be read, the memos
    /// left empty, the same-key rows that differ.
    case mergeFrom(table: String, fromBackup: Int, fromLive: Int, updated: Int, added: Int, key: MergePhrase)
    case mergeUnreadable(table: String, count: Int, records: [Int])
    case mergeMemosLost(table: String, count: Int)
    case mergeConflicts(table: String, count: Int)
    /// `backups` of a remote root: a set already in the cache, the kind column, a damaged
    /// zip, and what `?` means after `--quick`.
    case remoteCached
    case remoteKind
    case damagedZip(name: String, detail: String)
    case remoteNotRead(root: String)
    /// A restore's live progress: records per second, seconds left.
    case recordsPerSecond(Double)
    case secondsLeft(Int)
    /// What follows a yes/no question on the terminal.
    case yesNoPrompt
    /// `backup`: `--keep` without a remote, a table's progress, a set deleted by `--keep`.
    case keepNeedsRemote
    case backupProgress(table: String, done: Int, total: Int, perSecond: Int, secondsLeft: Int)
    case prunedByKeep(String)
}

public extension CLIPhrase {
    func text(in language: Language) -> String {
        switch language {
        case .pt: CLIPortuguese.text(self)
        case .en: CLIEnglish.text(self)
        }
    }
}
