import BackupSet
import Foundation
import XBase

/// Everything decided about one table before any record is written.
public struct TablePlan {
    public var name: String
    /// File name of the table in the output folder (the live file's own case when it exists).
    public var fileName: String
    /// The live table's header: the target structure. Nil when the table is made from
    /// the backup's own structure (no live table).
    public var liveHeader: TableHeader?
    public var liveRecords: Int?
    public var liveFiles: [String]
    public var memoBlockSize: Int
    public var liveCodePage: CodePage?
    public var mapping: FieldMapping
    public var source: any RestoreTableSource
    /// Why the table cannot be restored at all (nil: it can).
    public var refusal: RestoreRefusal?
    /// The live table's structural CDX (with no live table, the incoming table's): the new
    /// table gets one rebuilt with the same tags.
    public var liveIndexPath: String?

    /// The structure the new table is written with.
    func targetFields() -> [FieldDescriptor] { liveHeader?.visibleFields ?? source.fields }

    /// The header the new table is laid out from: the live table's; with no live table,
    /// the incoming DBF's own (a table folder), claiming a structural CDX exactly when one
    /// is rebuilt beside it (FoxPro opens `T.CDX` with the table only when the flag says so).
    var templateHeader: TableHeader? {
        if let liveHeader { return liveHeader }
        guard var h = source.incomingTable?.header else { return nil }
        if liveIndexPath == nil { h.flags.remove(.structuralIndex) } else { h.flags.insert(.structuralIndex) }
        return h
    }
}

extension TablePlan {
    /// Reads the live table (if any) and maps the backup onto it.
    static func make(table: String, source: any RestoreTableSource, dataFolder: String?,
                     outputFolder: String) -> TablePlan {
        var liveHeader: TableHeader?
        var liveRecords: Int?
        var liveFiles: [String] = []
        var memoBlock = 64
        var liveCP: CodePage?
        var refusal: RestoreRefusal?
        var fileName = table + ".DBF"
        var liveIndex: String?
        if let data = dataFolder, let live = findFile(in: data, base: table, ext: "dbf") {
            fileName = live
            do {
                let t = try DBFTable.open(path: data + "/" + live)
                liveHeader = t.header
                liveRecords = t.recordCount
                liveCP = t.codePageWasGuessed ? nil : t.codePage
                if let m = t.memo { memoBlock = m.blockSize }
                liveIndex = findFile(in: data, base: table, ext: "cdx").map { data + "/" + $0 }
                if liveIndex == nil && t.header.flags.contains(.structuralIndex) {
                    refusal = .restore(.liveIndexMissing)
                }
            } catch {
                refusal = .restore(.liveTableUnreadable(reason: Cause(error)))
            }
        }
        if liveHeader == nil, refusal == nil, let incoming = source.incomingTable {
            // no live table: the incoming table's memo block size and index tags travel with it
            memoBlock = incoming.memoBlockSize ?? memoBlock
            liveIndex = incoming.indexPath
        }
        // files of this table that the swap replaces in the output folder
        for ext in ["dbf", "fpt", "dbt", "cdx"] {
            if let f = findFile(in: outputFolder, base: table, ext: ext) { liveFiles.append(f) }
        }
        let mapping = FieldMapping(live: liveHeader?.visibleFields ?? source.fields, backup: source.fields)
        if refusal == nil, !mapping.incompatible.isEmpty {
            refusal = .restore(.incompatibleFields(mapping.incompatible))
        }
        return TablePlan(name: table, fileName: fileName, liveHeader: liveHeader, liveRecords: liveRecords,
                         liveFiles: liveFiles, memoBlockSize: memoBlock, liveCodePage: liveCP,
                         mapping: mapping, source: source, refusal: refusal, liveIndexPath: liveIndex)
    }

    /// `folder/BASE.ext` in any letter case, as a bare file name.
    static func findFile(in folder: String, base: String, ext: String) -> String? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let wanted = (base + "." + ext).lowercased()
        return names.first { $0.lowercased() == wanted }
    }
}

import ResgateLocale
