import Foundation
import ResgateLocale
import XBase

/// Adds records to live tables of a data folder with a restore's guarantees: one operation
/// per folder (`FolderLock`), refused while the ERP holds a table (`TableLocks`), each table
/// copied with its new records into the staging folder, its structural CDX rebuilt and
/// proven, then swapped in by `SwapTransaction` with an undo snapshot (`resgate undo ID`
/// puts the tables back byte for byte). Nothing in DATA changes unless every table is
/// ready. `resgate recreate` uses it; any "insert rows" repair can.
public enum TableAppend {
    /// Rows for one table: one dictionary per new record, field name (upper case) →
    /// value; fields not named get their blank value.
    public struct Request: Sendable {
        public var table: String
        public var rows: [[String: DBFValue]]
        public init(table: String, rows: [[String: DBFValue]]) { self.table = table; self.rows = rows }
    }

    public struct Outcome: Sendable, Codable, Hashable {
        public var table: String
        public var recordsBefore: Int
        public var recordsAfter: Int
        /// Record number (1-based) of the first new record.
        public var firstNewRecord: Int
    }

    public enum Failure: Error, Sendable, Equatable {
        /// Another Resgate operation holds the folder.
        case busy(folder: String)
        /// The table's file is held by `holder` (a lock holder, or why it could not be checked).
        case locked(table: String, holder: Phrase)
        case tableNotFound(table: String, folder: String)
        /// A value does not fit its field, or the table cannot be copied or re-indexed.
        case cannotWrite(table: String, reason: Cause)

        /// The refusal as the catalogue's fact.
        public var phrase: RestorePhrase {
            switch self {
            case .busy(let folder): .folderBusy(folder: folder)
            case let .locked(table, holder): .tableLocked(table: table, file: nil, holder: holder)
            case let .tableNotFound(table, folder): .appendTableNotFound(table: table, folder: folder)
            case let .cannotWrite(table, reason): .appendCannotWrite(table: table == "-" ? nil : table, reason: reason)
            }
        }
    }

    /// Where a caller puts the new rows, one at a time: the table's position in `tables`,
    /// and the row. Nothing holds the rows: each is encoded into its table as it comes.
    public typealias RowSink = (_ table: Int, _ row: [String: DBFValue]) throws -> Void

    /// Checks every table can be written (present, not held by the ERP) and every value
    /// encodes, writing nothing: what a dry run calls.
    public static func validate(data: String, requests: [Request]) throws(Failure) {
        try validate(data: data, tables: requests.map(\.table)) { sink in
            for (i, r) in requests.enumerated() { for row in r.rows { try sink(i, row) } }
        }
    }

    /// The same, with the rows given one by one by `produce` (called once): each is encoded
    /// into a scratch table of its table's layout, dropped at the end. An error `produce`
    /// throws itself ends the check as `cannotWrite` of table "-".
    public static func validate(data: String, tables: [String], rows produce: (RowSink) throws -> Void) throws(Failure) {
        var writers: [DBFWriter] = []
        var scratches: [String] = []
        defer { for s in scratches { removeScratch(s) } }
        for name in tables {
            let (path, _) = try locate(name, in: data)
            if let h = TableLocks.holder(at: path) { throw .locked(table: name, holder: h) }
            let table: DBFTable
            do { table = try DBFTable.open(path: path) } catch { throw .cannotWrite(table: name, reason: Cause(error)) }
            let scratch = NSTemporaryDirectory() + "resgate-append-check-\(UUID().uuidString).dbf"
            scratches.append(scratch)
            do {
                var h = table.header
                h.flags.remove(.structuralIndex)
                writers.append(try DBFWriter(path: scratch, template: h, codePage: table.codePage, memoBlockSize: table.memo?.blockSize))
            } catch { throw .cannotWrite(table: name, reason: Cause(error)) }
        }
        var failed: String?
        do {
            try produce { i, row in
                do { try writers[i].append(values(row, fields: writers[i].fields)) } catch { failed = tables[i]; throw error }
            }
            for (i, w) in writers.enumerated() {
                do { try w.finish() } catch { failed = tables[i]; throw error }
            }
        } catch { throw .cannotWrite(table: failed ?? "-", reason: Cause(error)) }
    }

    /// Appends the rows and swaps the tables in; returns the undo snapshot's id.
    public static func apply(data: String, requests: [Request], operation: String,
                             source: String?) throws(Failure) -> (id: String, outcomes: [Outcome]) {
        let used = requests.filter { !$0.rows.isEmpty }
        return try apply(data: data, tables: used.map(\.table), operation: operation, source: source) { sink in
            for (i, r) in used.enumerated() { for row in r.rows { try sink(i, row) } }
        }
    }

