import ArgumentParser
import Foundation
import ResgateLocale
import StoreOps

/// `resgate verify SET`: reads everything, lists every defect; exit 1 when there is any.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Reads every member of SET completely and lists every defect.")
    @Argument(help: "A backup set: .zip, folder or REMOTE:path.") var set: String
    @Option(help: "Cache folder for sets fetched from a remote.") var cache: String?
    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.language
        let set = try SourceOpener.localPathOrExit(self.set, cache: cache, common: common)
        let report = try common.attempt { try SetOperations.verify(set, language: lang) }
        if common.json {
            try Console.json(report)
        } else {
            if !common.quiet {
                for t in report.tables { print("\(t.name): " + Phrase.recordCount(t.records).text(in: lang)) }
            }
            for d in report.defects { print((d.table.map { "[\($0)] " } ?? "") + d.located) }
            print((report.ok ? Phrase.noDefectsFound : .defectsFound(report.defects.count)).text(in: lang))
        }
        try ExitStatus.finish(report.exit)
    }
}
