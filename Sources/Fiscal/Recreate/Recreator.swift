import Foundation
import ResgateLocale
import RestoreKit
import XBase

/// What `resgate recreate` did, or would do on a dry run.
public struct RecreateReport: Sendable, Codable {
    public var dryRun: Bool
    /// The tables rows go into (sales, then items).
    public var targets: [String] = []
    /// The undo snapshot (`resgate undo ID`); nil on a dry run or when nothing was inserted.
    public var id: String?
    /// The notes inserted (or that would be): the first `listLimit`; `noteCount` counts all.
    public var notes: [RecreatedNote]
    public var noteCount = 0
    /// Notes with the verdict `recreate` that were not inserted, and why (first `listLimit`;
    /// `skippedCount` counts all).
    public var skipped: [SkippedNote]
    public var skippedCount = 0
    /// Stock movements the XML implies and that are NOT posted: the technician posts them
    /// by hand in the ERP (the tool never invents movements). First `listLimit` lines;
    /// `stockCount` counts all.
    public var stock: [StockLine]
    public var stockCount = 0
    public var tables: [TableAppend.Outcome]
    /// Fields whose text was longer than the field and was cut (table.field, note number).
    /// First `listLimit`; `truncatedCount` counts all.
    public var truncated: [String]
    public var truncatedCount = 0
    /// The check after the insert (nil on a dry run).
    public var checkAfter: CheckStatus?

    /// At most this many entries in each list of the report: 200,000 notes to re-create
    /// must not cost their texts in memory, nor a JSON of hundreds of megabytes.
    public static let listLimit = 1000

    /// 0 done (or nothing to do), 4 done but the check after it failed.
    public var exitCode: Int32 { checkAfter == .fail ? 4 : 0 }
}

public struct RecreatedNote: Sendable, Codable, Hashable {
    public var cnpj: String
    public var model: Int
    public var series: Int
    public var number: Int
    public var key: String
    public var file: String
    public var items: Int
    /// The new record numbers in the sales and items tables (nil on a dry run).
    public var salesRecord: Int?
    public var itemRecords: [Int]?
}

public struct SkippedNote: Sendable, Codable, Hashable {
    public enum Reason: String, Sendable, Codable { case entryNote = "entry-note" }
    public var number: Int
    public var key: String
    public var reason: Reason
}

public struct StockLine: Sendable, Codable, Hashable {
    public var number: Int
    public var product: String
    public var description: String
    public var quantity: String
    public var unit: String
}

/// `resgate recreate`: every note whose verdict is `recreate` goes back into the store's
/// tables through the `[recreate]` mapping — only notes the data lacks (the verdict says
/// so), never a duplicate, sales rows and item rows in one atomic swap with an undo.
public enum Recreator {
    /// Input `recreate` lacks, as a fact (the edge words it; exit 2 like `FiscalError`).
    public enum Refusal: Error, Sendable, Equatable {
        /// Neither `--xml` nor the configuration's `[fiscal] xml` names the XML folder.
        case noXMLFolder
    }

