import Foundation

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
        case noSuchSnapshot(String)
        case incomplete(String)
        case locked(table: String, holder: String)
        case busy
        public var description: String {
            switch self {
            case .noSuchSnapshot(let id): "no undo snapshot \(id)"
            case .incomplete(let id): "snapshot \(id) is incomplete (its operation never committed)"
            case let .locked(t, h): "table \(t) is open in the ERP (\(h))"
            case .busy: "another Resgate operation is running on this folder"
            }
        }
    }

    /// Puts back, byte for byte, every table that operation `id` replaced. The files now
    /// live go into a new snapshot, so the undo can itself be undone. Returns its id.
    public func undo(id: String, beforeEachRename: (() -> Void)? = nil) throws -> String {
        try Recovery.recoverAll(data: folders.data)
        guard var j = try? Journal.load(from: folders.journal(id)) else { throw UndoError.noSuchSnapshot(id) }
        guard j.state != .prepared else { throw UndoError.incomplete(id) }
        guard let lock = FolderLock(folder: folders.data) else { throw UndoError.busy }
        defer { _ = lock }
        let tx = try SwapTransaction(data: folders.data, operation: "undo", source: id)
        tx.beforeEachRename = beforeEachRename
        for t in j.tables where t.state == .swapped {
            for f in t.oldFiles { try FileOps.copy(folders.snapshot(id) + "/" + f, tx.stagingDirectory + "/" + f) }
            // what is live now: this operation's new files (and any file the old table had)
            let current = Array(Set(t.newFiles + t.oldFiles)).filter { FileOps.exists(folders.data + "/" + $0) }.sorted()
            for f in current {
                if let h = TableLocks.holder(of: folders.data + "/" + f), f.lowercased().hasSuffix(".dbf") {
                    tx.abandon()
                    throw UndoError.locked(table: t.name, holder: h)
                }
            }
            tx.stage(table: t.name, newFiles: t.oldFiles, oldFiles: current,
                     recordsBefore: t.recordsAfter, recordsAfter: t.recordsBefore)
        }
        try tx.commit()
        j.undoneBy = tx.id
        try j.save(to: folders.journal(id))
        return tx.id
    }

    /// Deletes snapshots (all, or those given), returning the bytes freed.
    public func prune(ids: [String]? = nil) throws -> Int {
        var freed = 0
        for s in list() where ids == nil || ids!.contains(s.id) {
            freed += s.bytes
            try FileManager.default.removeItem(atPath: folders.snapshot(s.id))
        }
        return freed
    }
}
