import ArgumentParser
import BackupSet
import CloudRemote
import Foundation

/// `resgate backup --data DATA --to ROOT`: writes a set in the canonical variant.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "Writes a backup set of DATA into ROOT (canonical variant, with manifest).")
    @Option(help: "The ERP's data folder.") var data: String
    @Option(help: "Folder or REMOTE:path to write the set into.") var to: String
    @Option(help: "With --to REMOTE:path: keep only the newest N sets of the same naming scheme (after the new one is checked).") var keep: Int?
    @Option(help: "Cache folder (a remote backup is written here first).") var cache: String?
    @Option(help: "Set name (default: the current <Weekday>_<HH>).") var name: String?
    @Option(help: "Only this table (repeatable).") var table: [String] = []
    @Flag(help: "Write a folder instead of a zip.") var folder = false
    @Flag(help: "No confirmation question.") var yes = false
    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.language
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: data, isDirectory: &isDir), isDir.boolValue else {
            Console.err(lang == .pt ? "\(data): pasta de dados não existe" : "\(data): data folder does not exist"); throw ExitStatus.badInput
        }
        var remote: RemotePath?
        do { remote = RemotePath.looksRemote(to) ? try RemotePath(parsing: to) : nil } catch {
            Console.err(error.message(in: lang)); throw ExitStatus.badInput
        }
        if let keep, keep < 1 || remote == nil {
            Console.err(lang == .pt ? "--keep pede N ≥ 1 e --to REMOTO:caminho" : "--keep takes N ≥ 1 and --to REMOTE:path"); throw ExitStatus.badInput
        }
        let localRoot = remote == nil ? to : RemoteBackupUpload.outgoingFolder(cache: cache)
        try? FileManager.default.createDirectory(atPath: localRoot, withIntermediateDirectories: true)
        var w = BackupWriter(dataFolder: data, root: localRoot)
        w.name = name; w.tables = table; w.asFolder = folder
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
            let unit = lang == .pt ? "registros" : "records"
            return "\(t): \(done)/\(total) \(unit), \(Int(rate))/s" + (left > 0 ? ", \(left)s" : "")
        }
        let report: BackupWriter.Report
        do {
            report = try w.write { t, done, total in
                guard showProgress else { return }
                if t != current {
                    if !current.isEmpty { Console.progress(lastLine, final: true) }
                    current = t; started = Date()
                }
                lastLine = line(t, done, total)
                Console.progress(lastLine)
            }
        } catch let e as BackupSetError {
            for d in e.defects { Console.err(d.message(in: lang)) }
            throw ExitStatus.refused
        } catch {
            Console.err("\(error)"); throw ExitStatus.refused
        }
        if showProgress && !current.isEmpty { Console.progress(lastLine, final: true) }
        let uploaded = try remote.map { try RemoteBackupUpload.upload(report.path, to: $0, keep: keep, common: common) }
        if common.json {
            print(JSONOut.object([("path", .string(uploaded?.path.description ?? report.path)),
                                  ("pruned", .array((uploaded?.pruned ?? []).map { .string($0.path.description) })),
                                  ("tables", .array(report.tables.map { .object([("name", .string($0.name)), ("records", .number(String($0.records)))]) })),
                                  ("skipped", .array(report.skipped.map { .string($0.message(in: lang)) }))]).render())
        } else if !common.quiet {
            for t in report.tables { print("\(t.name): \(t.records) \(lang == .pt ? "registros" : "records")") }
            for d in report.skipped { Console.err(d.message(in: lang)) }
            for p in uploaded?.pruned ?? [] { print((lang == .pt ? "removido (--keep): " : "removed (--keep): ") + p.path.description) }
            print(uploaded?.path.description ?? report.path)
        }
        if !report.skipped.isEmpty { throw ExitStatus.defects }
    }
}
