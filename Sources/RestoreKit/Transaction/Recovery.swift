import Foundation

/// Finishes or rolls back an operation that a crash (or a failure mid-swap) interrupted.
///
/// An all-or-nothing journal (the default) is rolled back as a set: every table whose
/// new files reached DATA gets them moved back to staging and its old files back from the
/// snapshot, so all tables end as they were before the operation. A per-table journal is
/// recovered table by table: the swap moves all old files out before any new file in, so
/// if every staged file is still staged the old files are put back, otherwise the new
/// files are moved in. Either way no table is ever a mix of old and new files.
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
        for id in ids where Journal.isID(id) {
            outcomes += try recoverLocked(folders: folders, id: id)
        }
        // staging folders without a journal never touched DATA
        for id in (try? fm.contentsOfDirectory(atPath: folders.workRoot)) ?? [] where Journal.isID(id) {
            if !FileOps.exists(folders.journal(id)) { try? fm.removeItem(atPath: folders.work(id)) }
            else if let j = try? Journal.load(from: folders.journal(id)), j.state != .prepared {
                try? fm.removeItem(atPath: folders.work(id))
            }
        }
        // a snapshot folder whose journal never got written holds nothing of DATA's
        for id in ids where Journal.isID(id) && !FileOps.exists(folders.journal(id)) {
            let contents = (try? fm.contentsOfDirectory(atPath: folders.snapshot(id))) ?? []
            if contents.allSatisfy({ $0 == "journal.json.tmp" }) { try? fm.removeItem(atPath: folders.snapshot(id)) }
        }
        return outcomes
    }

    /// Recovery would move a live file that a program holds locked (or whose locks cannot
    /// be probed): nothing was moved; the next command tries again.
    public struct Blocked: Error, Sendable, Equatable, CustomStringConvertible {
        public var id: String
        public var file: String
        public var state: TableLocks.State
        public var description: String {
            let why: String
            switch state {
            case .free: why = "free"
            case .held(let h): why = h.description
            case let .cannotCheck(op, reason): why = "cannot check for locks (\(op): \(reason))"
            }
            return "interrupted operation \(id) cannot be finished yet: \(file) is in use (\(why)); close the ERP and run the command again"
        }
    }

    /// Recovers operation `id` if its journal says it never committed (caller holds the lock).
    /// Refuses (`Blocked`) before moving anything when a live file it would move is locked.
    @discardableResult
    public static func recoverLocked(folders: ResgateFolders, id: String) throws -> [Outcome] {
        let path = folders.journal(id)
        guard var j = try? Journal.load(from: path), j.state == .prepared else { return [] }
        if let p = TableLocks.firstProblem(in: folders.data, files: liveFilesToMove(j, folders)) {
            throw Blocked(id: id, file: p.file, state: p.state)
        }
        let outcomes = j.allOrNothing == true ? try rollBackSet(&j, folders) : try recoverEachTable(&j, folders)
        j.state = .recovered
        try j.save(to: path)
        try? FileManager.default.removeItem(atPath: folders.work(id))
        return outcomes
    }

    /// The files in DATA that recovering `j` would move away: a program may hold them open.
    static func liveFilesToMove(_ j: Journal, _ folders: ResgateFolders) -> [String] {
        let data = folders.data, work = folders.work(j.id), snap = folders.snapshot(j.id)
        var out: [String] = []
        for t in j.tables {
            if j.allOrNothing == true {
                out += t.newFiles.filter { isNewFileInData($0, t, data: data, work: work, snap: snap) }
            } else if t.state == .pending, !t.newFiles.allSatisfy({ FileOps.exists(work + "/" + $0) }) {
                out += t.oldFiles.filter { FileOps.exists(data + "/" + $0) && !FileOps.exists(snap + "/" + $0) }
            }
        }
        return out
    }

    /// Whether new file `f` of table `t` has reached DATA: it is no longer staged and its
    /// old namesake (if any) has left for the snapshot.
    static func isNewFileInData(_ f: String, _ t: Journal.TableEntry, data: String, work: String, snap: String) -> Bool {
        FileOps.exists(data + "/" + f) && !FileOps.exists(work + "/" + f)
            && (!t.oldFiles.contains(f) || FileOps.exists(snap + "/" + f))
    }

    /// Every table back to its old files. Per file the disk tells where the swap stopped:
    /// a new file is in DATA when it is no longer staged and its old namesake (if any) has
    /// left for the snapshot. Safe to run again after a crash in the middle of it.
    static func rollBackSet(_ j: inout Journal, _ folders: ResgateFolders) throws -> [Outcome] {
        let data = folders.data, work = folders.work(j.id), snap = folders.snapshot(j.id)
        var outcomes: [Outcome] = []
        for i in j.tables.indices.reversed() {
            let t = j.tables[i]
            for f in t.newFiles where isNewFileInData(f, t, data: data, work: work, snap: snap) {
                try FileOps.rename(data + "/" + f, work + "/" + f)
            }
            for f in t.oldFiles where FileOps.exists(snap + "/" + f) && !FileOps.exists(data + "/" + f) {
                try FileOps.rename(snap + "/" + f, data + "/" + f)
            }
            try FileOps.fsyncDirectory(data)
            j.tables[i].state = .rolledBack
            outcomes.append(.init(id: j.id, table: t.name, rolledForward: false))
        }
        return outcomes
    }

    /// Each pending table finished or rolled back on its own (journals without
    /// `allOrNothing`).
    static func recoverEachTable(_ j: inout Journal, _ folders: ResgateFolders) throws -> [Outcome] {
        let data = folders.data, work = folders.work(j.id), snap = folders.snapshot(j.id)
        var outcomes: [Outcome] = []
        for i in j.tables.indices where j.tables[i].state == .pending {
            let t = j.tables[i]
            let allStaged = t.newFiles.allSatisfy { FileOps.exists(work + "/" + $0) }
            if allStaged {
                for f in t.oldFiles where FileOps.exists(snap + "/" + f) && !FileOps.exists(data + "/" + f) {
                    try FileOps.rename(snap + "/" + f, data + "/" + f)
                }
                j.tables[i].state = .rolledBack
                outcomes.append(.init(id: j.id, table: t.name, rolledForward: false))
            } else {
                for f in t.oldFiles where FileOps.exists(data + "/" + f) && !FileOps.exists(snap + "/" + f) {
                    try FileOps.rename(data + "/" + f, snap + "/" + f)
                }
                for f in t.newFiles where FileOps.exists(work + "/" + f) {
                    try FileOps.rename(work + "/" + f, data + "/" + f)
                }
                j.tables[i].state = .swapped
                outcomes.append(.init(id: j.id, table: t.name, rolledForward: true))
            }
            try FileOps.fsyncDirectory(data)
        }
        return outcomes
    }
}
