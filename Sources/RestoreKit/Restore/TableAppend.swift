import Foundation
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
        case locked(table: String, holder: String)
        case tableNotFound(table: String, folder: String)
        /// A value does not fit its field, or the table cannot be copied or re-indexed.
        case cannotWrite(table: String, reason: String)
    }

    /// Checks every table can be written (present, not held by the ERP) and every value
    /// encodes, writing nothing: what a dry run calls.
    public static func validate(data: String, requests: [Request]) throws(Failure) {
        for r in requests {
            let (path, _) = try locate(r.table, in: data)
            if let h = TableLocks.holder(of: path) { throw .locked(table: r.table, holder: h) }
            let table: DBFTable
            do { table = try DBFTable.open(path: path) } catch { throw .cannotWrite(table: r.table, reason: "\(error)") }
            // encode every row into a scratch table of the same layout, then drop it
            let scratch = NSTemporaryDirectory() + "resgate-append-check-\(UUID().uuidString).dbf"
            defer { removeScratch(scratch) }
            do {
                var h = table.header
                h.flags.remove(.structuralIndex)
                let w = try DBFWriter(path: scratch, template: h, codePage: table.codePage, memoBlockSize: table.memo?.blockSize)
                for row in r.rows { try w.append(values(row, fields: w.fields)) }
                try w.finish()
            } catch { throw .cannotWrite(table: r.table, reason: "\(error)") }
        }
    }

    /// Appends the rows and swaps the tables in; returns the undo snapshot's id.
    public static func apply(data: String, requests: [Request], operation: String,
                             source: String?) throws(Failure) -> (id: String, outcomes: [Outcome]) {
        _ = try? Recovery.recoverAll(data: data)
        guard let lock = FolderLock(folder: data) else { throw .busy(folder: data) }
        defer { withExtendedLifetime(lock) {} }
        let tx: SwapTransaction
        do { tx = try SwapTransaction(data: data, operation: operation, source: source) } catch {
            throw .cannotWrite(table: "-", reason: "\(error)")
        }
        var outcomes: [Outcome] = []
        do {
            for r in requests where !r.rows.isEmpty {
                let (path, fileName) = try locate(r.table, in: data)
                let base = (fileName as NSString).deletingPathExtension
                let companions = ["fpt", "dbt", "cdx"].compactMap { TablePlan.findFile(in: data, base: base, ext: $0) }
                for f in [fileName] + companions {
                    if let h = TableLocks.holder(of: data + "/" + f) { throw Failure.locked(table: r.table, holder: h) }
                }
                let (outcome, files) = try copyAndAppend(r, from: path, fileName: fileName, data: data, staging: tx.stagingDirectory)
                tx.stage(table: r.table, newFiles: files, oldFiles: [fileName] + companions,
                         recordsBefore: outcome.recordsBefore, recordsAfter: outcome.recordsAfter)
                outcomes.append(outcome)
            }
            try tx.commit()
        } catch let f as Failure {
            tx.abandon(); throw f
        } catch {
            tx.abandon(); throw .cannotWrite(table: "-", reason: "\(error)")
        }
        return (tx.id, outcomes)
    }

    /// The table's records copied as they are (deleted ones too, memos re-targeted), the
    /// new rows after them, and its structural CDX rebuilt over the result.
    static func copyAndAppend(_ r: Request, from path: String, fileName: String, data: String,
                              staging: String) throws -> (Outcome, [String]) {
        let table = try DBFTable.open(path: path)
        let out = staging + "/" + fileName
        let w = try DBFWriter(path: out, template: table.header, codePage: table.codePage, memoBlockSize: table.memo?.blockSize)
        let memo = table.memo
        try table.forEachRecord { rec in
            try w.append(raw: rec.bytes) { (_, pointer) throws(XBaseError) in
                guard let m = try memo?.read(block: Int(pointer)) else {
                    throw XBaseError.invalidValue(file: path, record: rec.number, field: "-", reason: .memoBlockUnreadable(block: Int(pointer)))
                }
                return (m.bytes, MemoBlockType(rawValue: m.type) ?? .text)
            }
        }
        let before = table.recordCount
        for row in r.rows { try w.append(values(row, fields: w.fields)) }
        try w.finishAndSync()
        var files = [fileName]
        if let mp = w.memoPath { files.append((mp as NSString).lastPathComponent) }
        let base = (fileName as NSString).deletingPathExtension
        if let cdx = TablePlan.findFile(in: data, base: base, ext: "cdx") {
            files.append(try TableRewriter.rebuildIndex(template: data + "/" + cdx, table: out, staging: staging))
        }
        return (Outcome(table: r.table, recordsBefore: before, recordsAfter: before + r.rows.count,
                        firstNewRecord: before + 1), files)
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
