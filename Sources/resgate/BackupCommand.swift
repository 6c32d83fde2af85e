import ArgumentParser
import BackupSet
import CloudRemote
import Foundation
import ResgateLocale
import StoreOps

/// `resgate backup --data DATA --to ROOT`: writes a set in the canonical variant.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: T("Writes a backup set of DATA into ROOT (canonical variant, with manifest)."))
    @Option(help: H("The ERP's data folder.")) var data: String
    @Option(help: H("Folder or REMOTE:path to write the set into.")) var to: String
    @Option(help: H("With --to REMOTE:path: keep only the newest N sets of the same naming scheme (after the new one is checked).")) var keep: Int?
    @Option(help: H("Cache folder (a remote backup is written here first).")) var cache: String?
    @Option(help: H("Set name (default: the current <Weekday>_<HH>).")) var name: String?
    @Option(help: H("Only this table (repeatable).")) var table: [String] = []
    @Flag(help: H("Write a folder instead of a zip.")) var folder = false
    @Flag(help: H("No confirmation question.")) var yes = false
    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.language
        let ops = StoreOperations(data: data)
        try common.attempt { try ops.requireFolder() }
        var remote: RemotePath?
        do { remote = RemotePath.looksRemote(to) ? try RemotePath(parsing: to) : nil } catch {
            Console.err(error.message(in: lang)); throw ExitStatus.badInput
        }
        if let keep, keep < 1 || remote == nil {
            Console.err(CLIPhrase.keepNeedsRemote.text(in: lang)); throw ExitStatus.badInput
        }
        let request = BackupRequest(root: remote == nil ? to : RemoteBackupUpload.outgoingFolder(cache: cache),
                                    name: name, tables: table, asFolder: folder)
        // a live line per table on a terminal (records done / total, records/s, time left),
        // one line per table otherwise
        let showProgress = !common.json && !common.quiet
        var current = ""
        var started = Date()
        var lastLine = ""
        func line(_ t: String, _ done: Int, _ total: Int) -> String {
            let secs = max(0.001, Date().timeIntervalSince(started))
            let rate = Double(done) / secs
            let left = rate > 0 && total > done ? Int(Double(total - done) / rate) : 0
            return CLIPhrase.backupProgress(table: t, done: done, total: total, perSecond: Int(rate), secondsLeft: left).text(in: lang)
        }
        var result = try common.attempt {
            try ops.backup(request, language: lang) { t, done, total in
                guard showProgress else { return }
                if t != current {
                    if !current.isEmpty { Console.progress(lastLine, final: true) }
                    current = t; started = Date()
                }
                lastLine = line(t, done, total)
                Console.progress(lastLine)
            }
        }
        if showProgress && !current.isEmpty { Console.progress(lastLine, final: true) }
        if let remote {
            let uploaded = try RemoteBackupUpload.upload(result.path, to: remote, keep: keep, common: common)
            result.path = uploaded.path.description
            result.pruned = uploaded.pruned.map(\.path.description)
        }
        if common.json {
            try Console.json(result)
        } else if !common.quiet {
            for t in result.tables { print("\(t.name): " + Phrase.recordCount(t.records).text(in: lang)) }
            for d in result.skipped { Console.err(d) }
            for p in result.pruned { print(CLIPhrase.prunedByKeep(p).text(in: lang)) }
            print(result.path)
        }
        try ExitStatus.finish(result.exit)
    }
}
