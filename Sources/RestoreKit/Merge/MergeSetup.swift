import BackupSet
import ResgateLocale
import Foundation
import XBase

/// One table's merge, decided at planning: where the live table is and how rows match.
struct MergeSetup {
    let livePath: String
    let key: MergeKeyChoice

    /// Reads the live table and fingerprints its intact rows (the gate for one rewrite);
    /// past the key budget they spill under `staging` (removed when the gate goes).
    /// Throws `MergeFailure` (the table is refused) or the spill's `XBaseError`.
    func start(table: String, staging: String) throws -> LiveMerge {
        let live: DBFTable
        do { live = try DBFTable.open(path: livePath) } catch {
            throw MergeFailure.unreadableLive(table: table, reason: .xbase(error))
        }
        return try LiveMerge(table: table, live: live, key: key, spillFolder: staging)
    }

    /// A new folder for a dry run's merged rows (removed after).
    static func scratchFolder() throws -> String {
        let p = NSTemporaryDirectory() + "resgate-merge-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        return p
    }
}

/// Merge failures as the catalogue's facts (`RestorePhrase.merge…`): the edge words them.
enum MergeWords {
    static func phrase(_ f: MergeFailure) -> RestorePhrase {
        switch f {
        case let .unknownKeyField(t, n): .mergeUnknownKeyField(table: t, field: n)
        case let .unknownChangedField(t, n): .mergeUnknownChangedField(table: t, field: n)
        case let .changedFieldNotADate(t, n): .mergeChangedFieldNotADate(table: t, field: n)
        case let .tooManyLiveRows(t, rows, budget): .mergeTooManyLiveRows(table: t, rows: rows, budget: budget)
        case let .unreadableLive(t, reason): .mergeUnreadableLive(table: t, reason: reason)
        }
    }

    static func defect(_ e: Error, table: String) -> Defect {
        let p = (e as? MergeFailure).map(phrase) ?? .mergeFailed(table: table, reason: Cause(e))
        return Defect(.badStructure, table: table, .restore(.refused(p)))
    }
}

extension MergeFailure: CauseConvertible {
    public var cause: Cause { .restore(MergeWords.phrase(self)) }
}

extension TableAppend.Failure: CauseConvertible {
    public var cause: Cause { .restore(phrase) }
}
