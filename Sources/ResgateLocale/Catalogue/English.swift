/// Every `Phrase` in English (`--lang en`, or an English locale).
enum English {
    static func text(_ p: Phrase) -> String {
        switch p {
        case .folderMissing(let f): "folder \(f) does not exist"
        case .dataFolderMissing(let f): "\(f): data folder not found"
        case .setMissing(let s): "\(s): does not exist"
        case .cannotCreate(let s): "\(s): cannot create"
        case .moreDefectsNotListed(let n): "… and \(n) more defect(s) not listed (the first 1000 per table; the full list with --defects-file)."
        case .tableNotInBackup(let t): "table \(t) is not in the backup"
        case let .tableNotInData(t, f): "table \(t) does not exist in \(f)"
        case .noSuchTables(let t): "no such table: \(t)"
        case .invalidTableName(let t): "invalid table name: \(t) (letters, digits and _ only)"
        case .noSuchSnapshot(let id): "undo snapshot \(id) does not exist"
        case .unusableCheckInput(let why): "unusable input: \(why)"
        case .nothingToVerify(let p): "nothing to verify in \(p): no backup table (_Estr structure + data); for DBF tables use resgate scan"
        case .invalidMergeConfig(let f): "unusable [merge] configuration: " + mergeConfig(f)
        case .invalidBackupDate(let d): "--backup-date: invalid date '\(d)' (use YYYY-MM-DD)"
        case .unknownKeyField(let k): "key field \(k) is not in both the backup and the table"
        case .unreadableTable(let t): "table \(t) cannot be read"
        case .backupFailed: "the backup could not be written"
        case .unreadableBackupRoot(let r): "cannot read the backup folder \(r)"
        case let .restoreOutOfSpace(file, folder, room):
            "nothing was changed: " + noRoom(room, file: file, folder: folder)
                + "; the restore stopped and its temporary files were removed. Free some space and run it again."
        case let .backupOutOfSpace(file, folder, room):
            "the backup was not written: " + noRoom(room, file: file, folder: folder)
                + "; its temporary files were removed and the data folder was not touched. Free some space and run it again."
        case .folderBusy: "another resgate operation is running on this folder"
        case .tableInUse(let h): "table in use by another program (\(h))"
        case .undoRefused(let why): "undo refused: \(why.text(in: .en))"
        case let .checkingTables(done, total): "Checking tables: \(done)/\(total)"
        case let .progressFigures(done, total, files, left):
            CLIProgressText.figures(done: done, total: total, unit: files ? ("file", "files") : ("record", "records"),
                                    of: "of", left: left.map { CLIProgressText.duration($0) + " left" }, in: .en)
        case .checking: "Checking…"
        case .verifyingSet(let s): "Verifying backup \(s)…"
        case .comparing(let t): "Comparing \(t)…"
        case .undoing(let id): "Undoing \(id)…"
        case .tablesPutBack(let t): "Tables put back: " + t.joined(separator: ", ")
        case let .toRedo(d, id): "To redo: resgate undo --data \(d) \(id)"
        case .freed(let b): "Freed \(b)"
        case .noSnapshots: "No undo snapshots."
        case .deleteSnapshotsQuestion: "Delete the undo snapshots?"
        case .continueQuestion: "Continue?"
        case .changeNeedsYes: "No terminal to ask for confirmation: nothing was changed. Add --yes to restore, or --dry-run to see what would change."
        case .nothingChanged: "Nothing was changed."
        case .noDefectsFound: "No defects found."
        case .defectsFound(let n): "\(n) defect(s) found."
        case .recordCount(let n): "\(n) records"
        case .postRestoreCheckHeading: "\nPost-restore check (resgate.toml):"
        case .postRestoreCheckHint(let d):
            "\nBefore the store opens, check the fiscal numbering: resgate check --data \(d) --xml XML_FOLDER"
        case .reindexConfirm(let n): "Rebuild the index of \(n) table(s)? The current index is kept for undo."
        case .restoreStatus(let s): s
        case .mappingBlank(let f): "blank: " + f.joined(separator: ",")
        case .mappingDropped(let f): "dropped: " + f.joined(separator: ",")
        case .mappingConverted(let f): "converted: " + f.joined(separator: ",")
        case .mappingSame: "same"
        case .refusedBecause(let why): "REFUSED: " + why
        case let .undoHint(folder, id): "Undo: resgate undo --data \(folder) \(id)"
        case .dryRunNothingWritten: "Dry run: nothing was written."
        case .mergeWarning: "The merging restore writes the backup's records and keeps the live ones the backup lacks:"
        case .restoreWarning: "WARNING: restoring DELETES every current record of these tables and writes the backup's:"
        case .undoSnapshotKept: "An undo snapshot is kept."
        case .diffByRecordOrder(let t): "\(t) — by record order"
        case let .diffByKey(t, k): "\(t) — by key \(k)"
        case let .diffCounts(b, d, c, s):
            "  only in backup:  \(b)\n  only in data:    \(d)\n  changed:         \(c)\n  same:            \(s)"
        case let .diffOnlyInBackup(k, line): "  + only in backup " + k + (line.map { " (line \($0))" } ?? "")
        case let .diffOnlyInData(k, record): "  - only in data " + k + (record.map { " (rec. \($0))" } ?? "")
        case let .diffChanged(k, changes): "  ~ changed " + k + ": " + changes
        case let .indexesSwapped(id, data): "Indexes swapped. To undo: resgate undo --data \(data) \(id)"
        case let .lockRecordHolder(pid, program):
            "locked by process \(pid)" + (program.map { " (\($0))" } ?? "")
        case .lockOpenFileHolder: "locked by another program — the ERP or the network share"
        case .lockWholeFileHolder: "locked whole by another program — the ERP or the network share"
        case let .lockCannotCheck(f, op, why): "cannot tell whether \(f) is in use (\(op): \(why))"
        case .comparisonReady: "Comparison ready."
        case .dryRunDone: "Dry run finished: nothing was written."
        case .restoreRefusedNothingChanged: "Restore refused. Nothing was changed."
        case .refusedWithTheOthers: "not restored because another table was refused (the tables are swapped all together or none)"
        case let .tableLockedBy(f, h): "in use by the ERP: \(f) — \(h)"
        case .webDefectsRefused:
            "this table's backup has damaged lines or memos: to restore it anyway, tick \"Skip damaged lines\" or \"Leave unreadable memos blank\" in the confirmation; or choose another backup"
        case .portInUse(let p):
            "port \(p) is already in use (another program, or another resgate screen). Choose another with --port, or leave --port out to use a free one."
        case let .numberingDoNotRelease(doc, series, cnpj, next, reenter):
            "DO NOT RELEASE THE SYSTEM: \(doc) series \(series), CNPJ \(cnpj) — next note \(next)" + (reenter.map { "; notes to re-enter \($0)" } ?? "")
        case let .numberingRelease(doc, series, cnpj, next):
            "Numbering checked: \(doc) series \(series), CNPJ \(cnpj) — next note \(next)"
        case .numberingNotChecked:
            "The note numbering (NFC-e/NF-e) was NOT checked: there is no XML folder and no resgate.toml."
        case .numberingHowToCheck(let d):
            "To check it, point at the folder of the authorized XML: open the screen with --xml XML_FOLDER, or put a resgate.toml in \(d) (xml = \"FOLDER\"), and use \"Check store\"."
        case .numberingFailedToRun(let why): "The numbering check could not run: \(why)"
        case .handover(let l): English.handover(l)
        case .repair(let r): English.repair(r)
        case .restore(let r): English.restore(r)
        case .fiscal(let f): English.fiscal(f)
        case .fiscalError(let e): English.fiscalError(e)
        case .reindex(let r): English.reindex(r)
        case .status(let s): English.status(s)
        case .merge(let m): English.merge(m)
        }
    }
}

/// A write that found no room (`NoRoom`), in English.
extension English {
    static func noRoom(_ room: NoRoom, file: String, folder: String) -> String {
        switch room {
        case .diskFull: "the disk of \(folder) filled up while \(file) was being written"
        case .quota: "this user's disk quota on \(folder) ran out while \(file) was being written"
        case .fileSizeLimit: "writing \(file) passed this process's file size limit (ulimit -f)"
        }
    }
}
