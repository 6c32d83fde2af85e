import ResgateLocale
import Foundation
import XBase

/// The undo snapshots of a data folder: list them, put one back, prune them.
public struct UndoStore {
    public let folders: ResgateFolders
    public init(data: String) { folders = ResgateFolders(data: data) }

    public struct Snapshot: Codable, Sendable, Equatable {
        public var id: String
        public var created: String
        public var operation: String
        public var source: String?
        public var tables: [String]
        public var bytes: Int
        public var undoneBy: String?
        public var state: String
    }

    /// Every snapshot, newest first.
    public func list() -> [Snapshot] {
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: folders.undoRoot)) ?? []
        return ids.sorted(by: >).compactMap { id in
            guard let j = try? Journal.load(from: folders.journal(id)) else { return nil }
            return Snapshot(id: id, created: j.created, operation: j.operation, source: j.source,
                            tables: j.tables.map(\.name), bytes: FileOps.treeSize(folders.snapshot(id)),
                            undoneBy: j.undoneBy, state: j.state.rawValue)
        }
    }

    public enum UndoError: Error, CustomStringConvertible {
        /// The id is not a name (`20261127-041503-3f2a`): a path, a dot-name, a control byte.
        case notAnID(String)
        case noSuchSnapshot(String)
        case incomplete(String)
        /// Table `table` is held open: `file` (when known) by `holder` (the catalogue's
        /// lock holder, or why the lock could not be checked).
        case locked(table: String, file: String?, holder: Phrase)
        case busy
        /// The folder cannot be written (read-only, no permission). `reason` is
        /// `strerror(3)`'s words (a foreign error's, English in every language), by design.
        case cannotWrite(path: String, reason: String)
        /// The refusal as the catalogue's fact.
        public var phrase: RestorePhrase {
            switch self {
            case .notAnID(let id): .undoNotAnID(printableEscaped(id))
            case .noSuchSnapshot(let id): .undoNoSuchSnapshot(id)
            case .incomplete(let id): .undoIncomplete(id)
            case let .locked(t, f, h): .tableLocked(table: t, file: f, holder: h)
            case .busy: .undoBusy
            case let .cannotWrite(path, why): .undoCannotWrite(path: path, reason: why)
            }
        }

        /// In English, for logs and tests.
        public var description: String { Phrase.restore(phrase).text(in: .en) }

        /// Both languages (from the catalogue).
        public var words: Words { Phrase.restore(phrase).words }

        /// The person gave something that is not there (exit 2), rather than a refusal.
        public var isBadInput: Bool {
            switch self {
            case .notAnID, .noSuchSnapshot: true
            default: false
            }
        }
    }

    /// Puts back, byte for byte, every table that operation `id` replaced. The files now
    /// live go into a new snapshot, so the undo can itself be undone. Returns its id.
    public func undo(id: String, beforeEachRename: (() -> Void)? = nil) throws -> String {
        guard Journal.isID(id) else { throw UndoError.notAnID(id) }
        try Recovery.recoverAll(data: folders.data)
        guard var j = try? Journal.load(from: folders.journal(id)) else { throw UndoError.noSuchSnapshot(id) }
        guard j.state != .prepared else { throw UndoError.incomplete(id) }
        let lock: FolderLock
        do { lock = try FolderLock.acquire(folder: folders.data) } catch {
            switch error {
            case .busy: throw UndoError.busy
            case let .cannotWrite(path, why): throw UndoError.cannotWrite(path: path, reason: why)
            }
        }
        defer { withExtendedLifetime(lock) {} }
        let tx = try SwapTransaction(data: folders.data, operation: "undo", source: id)
        tx.beforeEachRename = beforeEachRename
        do {
            for t in j.tables where t.state == .swapped {
                // what is live now: this operation's new files (and any file the old table had)
                let current = Array(Set(t.newFiles + t.oldFiles)).filter { FileOps.exists(folders.data + "/" + $0) }.sorted()
                if let problem = TableLocks.firstProblem(in: folders.data, files: current),
                   let holder = TableLocks.phrase(file: problem.file, problem.state) {
                    throw UndoError.locked(table: t.name, file: problem.file, holder: holder)
                }
                var owners: [String: String] = [:]
                for f in t.oldFiles {
                    try FileOps.copy(folders.snapshot(id) + "/" + f, tx.stagingDirectory + "/" + f)
                    owners[f] = folders.snapshot(id) + "/" + f   // the original file's owner and mode
                }
                tx.stage(table: t.name, newFiles: t.oldFiles, oldFiles: current,
                         recordsBefore: t.recordsAfter, recordsAfter: t.recordsBefore, ownerFrom: owners)
            }
        } catch {
            tx.abandon()
            throw error
        }
        do { try tx.commit() } catch let r as SwapTransaction.Refusal {
            switch r {
            case let .locked(table, _, h): throw UndoError.locked(table: table, file: nil, holder: h.phrase)
            case let .lockUnknown(table, file, op, why):
                throw UndoError.locked(table: table, file: nil, holder: .lockCannotCheck(file: file, operation: op, reason: why))
            }
        }
        j.undoneBy = tx.id
        try j.save(to: folders.journal(id))
        return tx.id
    }

    /// Deletes snapshots (all, or those given), returning the bytes freed.
    public func prune(ids: [String]? = nil) throws -> Int {
        if let bad = ids?.first(where: { !Journal.isID($0) }) { throw UndoError.notAnID(bad) }
        var freed = 0
        for s in list() where ids == nil || ids!.contains(s.id) {
            freed += s.bytes
            try FileManager.default.removeItem(atPath: folders.snapshot(s.id))
        }
        return freed
    }
}
