import ArgumentParser
import Foundation
import ResgateLocale
import StoreOps
import XBase

/// `resgate repair DATA --table T [--dry-run] [--yes]` (cli.md): fixes in place what needs
/// no backup, with an undo snapshot (the work is `StoreOperations.repair`; this command
/// asks, calls and prints).
struct RepairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: T("Fixes a table in place where no backup is needed (record count, EOF mark, memo pointers, undecodable bytes); rebuilds its CDX; keeps an undo copy."))

    @Argument(help: H("The ERP's data folder."))
    var data: String

    @Option(name: .long, help: H("The table (name without extension)."))
    var table: String

    @Flag(name: .long, help: H("Read and list what would be fixed; write nothing."))
    var dryRun = false

    @Flag(name: .long, help: H("Do not ask for confirmation."))
    var yes = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.language
        guard let name = TableName(table) else {
            Console.err(Phrase.invalidTableName(printableEscaped(table)).text(in: lang))
            throw ExitStatus.badInput
        }
        let ops = StoreOperations(data: data)
        // cli.md: with no terminal to ask, a change without --yes is refused and nothing written
        if !dryRun && !yes && !Console.stdinIsTerminal {
            Console.err(Phrase.repair(.needsYes).text(in: lang))
            throw ExitStatus.badInput
        }
        if !dryRun && !yes {
            let preview = try common.attempt { try ops.repair(table: name, dryRun: true) }
            if preview.findingsCount > 0 {
                render(preview, lang: lang)
                guard Console.confirm(Phrase.repair(.confirm(table: name.canonical, fixes: preview.findingsCount)).text(in: lang),
                                      language: lang) else {
                    Console.err(Phrase.nothingChanged.text(in: lang))
                    throw ExitStatus.refused
                }
            }
        }
        let report = try common.attempt { try ops.repair(table: name, dryRun: dryRun) }
        if common.json { try Console.json(report) } else { render(report, lang: lang) }
        try ExitStatus.finish(report.exit)
    }

    private func render(_ report: RepairReport, lang: Language) {
        guard !common.json else { return }
        let lines = common.quiet ? Array(report.phrases.prefix(1)) : report.phrases
        for p in lines { Console.out(p.text(in: lang)) }
        if let id = report.id { Console.out(Phrase.repair(.undo(data: data, id: id)).text(in: lang)) }
    }
}
