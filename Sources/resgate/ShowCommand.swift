import ArgumentParser
import BackupSet
import Foundation
import ResgateLocale
import StoreOps
import RestoreKit
import XBase

/// `resgate show SET [TABLE]` and `resgate show FILE.DBF`: one command; an argument ending
/// in `.dbf` that is a file is a live table, anything else a backup set.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: T("Shows a backup set, one of its tables, or a live DBF table."))
    @Argument(help: H("A backup set (.zip, folder or REMOTE:path) or a .dbf file.")) var target: String
    @Argument(help: H("A table of the set.")) var table: String?
    @Option(help: H("At most N records.")) var limit: Int?
    @Option(help: H("table, csv or json.")) var format: String?
    @Flag(help: H("Include deleted records (live tables).")) var deleted = false
    @Option(help: H("Cache folder for sets fetched from a remote.")) var cache: String?
    @OptionGroup var common: CommonOptions

    var outputFormat: OutputFormat {
        if let format, let f = OutputFormat(rawValue: format.lowercased()) { return f }
        return common.json ? .json : .table
    }

    func run() throws {
        if let format, OutputFormat(rawValue: format.lowercased()) == nil {
            Console.err("--format: table, csv or json"); throw ExitStatus.badInput
        }
        var isDir: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: target, isDirectory: &isDir)
        if exists, !isDir.boolValue, target.lowercased().hasSuffix(".dbf") { return try showDBF() }
        try showSet()
    }

    func showDBF() throws {
        let lang = common.language
        let t: DBFTable
        do { t = try DBFTable.open(path: target) } catch {
            Console.err(error.text(in: lang)); throw ExitStatus.badInput
        }
        var printer = RecordPrinter(fields: t.fields, format: outputFormat)
        let max = limit ?? (outputFormat == .table ? 100 : Int.max)
        var n = 0
        var problems: [String] = []
        struct Enough: Error {}
        do {
            try t.forEachRecord { r in
                if r.isDeleted && !deleted { return }
                if n >= max { throw Enough() }
                var values: [DBFValue] = []
                values.reserveCapacity(t.fields.count)
                for f in t.fields {
                    do { values.append(try r.value(f)) } catch {
                        problems.append((error as? XBaseError)?.text(in: lang) ?? "\(error)"); values.append(.null)
                    }
                }
                printer.add(values, deleted: deleted ? r.isDeleted : nil)
                n += 1
            }
        } catch is Enough {}
        if outputFormat == .table && !common.quiet {
            print(CLIPhrase.showDBFHeader(file: target, version: "0x" + String(t.header.version, radix: 16), records: t.recordCount,
                                          codePage: t.codePage.number).text(in: lang))
            for f in t.fields { print("  \(f.name.padding(toLength: 11, withPad: " ", startingAt: 0)) \(f.type.letter) \(f.length) \(f.decimals)\(f.isNullable ? " null" : "")") }
            print("")
        }
        printer.finish()
        for p in problems { Console.err(p) }
        if !problems.isEmpty { throw ExitStatus.defects }
    }

    func showSet() throws {
        let lang = common.language
        let set: BackupSet
        let path = try SourceOpener.localPathOrExit(target, cache: cache, common: common)
        do { set = try BackupSet.open(path) } catch {
            for d in error.defects { Console.err(d.message(in: lang)) }
            throw ExitStatus.badInput
        }
        if TableFolderSource.holdsTables(set) { return try showTables(set) }
        if let table { return try showTable(set, table) }
        let overview = SetOperations.overview(set, language: lang)
        if outputFormat == .json { return try Console.json(overview) }
        for t in overview.tables {
            print(CLIPhrase.showSetTable(name: t.name, records: t.records, fields: t.fields.count,
                                         structure: CLIPhrase.structureName(t.structure ?? "?").text(in: lang), memo: t.memo).text(in: lang))
            for f in t.files { print(CLIPhrase.memberVariant(file: f.name, variant: f.words.text(in: lang)).text(in: lang)) }
        }
        for d in overview.defects { Console.err(d) }
    }

    func showTable(_ set: BackupSet, _ name: String) throws {
        let lang = common.language
        guard let t = set.table(named: name), let s = t.structure else {
            Console.err(CLIPhrase.showNoSuchTable(name).text(in: lang))
            throw ExitStatus.badInput
        }
        var printer = RecordPrinter(fields: s.fields, format: outputFormat)
        let max = limit ?? (outputFormat == .table ? 100 : Int.max)
        var n = 0
        struct Enough: Error {}
        var report: TableReadReport?
        do {
            report = try set.forEachRecord(table: t.name) { r in
                if n >= max { throw Enough() }
                printer.add(r.values)
                n += 1
            }
        } catch is Enough {
        } catch let e as BackupSetError {
            // the table's data cannot be read at all (a forged size, a refused member):
            // say which file and why, as verify does, and exit 2, not with a bare error
            for d in e.defects { Console.err(d.message(in: lang)) }
            throw ExitStatus.badInput
        }
        if outputFormat == .table && !common.quiet {
            print("\(t.name) (\(CLIPhrase.structureName(s.variant.rawValue).text(in: lang)))")
            for f in s.fields { print("  \(f.name.padding(toLength: 11, withPad: " ", startingAt: 0)) \(f.type.letter) \(f.length) \(f.decimals)\(f.isNullable ? " null" : "")") }
            print("")
        }
        printer.finish()
        for d in report?.defects ?? [] { Console.err(d.message(in: lang)) }
        if let report, !report.defects.isEmpty { throw ExitStatus.defects }
    }
}
