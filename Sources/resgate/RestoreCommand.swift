import ArgumentParser
import Fiscal
import Foundation
import ResgateLocale
import RestoreKit
import StoreOps

/// `resgate restore SET --data DATA (--all | --table T …)` (cli.md).
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: T("Restore tables from a backup set into DATA (or --into DIR), keeping an undo snapshot."))

    @Argument(help: H("The backup set: a .zip, an extracted folder or REMOTE:path."))
    var set: String

    @Option(name: .long, help: H("The ERP's data folder (the live tables)."))
    var data: String?

    @Flag(name: .long, help: H("Restore every table of the set."))
    var all = false

    @Option(name: .long, parsing: .upToNextOption, help: H("Restore only these tables."))
    var table: [String] = []

    @Option(name: .long, help: H("Write the restored tables into this folder; DATA stays untouched."))
    var into: String?

    @Flag(name: .long, help: H("Read and check everything, write nothing."))
    var dryRun = false

    @Flag(name: .long, help: H("Restore tables with bad lines, leaving those lines out (each is listed)."))
    var skipBadLines = false

    @Flag(name: .long, help: H("Restore tables whose memo archive is missing or misaligned, with blank memos."))
    var blankMemos = false

    @Flag(name: .long, help: H("Keep every intact live record the backup lacks (matched by key; without one, append-only)."))
    var merge = false

    @Option(name: .long, help: H("With --merge: key fields F[,G] (default: [merge.T] in DATA/resgate.toml, else a candidate or unique CDX tag)."))
    var key: String?

    @Flag(name: .long, help: H("Do not ask for confirmation."))
    var yes = false

    @Option(name: .long, help: H("Cache folder for sets fetched from a remote."))
    var cache: String?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if !all && table.isEmpty { throw ValidationError(T("choose --all or --table T …")) }
        if all && !table.isEmpty { throw ValidationError(T("--all and --table exclude each other")) }
        if data == nil && into == nil { throw ValidationError(T("give --data DATA (and/or --into DIR)")) }
        if merge && data == nil { throw ValidationError(T("--merge needs --data DATA (the live tables)")) }
        if key != nil && !merge { throw ValidationError(T("--key goes with --merge")) }
    }

    func run() throws {
        let lang = common.language
        let source: any RestoreSource
        do { source = try SourceOpener.open(set, cache: cache, language: lang, quiet: common.quiet || common.json) } catch {
            Console.err(String(describing: error))
            throw (error as? SourceOpener.Failure)?.exit ?? ExitStatus.badInput
        }
        var request = RestoreRequest(tables: try common.attempt { try RestoreRequest.tables(all ? [] : table) },
                                     dryRun: dryRun, into: into, skipBadLines: skipBadLines, blankMemos: blankMemos)
        if merge { request.merge = try common.attempt { try RestoreRequest.merge(key: key, data: data) } }
        let printer = RestoreProgressPrinter(language: lang, quiet: common.quiet || common.json)
        // cli.md: with no terminal to ask, a change without --yes is refused and nothing written
        if !dryRun && !yes && !Console.stdinIsTerminal && into == nil {
            Console.err(Phrase.changeNeedsYes.text(in: lang))
            throw ExitStatus.badInput
        }
        if !dryRun && !yes && Console.stdinIsTerminal && into == nil {
            // ask with the real counts: a dry run first, then the question
            var probe = request
            probe.dryRun = true
            let preview = try RestoreOperation.run(source, data: data, request: probe, language: lang)
            if preview.anyRefused {
                try finish(preview, lang: lang)
                return
            }
            Console.err(RestoreSummary.confirmation(preview, language: lang))
            guard Console.confirm(Phrase.continueQuestion.text(in: lang), language: lang) else {
                Console.err(Phrase.nothingChanged.text(in: lang))
                throw ExitStatus.refused
            }
        }
        request.dryRun = dryRun
        let report = try RestoreOperation.run(source, data: data, request: request, language: lang,
                                              events: printer.handle, prepare: CrashTestHook.install(on:))
        printer.ending(report)
        try finish(report, lang: lang)
    }

    /// The report, then (in text mode) the post-restore check of `PostRestoreCheck`'s
    /// policy, whose numbering verdict comes first. The JSON document stays the restore
    /// report alone: a script runs `check`. A restore done whose check failed exits 4.
    func finish(_ report: RestoreReport, lang: Language) throws {
        if common.json {
            try Console.json(report)
            return try ExitStatus.finish(report.exit)
        }
        var exit = report.exit
        var verdict: [String] = []
        var checkText: String?
        if exit != .refused, report.id != nil, into == nil, let data {
            (verdict, checkText, exit) = postRestoreCheck(report, data: data, lang: lang, exit: exit)
        }
        let summary = RestoreSummary.text(report, folder: into ?? data ?? "DATA", language: lang)
        Console.out((verdict.isEmpty ? "" : verdict.joined(separator: "\n") + "\n\n") + summary)
        if let checkText { Console.out("\n" + checkText) }
        try ExitStatus.finish(exit)
    }

    /// The ERP's step 5: check the store before it opens, or say plainly that it was not.
    func postRestoreCheck(_ report: RestoreReport, data: String, lang: Language,
                          exit: ExitKind) -> (verdict: [String], check: String?, exit: ExitKind) {
        guard PostRestoreCheck.wanted(after: report, data: data, xml: nil, config: nil) else {
            return ([CLIPhrase.numberingNotChecked(data: data).text(in: lang)], nil, exit)
        }
        let failed = CLIPhrase.restoredButCheckFailed.text(in: lang)
        do {
            let check = try CheckOperation.run(data: data, xml: nil, config: nil, language: lang)
            let verdict = NumberingVerdict.lines(check, data: data, language: lang)
            guard check.exit == .ok else { return (verdict + [failed], common.quiet ? nil : ReportText.render(check, language: lang), .checkFailed) }
            return (verdict, common.quiet ? nil : ReportText.render(check, language: lang), exit)
        } catch {
            return ([CLIPhrase.numberingCheckUnusable(error.text(in: lang)).text(in: lang), failed], nil, .checkFailed)
        }
    }
}
