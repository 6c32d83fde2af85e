import ArgumentParser
import Foundation
import ResgateLocale
import StoreOps
import XBase

/// `resgate reindex DATA [--table T …] [--check]`: verifies, or rebuilds, the structural
/// CDX index of tables (the work itself is `StoreOperations.verifyIndexes` /
/// `rebuildIndexes`; this command asks, shows progress and prints).
struct ReindexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex",
        abstract: T("Rebuilds (or with --check only verifies) the structural CDX index of tables."))

    @Argument(help: H("The ERP's data folder."))
    var data: String

    @Option(name: .long, parsing: .upToNextOption, help: H("Only these tables (name without extension)."))
    var table: [String] = []

    @Flag(name: .long, help: H("Only verify; change nothing. Exit status 1 when an index has defects."))
    var check = false

    @Flag(name: .long, help: H("Do not ask for confirmation."))
    var yes = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.language
        let ops = StoreOperations(data: data)
        let showProgress = !common.quiet && !common.json
        let progress: (TableName) -> Void = { if showProgress { Console.progress($0.canonical) } }
        let report = try common.attempt {
            let tables = try ops.indexedTables(only: RestoreRequest.tables(table) ?? [])
            if check { return ops.verifyIndexes(tables, progress: progress) }
            let work = tables.filter { $0.indexPath != nil }.count
            // cli.md: with no terminal to ask, a change without --yes is refused and nothing written
            if !yes, !Console.stdinIsTerminal, work > 0 {
                Console.err(CLIPhrase.reindexNeedsYes.text(in: lang))
                throw ExitStatus.badInput
            }
            if !yes, Console.stdinIsTerminal, work > 0,
               !Console.confirm(Phrase.reindexConfirm(work).text(in: lang), language: lang) {
                throw ExitStatus.refused
            }
            return try ops.rebuildIndexes(tables, language: lang, progress: progress)
        }
        if showProgress { Console.progress("", final: true) }
        try print(report, lang: lang)
        throw ExitCode(report.exit.rawValue)
    }

    private func print(_ report: ReindexReport, lang: Language) throws {
        if common.json { return try Console.json(report) }
        var text = TextTable(headers: CLIPhrase.reindexHeaders.text(in: lang).components(separatedBy: "|"))
        for t in report.tables {
            text.rows.append([t.name.canonical, t.index ?? "-", t.status.words.text(in: lang)])
        }
        if !common.quiet { Console.out(text.render()) }
        for t in report.tables {
            if let w = t.words { Console.out("\(t.name): " + w.text(in: lang)) }
            for d in t.defects { Console.out("\(t.name): " + d.words.text(in: lang)) }
        }
        if let id = report.id { Console.out(Phrase.indexesSwapped(id: id, data: data).text(in: lang)) }
    }
}
