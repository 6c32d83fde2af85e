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
        case locked(table: String, holder: String)
        case busy
        /// The folder cannot be written (read-only, no permission).
        case cannotWrite(path: String, reason: String)
        public var description: String {
            switch self {
            case .notAnID(let id): "\"\(printableEscaped(id))\" is not an undo id: give the id printed by restore, never a path"
            case .noSuchSnapshot(let id): "no undo snapshot \(id)"
            case .incomplete(let id): "snapshot \(id) is incomplete (its operation never committed)"
            case let .locked(t, h): "table \(t) is open in the ERP (\(h))"
            case .busy: "another Resgate operation is running on this folder"
            case let .cannotWrite(path, why): "cannot write in \(path) (\(why)): the folder is read-only or this user may not write in it"
            }
        }

        /// `description` in both languages.
        public var words: Words {
            switch self {
            case .notAnID(let id):
                Words(pt: "\"\(printableEscaped(id))\" não é um id de desfazer: use o id que a restauração mostrou, nunca um caminho", en: description)
            case .noSuchSnapshot(let id): Words(pt: "a cópia de segurança \(id) não existe", en: description)
            case .incomplete(let id): Words(pt: "a cópia de segurança \(id) está incompleta (a operação dela nunca terminou)", en: description)
            case let .locked(t, h): Words(pt: "a tabela \(t) está aberta no ERP (\(HolderText.portuguese(h)))", en: description)
            case .busy: Words(pt: "outra operação do Resgate está em andamento nesta pasta", en: description)
            case let .cannotWrite(path, why):
                Words(pt: "não é possível gravar em \(path) (\(why)): a pasta é só de leitura ou este usuário não pode gravar nela", en: description)
            }
        }

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
                if let problem = TableLocks.firstProblem(in: folders.data, files: current) {
                    throw UndoError.locked(table: t.name, holder: problem.file + ": "
                                           + (TableLocks.holder(of: folders.data + "/" + problem.file) ?? "\(problem.state)"))
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
            case let .locked(table, _, h): throw UndoError.locked(table: table, holder: h.description)
            case let .lockUnknown(table, file, op, why):
                throw UndoError.locked(table: table, holder: "cannot check \(file) for locks (\(op): \(why))")
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
