import ArgumentParser
import Foundation
import ResgateLocale
import StoreOps

/// `resgate verify SET`: reads everything, lists every defect; exit 1 when there is any.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: T("Reads every member of SET completely and lists every defect."))
    @Argument(help: H("A backup set: .zip, folder or REMOTE:path.")) var set: String
    @Option(help: H("Cache folder for sets fetched from a remote.")) var cache: String?
    @Option(name: .long, help: H("Write every defect to this file, one per line (the output lists the first 1000 per table)."))
    var defectsFile: String?
    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.language
        let set = try SourceOpener.localPathOrExit(self.set, cache: cache, common: common)
        let report = try common.attempt { try SetOperations.verify(set, language: lang, defectsFile: defectsFile) }
        if common.json {
            try Console.json(report)
        } else {
            if !common.quiet {
                for t in report.tables { print("\(t.name): " + Phrase.recordCount(t.records).text(in: lang)) }
            }
            for d in report.defects { print((d.table.map { "[\($0)] " } ?? "") + d.located) }
            if report.omittedDefects > 0 { print(Phrase.moreDefectsNotListed(report.omittedDefects).text(in: lang)) }
            print((report.ok ? Phrase.noDefectsFound : .defectsFound(report.defectCount)).text(in: lang))
        }
        try ExitStatus.finish(report.exit)
    }
}