    /// The same, with the rows given one by one by `produce` (called once, after every table
    /// was checked and its records copied into the staging folder): each row is encoded into
    /// its staged copy as it comes, so the rows are never all in memory. A table that got
    /// no row is left as it is. Any error — `produce`'s own too — abandons the swap:
    /// nothing in DATA changes (`produce`'s own error comes back as `cannotWrite` of "-").
    public static func apply(data: String, tables: [String], operation: String, source: String?,
                             rows produce: (RowSink) throws -> Void) throws(Failure) -> (id: String, outcomes: [Outcome]) {
        _ = try? Recovery.recoverAll(data: data)
        guard let lock = FolderLock(folder: data) else { throw .busy(folder: data) }
        defer { withExtendedLifetime(lock) {} }
        let tx: SwapTransaction
        do { tx = try SwapTransaction(data: data, operation: operation, source: source) } catch {
            throw .cannotWrite(table: "-", reason: Cause(error))
        }
        var outcomes: [Outcome] = []
        var failed: String?
        do {
            var staged: [StagedCopy] = []
            for name in tables {
                let (path, fileName) = try locate(name, in: data)
                let base = (fileName as NSString).deletingPathExtension
                let companions = ["fpt", "dbt", "cdx"].compactMap { TablePlan.findFile(in: data, base: base, ext: $0) }
                for f in [fileName] + companions {
                    if let h = TableLocks.holder(at: data + "/" + f) { throw Failure.locked(table: name, holder: h) }
                }
                staged.append(try StagedCopy(table: name, from: path, fileName: fileName, companions: companions,
                                             staging: tx.stagingDirectory))
            }
            try produce { i, row in
                do { try staged[i].append(row) } catch { failed = tables[i]; throw error }
            }
            for s in staged {
                guard s.added > 0 else { s.discard(); continue }
                failed = s.table
                let (outcome, files) = try s.finish(data: data, staging: tx.stagingDirectory)
                tx.stage(table: s.table, newFiles: files, oldFiles: [s.fileName] + s.companions,
                         recordsBefore: outcome.recordsBefore, recordsAfter: outcome.recordsAfter)
                outcomes.append(outcome)
            }
            failed = nil
            try tx.commit()
        } catch let f as Failure {
            tx.abandon(); throw f
        } catch {
            tx.abandon(); throw .cannotWrite(table: failed ?? "-", reason: Cause(error))
        }
        return (tx.id, outcomes)
    }

    /// A table's records copied as they are into the staging folder (deleted ones too, memos
    /// re-targeted), open for new rows; `finish` rebuilds its structural CDX over the result.
    final class StagedCopy {
        let table: String
        let fileName: String
        let companions: [String]
        let writer: DBFWriter
        let before: Int
        private(set) var added = 0

        init(table: String, from path: String, fileName: String, companions: [String], staging: String) throws {
            self.table = table; self.fileName = fileName; self.companions = companions
            let source = try DBFTable.open(path: path)
            let w = try DBFWriter(path: staging + "/" + fileName, template: source.header, codePage: source.codePage,
                                  memoBlockSize: source.memo?.blockSize)
            let memo = source.memo
            try source.forEachRecord { rec in
                try w.append(raw: rec.bytes) { (_, pointer) throws(XBaseError) in
                    guard let m = try memo?.read(block: Int(pointer)) else {
                        throw XBaseError.invalidValue(file: path, record: rec.number, field: "-", reason: .memoBlockUnreadable(block: Int(pointer)))
                    }
                    return (m.bytes, MemoBlockType(rawValue: m.type) ?? .text)
                }
            }
            writer = w
            before = source.recordCount
        }

        func append(_ row: [String: DBFValue]) throws {
            try writer.append(TableAppend.values(row, fields: writer.fields))
            added += 1
        }

        func finish(data: String, staging: String) throws -> (Outcome, [String]) {
            try writer.finishAndSync()
            var files = [fileName]
            if let mp = writer.memoPath { files.append((mp as NSString).lastPathComponent) }
            let base = (fileName as NSString).deletingPathExtension
            if let cdx = TablePlan.findFile(in: data, base: base, ext: "cdx") {
                files.append(try TableRewriter.rebuildIndex(template: data + "/" + cdx, table: writer.path, staging: staging))
            }
            return (Outcome(table: table, recordsBefore: before, recordsAfter: before + added, firstNewRecord: before + 1), files)
        }

        /// No row came: the copy is dropped, the live table stays as it is.
        func discard() {
            try? writer.finish()
            try? FileManager.default.removeItem(atPath: writer.path)
            if let mp = writer.memoPath { try? FileManager.default.removeItem(atPath: mp) }
        }
    }

    static func values(_ row: [String: DBFValue], fields: [FieldDescriptor]) -> [DBFValue] {
        fields.map { row[$0.name.uppercased()] ?? TableRewriter.blankValue(for: $0) }
    }

    static func locate(_ table: String, in data: String) throws(Failure) -> (String, String) {
        guard let f = TablePlan.findFile(in: data, base: table, ext: "dbf") else { throw .tableNotFound(table: table, folder: data) }
        return (data + "/" + f, f)
    }

    private static func removeScratch(_ path: String) {
        let base = (path as NSString).deletingPathExtension
        for ext in ["dbf", "fpt", "dbt"] { try? FileManager.default.removeItem(atPath: base + "." + ext) }
    }
}
