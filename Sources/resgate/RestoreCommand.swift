import ArgumentParser
import Foundation
import ResgateLocale
import RestoreKit
import StoreOps

/// `resgate restore SET --data DATA (--all | --table T …)` (cli.md).
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore tables from a backup set into DATA (or --into DIR), keeping an undo snapshot.")

    @Argument(help: "The backup set: a .zip, an extracted folder or REMOTE:path.")
    var set: String

    @Option(name: .long, help: "The ERP's data folder (the live tables).")
    var data: String?

    @Flag(name: .long, help: "Restore every table of the set.")
    var all = false

    @Option(name: .long, parsing: .upToNextOption, help: "Restore only these tables.")
    var table: [String] = []

    @Option(name: .long, help: "Write the restored tables into this folder; DATA stays untouched.")
    var into: String?

    @Flag(name: .long, help: "Read and check everything, write nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Restore tables with bad lines, leaving those lines out (each is listed).")
    var skipBadLines = false

    @Flag(name: .long, help: "Restore tables whose memo archive is missing or misaligned, with blank memos.")
    var blankMemos = false

    @Flag(name: .long, help: "Keep every intact live record the backup lacks (matched by key; without one, append-only).")
    var merge = false

    @Option(name: .long, help: "With --merge: key fields F[,G] (default: [merge.T] in DATA/resgate.toml, else a candidate or unique CDX tag).")
    var key: String?

    @Flag(name: .long, help: "Do not ask for confirmation.")
    var yes = false

    @Option(name: .long, help: "Cache folder for sets fetched from a remote.")
    var cache: String?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if !all && table.isEmpty { throw ValidationError("choose --all or --table T …") }
        if all && !table.isEmpty { throw ValidationError("--all and --table exclude each other") }
        if data == nil && into == nil { throw ValidationError("give --data DATA (and/or --into DIR)") }
        if merge && data == nil { throw ValidationError("--merge needs --data DATA (the live tables)") }
        if key != nil && !merge { throw ValidationError("--key goes with --merge") }
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
        try finish(report, lang: lang)
    }

    /// The report, then (in text mode) the post-restore check of `PostRestoreCheck`'s
    /// policy. The JSON document stays the restore report alone: a script runs `check`.
    func finish(_ report: RestoreReport, lang: Language) throws {
        if common.json { try Console.json(report) } else { Console.out(RestoreSummary.text(report, folder: into ?? data ?? "DATA", language: lang)) }
        var exit = report.exit
        if exit != .refused, !common.json, report.id != nil, into == nil, let data,
           try postRestoreCheck(report, data: data, lang: lang) != .ok {
            // cli.md: restored, but a post-restore check failed: do not open the store
            exit = .checkFailed
        }
        try ExitStatus.finish(exit)
    }

    /// The ERP's step 5: check the store before it opens, or say how to.
    func postRestoreCheck(_ report: RestoreReport, data: String, lang: Language) throws -> ExitKind {
        guard PostRestoreCheck.wanted(after: report, data: data, xml: nil, config: nil) else {
            Console.out(Phrase.postRestoreCheckHint(data: data).text(in: lang))
            return .ok
        }
        Console.out(Phrase.postRestoreCheckHeading.text(in: lang))
        do {
            let check = try CheckCommand.parse(["--data", data, "--lang", lang.rawValue] + (common.quiet ? ["--quiet"] : []))
            try check.run()
            return .ok
        } catch let e as ExitCode {
            return e.rawValue == 1 ? .defects : .ok
        }
    }
}
