import ArgumentParser
import Foundation
import Fiscal
import ResgateLocale
import StoreOps

/// `resgate check --data DATA [--xml DIR] [--config FILE]`: the post-restore checks.
/// Exit 0 when nothing failed (warnings included), 1 when a check failed, 2 when the
/// input (folder, config, table, field) cannot be used.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: T("Post-restore checks: NF-e/NFC-e number sequences against the authorized XML, and the rules of the config.")
    )

    @Option(name: .long, help: H("The ERP's data folder (the live .DBF tables)."))
    var data: String

    @Option(name: .long, help: H("Folder of the authorized XML (nfeProc, procInutNFe, procEventoNFe), searched recursively."))
    var xml: String?

    @Option(name: .long, help: H("Config file (default: resgate.toml in DATA; without one, the notes table is discovered)."))
    var config: String?

    @Option(name: .long, help: H("The backup's date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ss), for freshness rules."))
    var backupDate: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.language
        if !common.quiet && !common.json { Console.progress(Phrase.checking.text(in: lang)) }
        let progress = StepProgressPrinter.make(common)
        let report = try common.attempt {
            defer { progress?.finish() }
            return try CheckOperation.run(data: data, xml: xml, config: config, language: lang, backupDate: backupDate,
                                          progress: progress?.sink)
        }
        if !common.quiet && !common.json { Console.progress("", final: false) }
        if common.json {
            try Console.json(report.document(in: lang))
        } else if common.quiet {
            Console.out(report.status.rawValue)
        } else {
            Console.out(ReportText.render(report, language: lang))
        }
        try ExitStatus.finish(report.exit)
    }
}