    public static func run(data: String, xml: String?, config: String?, dryRun: Bool,
                           today: DBFDate = FiscalCheck.today()) throws -> RecreateReport {
        let folder = try DBFFolder(path: data)
        let cfgFile = config ?? FiscalCheck.findConfig(in: data)
        guard let cfgFile else { throw FiscalError.noRecreateMapping(configFile: nil) }
        let cfg = try ConfigParser.load(file: cfgFile)
        guard let mapping = cfg.recreate else { throw FiscalError.noRecreateMapping(configFile: cfgFile) }
        let xmlFolder = xml ?? cfg.xmlFolder
        guard let index = try FiscalCheck.indexXML(xmlFolder, pending: cfg.pendingFolders) else {
            throw Refusal.noXMLFolder
        }
        let before = try FiscalCheck.run(data: folder, index: index, xmlFolder: xmlFolder, config: cfg,
                                         today: today)
        var report = RecreateReport(dryRun: dryRun, id: nil, notes: [], skipped: [], stock: [], tables: [], truncated: [], checkAfter: nil)
        report.targets = [mapping.sales.table] + (mapping.items.map { [$0.table] } ?? [])
        let sales = try fields(of: mapping.sales.table, in: data)
        let items = try mapping.items.map { try fields(of: $0.table, in: data) }
        let limit = RecreateReport.listLimit

        // the notes to insert, read from the index run by run (no list of them is built):
        // first only counted, and the entry notes listed
        var toInsert = 0
        try forEachNote(before, index) { _, note in
            if note.isEntry {
                report.skippedCount += 1
                if report.skipped.count < limit { report.skipped.append(SkippedNote(number: note.number, key: note.key, reason: .entryNote)) }
            } else {
                toInsert += 1
            }
        }

        // then each note read, mapped and handed to the tables one row at a time
        var itemCounts: [Int] = []
        var failure: FiscalError?
        func produce(_ sink: TableAppend.RowSink) throws {
            try forEachNote(before, index) { seq, note in
                guard !note.isEntry else { return }
                let content: NoteContent
                var mapper: RowMapper
                do {
                    content = try NoteContent.read(file: note.file)
                    mapper = RowMapper(note: content, mapping: mapping)
                    try sink(0, try mapper.row(mapping.sales, fields: sales, item: nil))
                } catch let e as FiscalError { failure = e; throw e }
                if let im = mapping.items, let itemFields = items {
                    for i in content.items.indices {
                        do { try sink(1, try mapper.row(im, fields: itemFields, item: i)) } catch let e as FiscalError { failure = e; throw e }
                    }
                }
                for t in mapper.truncated {
                    report.truncatedCount += 1
                    if report.truncated.count < limit { report.truncated.append(t) }
                }
                for it in content.items {
                    report.stockCount += 1
                    if report.stock.count < limit {
                        report.stock.append(StockLine(number: note.number, product: it["det/prod/cProd"] ?? "",
                                                      description: it["det/prod/xProd"] ?? "",
                                                      quantity: it["det/prod/qCom"] ?? "", unit: it["det/prod/uCom"] ?? ""))
                    }
                }
                report.noteCount += 1
                if report.notes.count < limit {
                    itemCounts.append(mapping.items == nil ? 0 : content.items.count)
                    report.notes.append(RecreatedNote(cnpj: seq.issuer, model: seq.model, series: seq.series, number: note.number,
                                                      key: note.key, file: note.file, items: content.items.count))
                }
            }
        }
        let tables = report.targets
        if dryRun || toInsert == 0 {
            do {
                if toInsert == 0 { try TableAppend.validate(data: data, tables: tables) { _ in } }
                else { try TableAppend.validate(data: data, tables: tables, rows: produce) }
            } catch {
                if let failure { throw failure }
                throw error
            }
            return report
        }
        let applied: (id: String, outcomes: [TableAppend.Outcome])
        do {
            applied = try TableAppend.apply(data: data, tables: tables, operation: "recreate", source: xmlFolder, rows: produce)
        } catch {
            if let failure { throw failure }
            throw error
        }
        let outcomes = applied.outcomes
        report.id = applied.id
        report.tables = outcomes
        // record numbers of the listed new rows, note by note
        if let s = outcomes.first(where: { $0.table == mapping.sales.table }) {
            var nextItem = mapping.items.flatMap { im in outcomes.first { $0.table == im.table }?.firstNewRecord }
            for i in report.notes.indices {
                report.notes[i].salesRecord = s.firstNewRecord + i
                if let first = nextItem {
                    report.notes[i].itemRecords = Array(first..<(first + itemCounts[i]))
                    nextItem = first + itemCounts[i]
                }
            }
        }
        let after = try FiscalCheck.run(data: try DBFFolder(path: data), index: index, xmlFolder: xmlFolder, config: cfg,
                                        today: today)
        report.checkAfter = after.status
        return report
    }

    /// Every note whose verdict is `recreate`, in the check's order, built from the index one
    /// at a time (never a denied or cancelled one).
    static func forEachNote(_ check: CheckReport, _ index: AuthorizedIndex,
                            _ body: (SequenceResult, AuthorizedNote) throws -> Void) rethrows {
        for item in check.checks {
            guard let seq = item.sequence else { continue }
            let id = SeriesID(issuer: seq.issuer, model: seq.model, series: seq.series)
            guard let docs = index.series[id] else { continue }
            for v in seq.verdicts where v.verdict == .recreate {
                for n in v.from...v.to {
                    guard let note = docs.note(n), !note.isDenied, docs.cancellations[n] == nil else { continue }
                    try body(seq, note)
                }
            }
        }
    }

    static func fields(of table: String, in data: String) throws(FiscalError) -> [FieldDescriptor] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: data)) ?? []
        guard let f = names.first(where: { $0.lowercased() == table.lowercased() + ".dbf" }) else {
            throw .tableNotFound(table: table, folder: data, configFile: nil)
        }
        do { return try DBFTable.open(path: data + "/" + f).fields } catch {
            throw .unreadableTable(file: data + "/" + f, reason: Cause(error))
        }
    }
}
