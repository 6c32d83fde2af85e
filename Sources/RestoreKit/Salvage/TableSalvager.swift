import ResgateLocale
import Foundation
import XBase

/// `resgate salvage`: copies every intact record of a damaged table into a new DBF (+FPT)
/// in another folder and reports what was left out. Read-only on the damaged table.
public enum TableSalvager {
    public struct Report: Codable, Sendable {
        public var table: TableName
        public var source: String
        /// The salvaged DBF written.
        public var output: String
        public var findings: SalvageFindings
    }

    public enum Failure: Error, Sendable {
        /// No `T.DBF` in DATA.
        case noTable(TableName, folder: String)
        /// The header itself cannot be read: nothing can be salvaged from this file.
        case unreadableHeader(file: String, reason: XBaseFailure)
        /// `reason`: XBase's fact, or a foreign error's words (creating the folder).
        case cannotWrite(file: String, reason: Cause)
    }

    /// Default output folder: a new sandbox under DATA's `.resgate/`.
    public static func defaultOutput(data: String, table: TableName) -> String {
        let stamp = Int(Date().timeIntervalSince1970)
        return data + "/.resgate/salvage/\(table.canonical)-\(stamp)"
    }

    public static func salvage(data: String, table: TableName, into: String) throws(Failure) -> Report {
        guard let file = TablePlan.findFile(in: data, base: table.canonical, ext: "dbf") else {
            throw .noTable(table, folder: data)
        }
        let path = data + "/" + file
        let dbf: DBFTable
        do { dbf = try DBFTable.open(path: path) } catch {
            throw .unreadableHeader(file: path, reason: error)
        }
        let out = into + "/" + table.dbfFileName
        do {
            try FileManager.default.createDirectory(atPath: into, withIntermediateDirectories: true)
            guard !FileManager.default.fileExists(atPath: out) else {
                throw XBaseError.io(file: out, reason: .alreadyExists)
            }
            let reader = SalvageReader(table: dbf)
            let writer = try salvageWriter(for: dbf, at: out)
            try reader.forEachIntact { _, rec in
                try writer.append(raw: rec) { (_, block) throws(XBaseError) in reader.memo(block) }
            }
            try writer.finishAndSync()
            return Report(table: table, source: path, output: out, findings: reader.findings)
        } catch {
            throw .cannotWrite(file: out, reason: Cause(error))
        }
    }

    /// A writer for a copy of `dbf`'s layout that claims no CDX (none is written beside it).
    static func salvageWriter(for dbf: DBFTable, at path: String) throws(XBaseError) -> DBFWriter {
        var h = dbf.header
        h.flags.remove(.structuralIndex)
        return try DBFWriter(path: path, template: h, codePage: dbf.codePageWasGuessed ? nil : dbf.codePage,
                             memoBlockSize: dbf.memo?.blockSize)
    }
}
