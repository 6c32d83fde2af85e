import ArgumentParser
import Foundation
import ResgateLocale
import RestoreKit

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
        var options = RestoreOptions(tables: all ? nil : table.map { $0.uppercased() }, dryRun: dryRun, into: into,
                                     skipBadLines: skipBadLines, blankMemos: blankMemos, language: lang)
        if merge { options.merge = try MergeOptionReader.request(key: key, data: data, language: lang) }
        let printer = RestoreProgressPrinter(language: lang, quiet: common.quiet || common.json)
        if !dryRun && !yes && Console.stdinIsTerminal && into == nil {
            // ask with the real counts: a dry run first, then the question
            var probe = options
            probe.dryRun = true
            let preview = try Restorer(source: source, data: data, options: probe).run()
            if preview.anyRefused {
                try finish(preview, lang: lang)
                return
            }
            Console.err(RestoreSummary.confirmation(preview, language: lang))
            guard Console.confirm(lang == .pt ? "Continuar?" : "Continue?", language: lang) else {
                Console.err(lang == .pt ? "Nada foi alterado." : "Nothing was changed.")
                throw ExitStatus.refused
            }
        }
        options.dryRun = dryRun
        let restorer = Restorer(source: source, data: data, options: options, events: printer.handle)
        CrashTestHook.install(on: restorer)
        let report = try restorer.run()
        try finish(report, lang: lang)
    }

    func finish(_ report: RestoreReport, lang: Language) throws {
        if common.json { try Console.json(report) } else { Console.out(RestoreSummary.text(report, folder: into ?? data ?? "DATA", language: lang)) }
        if report.anyRefused { throw ExitStatus.refused }
        let checkFailed = report.id != nil && !common.json ? try postRestoreCheck(lang: lang) : false
        if checkFailed && merge { throw ExitStatus.checkFailed }
        if checkFailed || report.tables.contains(where: { !$0.defects.isEmpty }) { throw ExitStatus.defects }
    }

    /// The ERP's step 5: check the store before it opens. Runs `check` when DATA has a
    /// `resgate.toml`, else says how to. True when a check failed.
    func postRestoreCheck(lang: Language) throws -> Bool {
        guard into == nil, let data else { return false }
        let pt = lang == .pt
        guard FileManager.default.fileExists(atPath: data + "/resgate.toml") else {
            Console.out(pt ? "\nAntes de liberar o sistema, confira a numeração fiscal: resgate check --data \(data) --xml PASTA_XML"
                           : "\nBefore the store opens, check the fiscal numbering: resgate check --data \(data) --xml XML_FOLDER")
            return false
        }
        Console.out(pt ? "\nConferência pós-restauração (resgate.toml):" : "\nPost-restore check (resgate.toml):")
        do {
            var check = try CheckCommand.parse(["--data", data, "--lang", lang.rawValue] + (common.quiet ? ["--quiet"] : []))
            try check.run()
            return false
        } catch let e as ExitCode {
            return e.rawValue == 1
        }
    }
}
