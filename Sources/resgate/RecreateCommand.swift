import ArgumentParser
import Fiscal
import Foundation
import ResgateLocale
import RestoreKit

/// `resgate recreate --data DATA --xml DIR [--config FILE] [--dry-run] [--yes]`: inserts
/// every authorized note the data lacks, from its nfeProc, through the config's
/// `[recreate]` mapping. Thin: parse, call `Recreator`, render. Exit 0 done, 2 bad input,
/// 3 refused (no --yes without a terminal, folder busy, table held by the ERP), 4 done
/// but the check afterwards failed.
struct RecreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recreate",
        abstract: T("Re-creates in the store's tables the authorized notes the data lacks, from their XML (atomic, undoable)."))

    @Option(name: .long, help: H("The ERP's data folder."))
    var data: String

    @Option(name: .long, help: H("Folder of the authorized XML (default: [fiscal] xml in the config)."))
    var xml: String?

    @Option(name: .long, help: H("Config file with the [recreate] mapping (default: resgate.toml in DATA)."))
    var config: String?

    @Flag(name: .long, help: H("Show what would be inserted; change nothing."))
    var dryRun = false

    @Flag(name: .long, help: H("Do not ask for confirmation."))
    var yes = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.language
        let plan: RecreateReport
        do {
            plan = try Recreator.run(data: data, xml: xml, config: config, dryRun: true)
        } catch {
            try fail(error, lang)
        }
        if dryRun || plan.noteCount == 0 { return try render(plan, lang) }
        if !yes {
            guard Console.stdinIsTerminal else { Console.err(RecreatePhrase.needYes.text(in: lang)); throw ExitStatus.badInput }
            let tables = plan.targets.joined(separator: ", ")
            guard Console.confirm(RecreatePhrase.confirm(plan.noteCount, tables: tables).text(in: lang), language: lang) else {
                throw ExitStatus.refused
            }
        }
        let done: RecreateReport
        do {
            done = try Recreator.run(data: data, xml: xml, config: config, dryRun: false)
        } catch {
            try fail(error, lang)
        }
        try render(done, lang)
        if done.exitCode != 0 { throw ExitCode(done.exitCode) }
    }

    private func render(_ r: RecreateReport, _ lang: Language) throws {
        if common.json { return try Console.json(r) }
        if common.quiet { return Console.out(r.dryRun ? "dry-run \(r.noteCount)" : "recreated \(r.noteCount)") }
        if r.notes.isEmpty && r.skipped.isEmpty { return Console.out(RecreatePhrase.nothing.text(in: lang)) }
        for n in r.notes {
            Console.out(RecreatePhrase.note(n.number, series: n.series, model: n.model, items: n.items,
                                           record: n.salesRecord, dryRun: r.dryRun).text(in: lang))
        }
        more(r.noteCount - r.notes.count, lang)
        for s in r.skipped { Console.out(RecreatePhrase.skippedEntry(s.number).text(in: lang)) }
        more(r.skippedCount - r.skipped.count, lang)
        if !r.truncated.isEmpty {
            Console.out(RecreatePhrase.truncatedHeading.text(in: lang))
            for t in r.truncated { Console.out("  " + t) }
            more(r.truncatedCount - r.truncated.count, lang)
        }
        if !r.stock.isEmpty {
            Console.out(RecreatePhrase.stockHeading.text(in: lang))
            for s in r.stock { Console.out("  nº \(s.number): \(s.product) \(s.description) — \(s.quantity) \(s.unit)") }
            more(r.stockCount - r.stock.count, lang)
        }
        if r.dryRun { Console.out(RecreatePhrase.dryRun(r.noteCount).text(in: lang)) }
        else if let id = r.id { Console.out(RecreatePhrase.done(r.noteCount, id: id, data: data).text(in: lang)) }
        if r.checkAfter == .fail { Console.out(RecreatePhrase.checkFailed.text(in: lang)) }
    }

    /// "…and N more (all of them are counted in --json)", when a list stopped at its limit.
    private func more(_ n: Int, _ lang: Language) {
        if n > 0 { Console.out(RecreatePhrase.more(n).text(in: lang)) }
    }

    private func fail(_ error: Error, _ lang: Language) throws -> Never {
        switch error {
        case let e as FiscalError:
            Console.err("resgate recreate: " + e.words.text(in: lang))
            throw ExitStatus.badInput
        case Recreator.Refusal.noXMLFolder:
            Console.err("resgate recreate: " + CLIPhrase.recreateNeedsXMLFolder.text(in: lang))
            throw ExitStatus.badInput
        case let e as TableAppend.Failure:
            Console.err("resgate recreate: " + RecreatePhrase.refused(.restore(e.phrase)).text(in: lang))
            throw ExitStatus.refused
        default:
            Console.err("resgate recreate: " + RecreatePhrase.refused(Cause(error)).text(in: lang))
            throw ExitStatus.refused
        }
    }
}
