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
            throw MergeFailure.unreadableLive(table: table, reason: error.description)
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

/// Words for merge facts, in both languages (the edge picks one).
enum MergeWords {
    static func words(_ f: MergeFailure) -> Words {
        switch f {
        case let .unknownKeyField(t, n):
            Words(pt: "\(t): o campo-chave \(n) não existe na tabela", en: "\(t): key field \(n) is not in the table")
        case let .unknownChangedField(t, n):
            Words(pt: "\(t): o campo de alteração \(n) não existe na tabela", en: "\(t): changed field \(n) is not in the table")
        case let .changedFieldNotADate(t, n):
            Words(pt: "\(t): o campo de alteração \(n) não é data nem data e hora",
                  en: "\(t): changed field \(n) is neither a date nor a datetime")
        case let .tooManyLiveRows(t, rows, budget):
            Words(pt: "\(t): a tabela atual tem \(rows) registros, mais que os \(budget) que a junção aceita; restaure sem --merge ou use salvage",
                  en: "\(t): the live table has \(rows) records, more than the \(budget) a merge takes; restore without --merge or use salvage")
        case let .unreadableLive(t, reason):
            Words(pt: "\(t): a tabela atual não pode ser lida (\(reason)); use restore sem --merge",
                  en: "\(t): the live table cannot be read (\(reason)); restore without --merge")
        }
    }

    static func defect(_ e: Error, table: String) -> Defect {
        let w = (e as? MergeFailure).map(words) ?? Words(pt: "\(table): \(e)", en: "\(table): \(e)")
        return Defect(.badStructure, table: table, pt: w.pt, en: w.en)
    }
}
