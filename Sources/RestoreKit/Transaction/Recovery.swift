import Foundation

/// Finishes or rolls back an operation that a crash interrupted.
///
/// Per table, the swap moves all old files out before any new file in, so the files on
/// disk tell where it stopped: if every staged file is still staged, no new file reached
/// DATA and the old files are put back; otherwise the new files are moved in. Either way
/// the table ends whole, never a mix.
public enum Recovery {
    public struct Outcome: Sendable, Equatable {
        public var id: String
        public var table: String
        public var rolledForward: Bool
    }

    /// Recovers every interrupted operation in DATA and clears orphan staging folders.
    ///
    /// Only while holding the folder lock: a journal in state `prepared` is either a dead
    /// operation (recover it) or a live one in another process (its lock is held: leave it
    /// alone). A folder with no `.resgate` state is not touched at all (nothing is created).
    @discardableResult
    public static func recoverAll(data: String) throws -> [Outcome] {
        let folders = ResgateFolders(data: data)
        guard FileOps.exists(folders.undoRoot) || FileOps.exists(folders.workRoot) else { return [] }
        guard let lock = FolderLock(folder: data) else { return [] }
        return try withExtendedLifetime(lock) { try recoverAllLocked(data: data) }
    }

    /// `recoverAll` for a caller that already holds the folder lock.
    @discardableResult
    public static func recoverAllLocked(data: String) throws -> [Outcome] {
        let folders = ResgateFolders(data: data)
        var outcomes: [Outcome] = []
        let fm = FileManager.default
        let ids = ((try? fm.contentsOfDirectory(atPath: folders.undoRoot)) ?? []).sorted()
        for id in ids {
            let path = folders.journal(id)
            guard var j = try? Journal.load(from: path), j.state == .prepared else { continue }
            let work = folders.work(id)
            for i in j.tables.indices where j.tables[i].state == .pending {
                let t = j.tables[i]
                let allStaged = t.newFiles.allSatisfy { FileOps.exists(work + "/" + $0) }
                if allStaged {
                    for f in t.oldFiles where FileOps.exists(folders.snapshot(id) + "/" + f) && !FileOps.exists(data + "/" + f) {
                        try FileOps.rename(folders.snapshot(id) + "/" + f, data + "/" + f)
                    }
                    j.tables[i].state = .rolledBack
                    outcomes.append(.init(id: id, table: t.name, rolledForward: false))
                } else {
                    for f in t.oldFiles where FileOps.exists(data + "/" + f) && !FileOps.exists(folders.snapshot(id) + "/" + f) {
                        try FileOps.rename(data + "/" + f, folders.snapshot(id) + "/" + f)
                    }
                    for f in t.newFiles where FileOps.exists(work + "/" + f) {
                        try FileOps.rename(work + "/" + f, data + "/" + f)
                    }
                    j.tables[i].state = .swapped
                    outcomes.append(.init(id: id, table: t.name, rolledForward: true))
                }
                try FileOps.fsyncDirectory(data)
            }
            j.state = .recovered
            try j.save(to: path)
            try? fm.removeItem(atPath: work)
        }
        // staging folders without a journal never touched DATA
        for id in (try? fm.contentsOfDirectory(atPath: folders.workRoot)) ?? [] {
            if !FileOps.exists(folders.journal(id)) { try? fm.removeItem(atPath: folders.work(id)) }
            else if let j = try? Journal.load(from: folders.journal(id)), j.state != .prepared {
                try? fm.removeItem(atPath: folders.work(id))
            }
        }
        // a snapshot folder whose journal never got written holds nothing
        for id in ids where !FileOps.exists(folders.journal(id)) {
            let contents = (try? fm.contentsOfDirectory(atPath: folders.snapshot(id))) ?? []
            if contents.isEmpty { try? fm.removeItem(atPath: folders.snapshot(id)) }
        }
        return outcomes
    }
}
