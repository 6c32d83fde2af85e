import Foundation
import ResgateLocale
import RestoreKit
import XBase

/// `repair DATA --table T [--dry-run]`: fixes in place what needs no backup (RestoreKit's
/// `TableRepairer`): the repaired DBF (and the memo file when its pointer moves) is
/// written beside, its CDX rebuilt from it and proven, the result checked, then swapped in
/// by a `SwapTransaction` (lock checks, owner and mode kept, undo snapshot holding the
/// damaged files byte for byte). A dry run reads and writes nothing.
extension StoreOperations {
    public func repair(table: TableName, dryRun: Bool) throws(OperationFailure) -> RepairReport {
        try requireFolder()
        guard let file = liveFile(table), file.lowercased().hasSuffix(".dbf") else {
            throw OperationFailure(.tableNotInData(table: table.canonical, folder: data))
        }
        var lock: FolderLock?
        if !dryRun {
            do { lock = try FolderLock.acquire(folder: data) } catch {
                switch error {
                case .busy: throw OperationFailure(.folderBusy, exit: .refused)
                case let .cannotWrite(path, why): throw OperationFailure(.cannotCreate("\(path): \(why)"), exit: .refused)
                }
            }
            _ = try? Recovery.recoverAllLocked(data: data)
        }
        defer { withExtendedLifetime(lock) {} }
        let path = data + "/" + file
        let dbf: DBFTable
        do { dbf = try DBFTable.open(path: path) } catch {
            throw OperationFailure(.repair(.headerUnreadable(file: path, reason: .xbase(error))), exit: .refused)
        }
        let repairer: TableRepairer
        do { repairer = try TableRepairer(table: dbf) } catch {
            guard case let .memoFileUnreadable(f, why) = error else { throw OperationFailure(.repair(.failed(Cause(error))), exit: .refused) }
            throw OperationFailure(.repair(.memoFileUnreadable(file: f, reason: why)), exit: .refused)
        }
        let memoName = dbf.memo.map { ($0.path as NSString).lastPathComponent }
        let cdxName = IndexedTable.all(in: data).first { $0.name == table }?.indexName
        if !dryRun {
            for f in [file, memoName, cdxName].compactMap({ $0 }) {
                if let holder = TableLocks.holder(at: data + "/" + f) {
                    throw Self.inUse(holder)
                }
            }
        }
        let scan: RepairFindings
        do { scan = try repairer.run() } catch {
            throw OperationFailure(.repair(.failed(Cause(error))), exit: .refused)
        }
        var report = RepairReport(table: table, file: path, dryRun: dryRun, findings: scan)
        if scan.tableChanges { report.index = cdxName }
        if scan.memoNextFreeAfter != nil { report.memo = memoName }
        if dryRun || scan.isClean { return report }
        return try commitRepair(repairer, scan: scan, report: report, file: file, memoName: memoName, cdxName: cdxName)
    }

    /// Refused: a program holds one of the table's files (the holder told in each language).
    static func inUse(_ holder: Phrase) -> OperationFailure {
        OperationFailure(.tableInUse(holder: holder.text(in: .pt)), exit: .refused,
                         details: Words { l in Phrase.tableInUse(holder: holder.text(in: l)).text(in: l) })
    }

    private func commitRepair(_ repairer: TableRepairer, scan first: RepairFindings, report: RepairReport, file: String,
                              memoName: String?, cdxName: String?) throws(OperationFailure) -> RepairReport {
        var report = report
        let tx: SwapTransaction
        do { tx = try SwapTransaction(data: data, operation: "repair", source: nil) } catch {
            throw OperationFailure(.repair(.failed(Cause(error))), exit: .refused)
        }
        do {
            let stage = tx.stagingDirectory
            let done = try repairer.run(dbfOut: first.tableChanges ? stage + "/" + file : nil,
                                        memoOut: first.memoNextFreeAfter != nil ? memoName.map { stage + "/" + $0 } : nil)
            var files: [String] = []
            if done.tableChanges {
                files.append(file)
                try Self.checkRepaired(stage + "/" + file, memo: repairer.table.memo)
                if let cdxName {
                    let staged = try DBFTable.open(path: stage + "/" + file)
                    do {
                        let result = try IndexRebuild.rebuild(table: staged, template: try CDXFile.open(path: data + "/" + cdxName),
                                                              to: stage + "/" + cdxName, checkOld: false)
                        guard result.after.isEmpty else {
                            throw OperationFailure(.repair(.indexNotRebuilt(file: cdxName, findings: result.after.map(\.detail))), exit: .refused)
                        }
                    } catch let e as CDXError {
                        throw OperationFailure(.repair(.indexNotRebuilt(file: cdxName, findings: [.failure(e)])), exit: .refused)
                    }
                    files.append(cdxName)
                }
            }
            if done.memoNextFreeAfter != nil, let memoName { files.append(memoName) }
            tx.stage(table: report.table.canonical, newFiles: files, oldFiles: files,
                     recordsBefore: done.headerRecords, recordsAfter: done.recordsAfter)
            try tx.commit()
            report = RepairReport(table: report.table, file: report.file, dryRun: false, findings: done)
            report.index = done.tableChanges ? cdxName : nil
            report.memo = done.memoNextFreeAfter != nil ? memoName : nil
            report.id = tx.id
            return report
        } catch let f as OperationFailure {
            tx.abandon(); throw f
        } catch let r as SwapTransaction.Refusal {
            tx.abandon()
            switch r {
            case let .locked(_, _, holder):
                throw Self.inUse(holder.phrase)
            case let .lockUnknown(table, file, op, why):
                // `op`/`why`: the system call and strerror(3)'s words (foreign)
                let holder = Phrase.lockCannotCheck(file: file, operation: op, reason: why)
                throw OperationFailure(.repair(.failed(.restore(.tableLocked(table: table, file: nil, holder: holder)))), exit: .refused)
            }
        } catch {
            tx.abandon()
            throw OperationFailure(.repair(.failed(Cause(error))), exit: .refused)
        }
    }

    /// The repaired table, read back before it may be swapped in: the count matches the
    /// file, nothing torn, and no record has a fault left.
    static func checkRepaired(_ path: String, memo: MemoFile?) throws {
        let t = try DBFTable.open(path: path)
        guard t.header.recordCount == t.recordsBySize, t.tornTailBytes == 0 else {
            let problem: RepairPhrase.CheckProblem = t.header.recordCount != t.recordsBySize
                ? .count(header: t.header.recordCount, inFile: t.recordsBySize) : .tornTail(bytes: t.tornTailBytes)
            throw OperationFailure(.repair(.checkFailed(problem)), exit: .refused)
        }
        let screen = RecordScreen(header: t.header, memo: memo)
        var bad: Int?
        try t.forEachStoredRecord { i, rec in
            var memoBad = false
            if bad == nil, screen.fault(rec, memoFault: { _ in memoBad = true }) != nil || memoBad { bad = i + 1 }
        }
        if let bad { throw OperationFailure(.repair(.checkFailed(.record(bad))), exit: .refused) }
    }
}
