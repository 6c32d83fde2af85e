import Foundation

/// Replaces whole tables in a data folder so that, whatever moment a crash or kill
/// happens, the set of tables is either entirely old or entirely new (or, for a
/// transaction made with `allOrNothing: false`, each table on its own).
///
/// 1. The caller writes each table's new files into `stagingDirectory` (same file system
///    as DATA, so renames are atomic) and calls `stage`.
/// 2. `commit` gives each staged file the owner and mode of the file it replaces, fsyncs
///    it, checks again (under the folder lock the caller holds) that no program locks a
///    live file, writes the journal, then per table checks its files once more and moves
///    every live file into the undo snapshot and every staged file into place.
///    All old files of a table move before any new one does: `Recovery` relies on that.
/// Any failure before the journal is written drops the staging: DATA was not touched.
/// Any failure after it hands the journal to `Recovery`, which rolls the set back.
public final class SwapTransaction {
    public let folders: ResgateFolders
    public private(set) var journal: Journal
    public var id: String { journal.id }
    public var stagingDirectory: String { folders.work(id) }
    public var snapshotDirectory: String { folders.snapshot(id) }
    /// Test hook: called before each rename, so a test can stop the process mid-swap.
    public var beforeEachRename: (() -> Void)?
    /// Test hook: called right before the last lock check ahead of the swap.
    public var beforeLockCheck: (() -> Void)?
    /// Staged file name → the file whose owner and mode it takes (see `stage`).
    private var ownerTemplates: [String: String] = [:]

    /// Why a commit stopped before touching DATA (a fact; the edge puts it in words).
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        /// A program holds a lock on a live file of `table`.
        case locked(table: String, file: String, holder: TableLocks.Holder)
        /// Whether a program locks `file` could not be known.
        case lockUnknown(table: String, file: String, operation: String, reason: String)
        public var description: String {
            switch self {
            case let .locked(t, f, h): "table \(t): \(f) is open in the ERP (\(h))"
            case let .lockUnknown(t, f, op, why): "table \(t): cannot check whether \(f) is open in the ERP (\(op): \(why))"
            }
        }
    }

    /// The swap failed and putting the set back failed too (a lock appeared on a file
    /// already moved, the disk broke): the journal stays `prepared` and the next command
    /// finishes the rollback. Never a refusal: DATA may be changed until then.
    public struct RollbackPending: Error, CustomStringConvertible {
        public var cause: any Error
        public var recovery: any Error
        public var description: String {
            "the swap failed (\(cause)) and could not be undone yet (\(recovery)); the next Resgate command on this folder finishes the rollback"
        }
    }

    /// `allOrNothing`: a failure or crash in the middle of the swap rolls every table of
    /// the set back (the default); false recovers each table on its own.
    public init(data: String, operation: String, source: String?, allOrNothing: Bool = true) throws {
        FileOps.ignoreFileSizeSignal()
        folders = ResgateFolders(data: data)
        journal = Journal(id: Journal.newID(), created: Journal.isoNow(), operation: operation,
                          source: source, state: .prepared, tables: [], allOrNothing: allOrNothing)
        try FileOps.makeDirectory(folders.work(journal.id))
    }

    /// Declares a table: `newFiles` are names already written in the staging folder,
    /// `oldFiles` the live names (in DATA) to move into the snapshot. `ownerFrom` maps a
    /// new file to the file whose owner and mode it must take; by default the live file
    /// of the same name, else the table's first live file.
    public func stage(table: String, newFiles: [String], oldFiles: [String],
                      recordsBefore: Int?, recordsAfter: Int?, ownerFrom: [String: String] = [:]) {
        let existing = oldFiles.filter { FileOps.exists(folders.data + "/" + $0) }
        let bytes = existing.reduce(0) { $0 + (FileOps.size(folders.data + "/" + $1) ?? 0) }
        journal.tables.append(.init(name: table, oldFiles: existing, newFiles: newFiles,
                                    state: .pending, recordsBefore: recordsBefore,
                                    recordsAfter: recordsAfter, bytesBefore: bytes))
        for f in newFiles {
            if let given = ownerFrom[f] { ownerTemplates[f] = given }
            else if existing.contains(f) { ownerTemplates[f] = folders.data + "/" + f }
            else if let first = existing.first { ownerTemplates[f] = folders.data + "/" + first }
        }
    }

    /// Owns, flushes, re-checks, journals and swaps every staged table.
    public func commit() throws {
        do {
            for t in journal.tables {
                for f in t.newFiles {
                    let staged = stagingDirectory + "/" + f
                    if let template = ownerTemplates[f] { try FileOps.copyOwnerAndMode(from: template, to: staged) }
                    try FileOps.fsyncFile(staged)
                }
            }
            try FileOps.fsyncDirectory(stagingDirectory)
            beforeLockCheck?()
            for t in journal.tables { try checkLocks(t) }
            try FileOps.makeDirectory(snapshotDirectory)
            try journal.save(to: folders.journal(id))
        } catch {
            abandon()
            throw error
        }
        do {
            for i in journal.tables.indices {
                let t = journal.tables[i]
                // once more, right before this table's files move: a lock taken while the
                // tables before it were swapped stops the whole set
                try checkLocks(t)
                for f in t.oldFiles {
                    beforeEachRename?()
                    try FileOps.rename(folders.data + "/" + f, snapshotDirectory + "/" + f)
                }
                for f in t.newFiles {
                    beforeEachRename?()
                    try FileOps.rename(stagingDirectory + "/" + f, folders.data + "/" + f)
                }
                try FileOps.fsyncDirectory(folders.data)
                journal.tables[i].state = .swapped
            }
            journal.state = .committed
            try journal.save(to: folders.journal(id))
        } catch {
            // the journal says `prepared`: Recovery puts back what moved (the whole set,
            // or for a per-table transaction each table whole); the caller holds the lock
            do { try Recovery.recoverLocked(folders: folders, id: id) } catch let blocked {
                throw RollbackPending(cause: error, recovery: blocked)
            }
            throw error
        }
        try? FileManager.default.removeItem(atPath: stagingDirectory)
    }

    private func checkLocks(_ t: Journal.TableEntry) throws {
        guard let p = TableLocks.firstProblem(in: folders.data, files: t.oldFiles) else { return }
        switch p.state {
        case .free: return
        case .held(let h): throw Refusal.locked(table: t.name, file: p.file, holder: h)
        case let .cannotCheck(op, why): throw Refusal.lockUnknown(table: t.name, file: p.file, operation: op, reason: why)
        }
    }

    /// Drops everything staged; nothing in DATA was touched.
    public func abandon() {
        try? FileManager.default.removeItem(atPath: stagingDirectory)
        if journal.state == .prepared && !FileOps.exists(folders.journal(id)) {
            try? FileManager.default.removeItem(atPath: snapshotDirectory)
        }
    }
}
