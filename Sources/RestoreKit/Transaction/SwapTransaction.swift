import Foundation

/// Replaces whole tables in a data folder so that each table is always either entirely
/// old or entirely new, whatever moment a crash or kill happens.
///
/// 1. The caller writes each table's new files into `stagingDirectory` (same file system
///    as DATA, so renames are atomic) and calls `stage`.
/// 2. `commit` fsyncs the staged files, writes the journal, then per table moves every
///    live file into the undo snapshot and every staged file into place.
///    All old files move before any new one does: `Recovery` relies on that order.
public final class SwapTransaction {
    public let folders: ResgateFolders
    public private(set) var journal: Journal
    public var id: String { journal.id }
    public var stagingDirectory: String { folders.work(id) }
    public var snapshotDirectory: String { folders.snapshot(id) }
    /// Test hook: called before each rename, so a test can stop the process mid-swap.
    public var beforeEachRename: (() -> Void)?

    public init(data: String, operation: String, source: String?) throws {
        folders = ResgateFolders(data: data)
        journal = Journal(id: Journal.newID(), created: Journal.isoNow(), operation: operation,
                          source: source, state: .prepared, tables: [])
        try FileOps.makeDirectory(folders.work(journal.id))
    }

    /// Declares a table: `newFiles` are names already written in the staging folder,
    /// `oldFiles` the live names (in DATA) to move into the snapshot.
    public func stage(table: String, newFiles: [String], oldFiles: [String],
                      recordsBefore: Int?, recordsAfter: Int?) {
        let existing = oldFiles.filter { FileOps.exists(folders.data + "/" + $0) }
        let bytes = existing.reduce(0) { $0 + (FileOps.size(folders.data + "/" + $1) ?? 0) }
        journal.tables.append(.init(name: table, oldFiles: existing, newFiles: newFiles,
                                    state: .pending, recordsBefore: recordsBefore,
                                    recordsAfter: recordsAfter, bytesBefore: bytes))
    }

    /// Flushes, journals and swaps every staged table.
    public func commit() throws {
        for t in journal.tables {
            for f in t.newFiles { try FileOps.fsyncFile(stagingDirectory + "/" + f) }
        }
        try FileOps.fsyncDirectory(stagingDirectory)
        try FileOps.makeDirectory(snapshotDirectory)
        try journal.save(to: folders.journal(id))
        for i in journal.tables.indices {
            let t = journal.tables[i]
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
        try? FileManager.default.removeItem(atPath: stagingDirectory)
    }

    /// Drops everything staged; nothing in DATA was touched.
    public func abandon() {
        try? FileManager.default.removeItem(atPath: stagingDirectory)
        if journal.state == .prepared && !FileOps.exists(folders.journal(id)) {
            try? FileManager.default.removeItem(atPath: snapshotDirectory)
        }
    }
}
