/// Every `CLIPhrase` in English (`--lang en`, or an English locale).
enum CLIEnglish {
    static func text(_ p: CLIPhrase) -> String {
        switch p {
        case .undoNeedsYes:
            "No terminal to ask for confirmation: nothing was changed. Add --yes to undo."
        case .reindexNeedsYes:
            "No terminal to ask for confirmation: nothing was changed. Add --yes to rebuild the indexes, or --check to only verify them."
        case let .undoConfirm(id, tables):
            "Put " + (tables.isEmpty ? "the tables" : (tables.count == 1 ? "table " : "tables ") + tables.joined(separator: ", "))
                + " back as they were before operation \(id)? The current state is kept for redo."
        case .noBackupsFound(let r): "no backup found in \(r)"
        case .backupsHeaders: "NAME|DATE|KIND|SIZE|TABLES|MANIFEST"
        case .uiFolderMissing(let f): "folder \(f) does not exist"
        case .uiBackupFolderMissing(let b): "backup folder \(b) does not exist"
        case .uiListeningOnNetwork(let host):
            "WARNING: listening on \(host): other machines on the network can reach this screen (the token is still required)."
        case .uiOpenTheAddress: "Restore screen: open the address above in a browser. Ctrl+C stops it."
        case .uiCannotServe(let e): "resgate ui: cannot serve: \(e)"
        case let .showFolderTableLine(name, records, fields, index):
            "\(name): \(records) records, \(fields) fields" + (index ? ", CDX" : "")
        case .showFolderNoSuchTable(let t): "\(t): no such table"
        case .reindexHeaders: "table|index|status"
        case .recreateNeedsXMLFolder: "--xml: recreate needs the XML folder (--xml or [fiscal] xml in resgate.toml)"
        case .scanHeaders: "TABLE|LAST UPDATE|RECORDS|DELETED|SIZE|MEMO|INDEX|HEALTH"
        case .scanDamaged(let indexOnly): "DAMAGED" + (indexOnly ? " (index only)" : "")
        case let .scanOnlyIndexDamaged(tables, data):
            "Only the index is damaged in \(tables.joined(separator: ", ")): resgate reindex \(data) --table …"
        case .yes: "yes"
        case .no: "no"
        case let .tablesSummary(t, d): Format.count(t, "table", "tables") + ", \(d) damaged."
        case .severity(let s): s
        case .record(let r): "record \(r)"
        case .field(let f): "field \(f)"
        case .moreDefects(let n): "… \(n) more"
        case .recordsWord(let n): Format.count(n, "record", "records")
        case .fieldsWord(let n): Format.count(n, "field", "fields")
        case let .showSetTable(name, records, fields, structure, memo):
            "\(name): " + Format.count(records, "record", "records") + ", " + Format.count(fields, "field", "fields")
                + ", structure \(structure)" + (memo.map { ", memo \($0)" } ?? "")
        case let .showDBFHeader(file, version, records, cp):
            "\(file): version \(version), " + Format.count(records, "record", "records") + ", code page \(cp)"
        case let .memberVariant(file, variant): "  \(file): \(variant)"
        case .showNoSuchTable(let t): "\(t): no such table, or no structure"
        case let .numberingDoNotRelease(series, next, toEnter):
            "DO NOT RELEASE THE SYSTEM: \(series) — next note \(next)" + (toEnter.map { "; notes to re-enter \($0)" } ?? "")
        case let .numberingOK(series, next): "Numbering checked: \(series) — next note \(next)"
        case let .numberingWarning(series, next): "Numbering with warnings: \(series) — next note \(next) (see the warnings below)"
        case .numberingNotChecked(let d):
            "THE FISCAL NUMBERING WAS NOT CHECKED (no XML folder, no resgate.toml). Before releasing the system: resgate check --data \(d) --xml XML_FOLDER"
        case .handoverReportSaved(let p): "Printable handover report: \(p)"
        case .handoverReportNotSaved(let why): "warning: the printable report could not be written (\(why)); the restore was done"
        case .numberingCheckUnusable(let why): "THE FISCAL NUMBERING WAS NOT CHECKED: \(why)"
        case .restoredButCheckFailed:
            "The restore was done, but the check failed: do NOT open the store before fixing it (exit status 4)."
        case .checkName(let n):
            switch n {
            case "fiscal-sequence": "fiscal numbering"
            case "xml-files": "XML files"
            case "not-empty": "not empty"
            default: n
            }
        case let .seriesLabel(model, series, cnpj):
            "\(Format.fiscalModel(model, in: .en)) series \(series)" + (cnpj.isEmpty ? "" : ", CNPJ \(Format.cnpj(cnpj))")
        case .snapshotsTotal(let b): "Total: \(b) (free it with --prune)"
        case let .restoreDoneTime(t, n, time): "\(t): " + Format.count(n, "record", "records") + " (\(time))"
        case .dryRunFinished: "Dry run finished."
        case .stepVerifying(let t): "Verifying \(t)"
        case .stepComparing(let t): "Comparing \(t)"
        case .stepReadingXML: "Reading the XML"
        case let .diffFieldChange(f, b, d): "\(f): backup \(CLIProgressText.quoted(b)) → live \(CLIProgressText.quoted(d))"
        case .pruneNeedsYes: "No terminal to ask for confirmation: nothing was deleted. Add --yes to delete the undo snapshots."
        case .undoHeaders: "ID|CREATED|OPERATION|TABLES|SPACE|UNDONE BY"
        case .restoreHeaders: "TABLE|STATUS|BEFORE|AFTER|MAPPING|TIME"
        case let .mergeFrom(t, b, l, u, a, key):
            "\(t): \(b) records from the backup + \(l) from the live table (\(u) changed, \(a) new); " + English.merge(key)
        case let .mergeUnreadable(t, n, records):
            "\(t): " + Format.count(n, "unreadable live record", "unreadable live records") + " (not recovered): "
                + records.map(String.init).joined(separator: ", ")
        case let .mergeMemosLost(t, n): "\(t): " + Format.count(n, "unreadable memo", "unreadable memos") + " left empty"
        case let .mergeConflicts(t, n):
            "\(t): " + Format.count(n, "conflict", "conflicts") + " (same key, different content; the live version was kept):"
        case .remoteCached: " (cached)"
        case .remoteKind: "remote"
        case let .damagedZip(name, detail): "\(name): damaged zip: \(detail)"
        case .remoteNotRead(let root): "(? = not read with --quick: `resgate show \(root)/NAME.zip` fetches and shows it)"
        case .recordsPerSecond(let r): String(format: "  %.0f rec/s", r)
        case .secondsLeft(let s): "  \(s) s left"
        case .yesNoPrompt: " [y/N] "
        case .keepNeedsRemote: "--keep takes N ≥ 1 and --to REMOTE:path"
        case let .backupProgress(t, done, total, rate, left):
            "\(t): \(done)/\(total) records, \(rate)/s" + (left > 0 ? ", \(left)s" : "")
        case .prunedByKeep(let p): "removed (--keep): " + p
        case .operationName(let o): o
        case .structureName(let v): v
        }
    }
}
