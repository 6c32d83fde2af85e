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
    /// report (plus `handoverReport`): a script runs `check`. A restore done whose check
    /// failed exits 4. After a restore that replaced tables in DATA, the printable handover
    /// report is saved under DATA/.resgate/relatorios (as the web screen saves it) and its
    /// path is printed.
    func finish(_ report: RestoreReport, lang: Language) throws {
        if common.json {
            let path = saveHandover(report, check: nil, checkFailure: nil, lang: lang)
            try Console.json(RestoreDocument(report, handoverReport: path))
            return try ExitStatus.finish(report.exit)
        }
        var exit = report.exit
        var outcome = PostCheck(verdict: [], text: nil, report: nil, failure: nil, exit: exit)
        if exit != .refused, report.id != nil, into == nil, let data {
            outcome = postRestoreCheck(report, data: data, lang: lang, exit: exit)
            exit = outcome.exit
        }
        let summary = RestoreSummary.text(report, folder: into ?? data ?? "DATA", language: lang)
        Console.out((outcome.verdict.isEmpty ? "" : outcome.verdict.joined(separator: "\n") + "\n\n") + summary)
        if let text = outcome.text { Console.out("\n" + text) }
        if let path = saveHandover(report, check: outcome.report, checkFailure: outcome.failure, lang: lang) {
            Console.out("\n" + CLIPhrase.handoverReportSaved(path: path).text(in: lang))
        }
        try ExitStatus.finish(exit)
    }

    /// The handover report's path when one was saved; a failure to write it is a warning
    /// on stderr (the restore itself is done).
    func saveHandover(_ report: RestoreReport, check: CheckReport?, checkFailure: String?, lang: Language) -> String? {
        do {
            return try HandoverReport.saveAfter(report, check: check, checkFailure: checkFailure, data: data, language: lang)
        } catch {
            Console.err(CLIPhrase.handoverReportNotSaved(error.localizedDescription).text(in: lang))
            return nil
        }
    }

    /// What the post-restore check gave: the verdict lines, the check's text, the check
    /// itself (or why it could not run) for the handover report, and the exit status.
    struct PostCheck {
        var verdict: [String]
        var text: String?
        var report: CheckReport?
        var failure: String?
        var exit: ExitKind
    }

    /// The ERP's step 5: check the store before it opens, or say plainly that it was not.
    func postRestoreCheck(_ report: RestoreReport, data: String, lang: Language, exit: ExitKind) -> PostCheck {
        guard PostRestoreCheck.wanted(after: report, data: data, xml: nil, config: nil) else {
            return PostCheck(verdict: [CLIPhrase.numberingNotChecked(data: data).text(in: lang)], text: nil,
                             report: nil, failure: nil, exit: exit)
        }
        let failed = CLIPhrase.restoredButCheckFailed.text(in: lang)
        do {
            let check = try CheckOperation.run(data: data, xml: nil, config: nil, language: lang)
            var verdict = NumberingVerdict.lines(check, data: data, language: lang)
            let text = common.quiet ? nil : ReportText.render(check, language: lang)
            guard check.exit == .ok else { verdict.append(failed); return PostCheck(verdict: verdict, text: text, report: check, failure: nil, exit: .checkFailed) }
            return PostCheck(verdict: verdict, text: text, report: check, failure: nil, exit: exit)
        } catch {
            let why = error.text(in: lang)
            return PostCheck(verdict: [CLIPhrase.numberingCheckUnusable(why).text(in: lang), failed], text: nil,
                             report: nil, failure: why, exit: .checkFailed)
        }
    }
}
