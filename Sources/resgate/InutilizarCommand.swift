import ArgumentParser
import Fiscal
import Foundation
import ResgateLocale

/// `resgate inutilizar --data DATA --xml DIR [--config FILE] --just TEXT --out DIR`: one
/// unsigned `inutNFe` 4.00 request per run of numbers whose verdict is `void` (at most
/// 10,000 numbers each), and the legal deadline. Thin: parse, call `VoidingDrafter`,
/// render. Only writes into OUT (new files, each atomically), never into DATA.
struct InutilizarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inutilizar",
        abstract: T("Drafts the unsigned voiding requests (inutNFe 4.00) for the numbers that must be voided, with the deadline."))

    @Option(name: .long, help: H("The ERP's data folder."))
    var data: String

    @Option(name: .long, help: H("Folder of the authorized XML (default: [fiscal] xml in the config)."))
    var xml: String?

    @Option(name: .long, help: H("Config file (default: resgate.toml in DATA)."))
    var config: String?

    @Option(name: .long, help: H("Justification (xJust): 15 to 255 characters."))
    var just: String

    @Option(name: .long, help: H("Folder where the requests are written."))
    var out: String

    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.language
        let draft: VoidingDraft
        do {
            let cfgFile = config ?? FiscalCheck.findConfig(in: data)
            let cfg = try cfgFile.map { f throws(FiscalError) in try ConfigParser.load(file: f) }
            let xmlFolder = xml ?? cfg?.xmlFolder
            guard let index = try FiscalCheck.indexXML(xmlFolder, pending: cfg?.pendingFolders ?? []) else {
                throw FiscalError.xmlFolderNeeded
            }
            let today = FiscalCheck.today()
            let report = try FiscalCheck.run(data: try DBFFolder(path: data), index: index, xmlFolder: xmlFolder,
                                             config: cfg, today: today)
            let plan = try VoidingDrafter.plan(report: report, index: index, justification: just, today: today)
            draft = try VoidingDrafter.write(plan, to: out)
        } catch let e as FiscalError {
            Console.err("resgate inutilizar: " + e.words.text(in: lang))
            throw ExitStatus.badInput
        }
        if common.json { return try Console.json(draft) }
        if common.quiet { return Console.out("\(draft.requests.count)") }
        if draft.requests.isEmpty { Console.out(VoidingPhrase.nothing.text(in: lang)) }
        else { Console.out(VoidingPhrase.written(draft.requests.count, folder: out).text(in: lang)) }
        for r in draft.requests {
            Console.out(VoidingPhrase.request(id: r.id, first: r.first, last: r.last, file: r.file.map { ($0 as NSString).lastPathComponent },
                                             deadline: r.deadline, daysLeft: r.daysLeft).text(in: lang))
        }
        for h in draft.held { Console.out(VoidingPhrase.held(h.verdict.span.description, near: h.verdict.nearContingency).text(in: lang)) }
        if !draft.requests.isEmpty { Console.out(VoidingPhrase.unsigned.text(in: lang)) }
    }
}
