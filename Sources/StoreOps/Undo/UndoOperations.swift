import Foundation
import ResgateLocale
import RestoreKit

/// `undo --list --json`.
public struct SnapshotList: Encodable, Sendable { public var snapshots: [UndoStore.Snapshot] }

/// `undo ID --json`: the snapshot put back, the new snapshot that redoes it, its tables.
public struct UndoResult: Encodable, Sendable {
    public var undone: String
    public var id: String
    public var tables: [String]
}

/// `undo --prune --json`.
public struct PruneResult: Encodable, Sendable {
    public var pruned: [String]
    public var bytes: Int
}

extension StoreOperations {
    public func snapshots() -> SnapshotList {
        recoverIfIdle()
        return SnapshotList(snapshots: UndoStore(data: data).list())
    }

    /// Puts back the tables snapshot `id` kept; the answer names the snapshot that redoes it.
    public func undo(id: String) throws(OperationFailure) -> UndoResult {
        recoverIfIdle()
        let store = UndoStore(data: data)
        let tables = store.list().first { $0.id == id }?.tables ?? []
        do {
            return UndoResult(undone: id, id: try store.undo(id: id), tables: tables)
        } catch let e as UndoStore.UndoError {
            if case .noSuchSnapshot = e { throw OperationFailure(.noSuchSnapshot(id)) }
            throw OperationFailure(.undoRefused(.restore(e.phrase)), exit: e.isBadInput ? .badInput : .refused)
        } catch {
            throw OperationFailure(.undoRefused(Cause(error)), exit: .refused)
        }
    }

    /// Deletes the snapshots `ids` (all when nil) and says how much space came back.
    public func prune(ids: [String]?) throws -> PruneResult {
        recoverIfIdle()
        let store = UndoStore(data: data)
        let before = store.list().map(\.id)
        let freed = try store.prune(ids: ids)
        return PruneResult(pruned: ids ?? before, bytes: freed)
    }
}
