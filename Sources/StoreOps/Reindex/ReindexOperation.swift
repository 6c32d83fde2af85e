import Foundation
import ResgateLocale
import RestoreKit
import XBase

/// `reindex DATA [--table T …] [--check]`: verifies, or rebuilds, the structural CDX index
/// of tables. A rebuild writes each new index into the transaction's staging folder,
/// checks it against the records, then swaps it in with an undo snapshot (RestoreKit's
/// `SwapTransaction`), so `resgate undo` puts the old index back.
extension StoreOperations {
    /// The tables to work on: every DBF of DATA, or those named (each must exist).
    public func indexedTables(only: [TableName]) throws(OperationFailure) -> [IndexedTable] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: data, isDirectory: &isDir), isDir.boolValue else {
            throw OperationFailure(.dataFolderMissing(data))
        }
        let tables = IndexedTable.all(in: data)
        guard !only.isEmpty else { return tables }
        let wanted = Set(only)
        let missing = wanted.subtracting(tables.map(\.name))
        if !missing.isEmpty { throw OperationFailure(.noSuchTables(missing.sorted().map(\.canonical).joined(separator: ", "))) }
        return tables.filter { wanted.contains($0.name) }
    }

    /// `--check`: each index against the records; nothing is written.
    public func verifyIndexes(_ tables: [IndexedTable], progress: (TableName) -> Void = { _ in }) -> ReindexReport {
        var report = ReindexReport(check: true)
        for t in tables {
            progress(t.name)
            guard let cdx = t.indexPath else {
                report.tables.append(.init(t, status: t.flagsIndex ? .missingIndex : .noIndex))
                continue
            }
            do {
                let dbf = try DBFTable.open(path: t.tablePath)
                let defects = IndexVerifier.verify(table: dbf, indexPath: cdx)
                // Tags we could not check (national collation, unsupported expression) are
                // listed but are not damage: the index may well be right.
                let status: ReindexReport.Status = switch IndexVerdict(defects) { case .damaged: .defects; case .ok: .ok; case .unchecked: .unchecked }
                report.tables.append(.init(t, status: status, defects: defects))
            } catch {
                report.tables.append(.init(t, status: .failed, failure: .table(error)))
            }
        }
        return report
    }

    /// Rebuilds every index, under the folder lock, in one transaction with an undo snapshot.
    public func rebuildIndexes(_ tables: [IndexedTable], language: Language,
                               progress: (TableName) -> Void = { _ in }) throws -> ReindexReport {
        var report = ReindexReport(check: false)
        guard let lock = FolderLock(folder: data) else { throw OperationFailure(.folderBusy, exit: .refused) }
        defer { withExtendedLifetime(lock) {} }
        let tx = try SwapTransaction(data: data, operation: "reindex", source: nil)
        var staged = 0
        for t in tables {
            guard let cdx = t.indexPath, let cdxName = t.indexName else {
                report.tables.append(.init(t, status: t.flagsIndex ? .missingIndex : .noIndex))
                continue
            }
            progress(t.name)
            if let holder = TableLocks.holder(at: t.tablePath) ?? TableLocks.holder(at: cdx) {
                report.tables.append(.init(t, status: .refused, words: Words { l in Phrase.tableInUse(holder: holder.text(in: l)).text(in: l) },
                                           json: language))
                continue
            }
            do {
                let dbf = try DBFTable.open(path: t.tablePath)
                let template = try CDXFile.open(path: cdx)
                // One pass over the table: the old index is checked against the entries the
                // records give, the new one is written from them and read back and proven
                // against them (IndexRebuild) before it may be staged.
                let staging = tx.stagingDirectory + "/" + cdxName
                let result = try IndexRebuild.rebuild(table: dbf, template: template, to: staging)
                guard result.after.isEmpty else {
                    report.tables.append(.init(t, status: .failed, defects: result.after))
                    continue
                }
                tx.stage(table: t.name.canonical, newFiles: [cdxName], oldFiles: [cdxName],
                         recordsBefore: dbf.recordCount, recordsAfter: dbf.recordCount)
                staged += 1
                report.tables.append(.init(t, status: .rebuilt, defects: result.before))
            } catch let e as CDXError {
                let refusal: Bool = switch e {
                case .unsupportedCollation, .unsupportedExpression, .malformed: true
                default: false
                }
                report.tables.append(.init(t, status: refusal ? .refused : .failed, failure: e))
            } catch let e as XBaseError {
                report.tables.append(.init(t, status: .failed, failure: .table(e)))
            }
        }
        if staged > 0 {
            try tx.commit()
            report.id = tx.id
        } else {
            tx.abandon()
        }
        return report
    }
}

/// A DBF in the data folder and its structural index, if one is beside it.
public struct IndexedTable: Sendable {
    public var name: TableName
    public var tablePath: String
    public var indexName: String?
    public var indexPath: String?
    /// Header byte 28 bit 0: the table says it has a structural index.
    public var flagsIndex: Bool

    /// Every DBF of `folder` whose name is a valid table name, sorted by file name.
    public static func all(in folder: String) -> [IndexedTable] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var byLower: [String: String] = [:]
        for n in names { byLower[n.lowercased()] = n }
        return names.sorted().compactMap { dbf in
            guard let name = TableName(fileName: dbf) else { return nil }
            let stem = String(dbf.dropLast(4))
            let cdx = byLower[stem.lowercased() + ".cdx"]
            let path = folder + "/" + dbf
            var flag = false
            if let h = FileHandle(forReadingAtPath: path) {
                let head = h.readData(ofLength: 29)
                flag = head.count == 29 && head[28] & 0x01 != 0
                try? h.close()
            }
            return IndexedTable(name: name, tablePath: path, indexName: cdx,
                                indexPath: cdx.map { folder + "/" + $0 }, flagsIndex: flag)
        }
    }
}
