import BackupSet
import Foundation
import ResgateLocale
import RestoreKit
import XBase

/// `resgate show FOLDER [TABLE]` when FOLDER (or a zip) is a folder of DBF tables rather
/// than a backup set: the tables with their companion files, or one table's records as
/// the restore would read them (health-checked, deleted records left out).
extension ShowCommand {
    func showTables(_ set: BackupSet) throws {
        let lang = common.language
        let source = TableFolderSource(listing: set)
        if outputFormat != .json { print(SourceOpener.foundLine(.tableFolder, name: source.displayName).text(in: lang)) }
        if let table { return try showFolderTable(source, table) }
        var rows: [JSONOut] = []
        var defects: [Defect] = source.setDefects
        for name in source.tableNames {
            let t = try source.table(named: name)
            defects += t.knownDefects
            let layout = t.incomingTable
            rows.append(.object([
                ("name", .string(name)), ("records", .number(String(t.expectedRecords ?? 0))),
                ("version", layout.map { .string("0x" + String($0.header.version, radix: 16)) } ?? .null),
                ("index", .bool(layout?.indexPath != nil)),
                ("fields", RecordFormatter.fieldsJSON(t.fields)),
            ]))
            if outputFormat != .json {
                print(CLIPhrase.showFolderTableLine(name: name, records: t.expectedRecords ?? 0, fields: t.fields.count,
                                                   index: layout?.indexPath != nil).text(in: lang))
            }
        }
        if outputFormat == .json {
            print(JSONOut.object([("name", .string(source.displayName)), ("kind", .string(RestoreSourceKind.tableFolder.rawValue)),
                                  ("tables", .array(rows)),
                                  ("defects", .array(defects.map { .string($0.message(in: lang)) }))]).render())
        } else {
            for d in defects { Console.err(d.message(in: lang)) }
        }
    }

    func showFolderTable(_ source: TableFolderSource, _ name: String) throws {
        let lang = common.language
        guard source.tableNames.contains(name.uppercased()) else {
            Console.err(CLIPhrase.showFolderNoSuchTable(printableEscaped(name)).text(in: lang))
            throw ExitStatus.badInput
        }
        let t = try source.table(named: name)
        var printer = RecordPrinter(fields: t.fields, format: outputFormat)
        let max = limit ?? (outputFormat == .table ? 100 : Int.max)
        var n = 0
        var defects = t.knownDefects
        struct Enough: Error {}
        do {
            try t.forEachRecord(memos: true, { _, values in
                if n >= max { throw Enough() }
                printer.add(values)
                n += 1
            }, defect: { defects.append($0) })
        } catch is Enough {}
        if outputFormat == .table && !common.quiet {
            for f in t.fields { print("  \(f.name.padding(toLength: 11, withPad: " ", startingAt: 0)) \(f.type.letter) \(f.length) \(f.decimals)\(f.isNullable ? " null" : "")") }
            print("")
        }
        printer.finish()
        for d in defects { Console.err(d.message(in: lang)) }
        if !defects.isEmpty { throw ExitStatus.defects }
    }
}
