import ArgumentParser
import CloudRemote
import Foundation
import StoreStatus

/// `resgate status` (cli.md): one store's backup health (`--data --backups`), or a whole
/// chain's from the cloud drive (`--remotes 'REMOTE:lojas/*/backup'`), as text, JSON
/// (`--json`) or a Prometheus textfile (`--textfile F.prom`, written atomically).
/// Exit 0 when every store is up with a newest set that verifies and no damaged table,
/// 1 when any is not, 2 bad command line, 3 the chain could not be listed or the
/// textfile could not be written.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: T("Backup health of one store, or of every store of a chain on a cloud remote, as JSON or Prometheus metrics."))

    @Option(help: H("The ERP's data folder (one store).")) var data: String?
    @Option(help: H("The store's backup root: the folder holding its sets (one store).")) var backups: String?
    @Option(help: H("Folder of the authorized XML, for the fiscal state (one store).")) var xml: String?
    @Option(help: H("The store's name in the metrics (default: the data folder's name).")) var store: String?
    @Flag(help: H("Also restore the newest set into a temporary folder (one store).")) var drill = false
    @Option(help: H("Every store folder matching REMOTE:PATTERN, e.g. 'nuvem:lojas/*/backup'.")) var remotes: String?
    @Option(help: H("Stores read at the same time (chain).")) var jobs = 4
    @Option(help: H("Seconds one store may take before it counts as down (chain).")) var timeout = 600
    @Option(help: H("Write Prometheus textfile metrics to this file (atomically).")) var textfile: String?
    @Option(help: H("Cache folder (fetched sets and verify verdicts by hash).")) var cache: String?
    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.language
        let cacheFolder = (cache ?? SetCache.defaultFolder()) + "/status"
        let start = Date()
        let out = StatusOutput(json: common.json, quiet: common.quiet, language: lang)
        let writer: TextfileWriter?
        if let textfile {
            do { writer = try TextfileWriter(target: textfile) } catch {
                Console.err(StatusWords.cannotWrite(textfile).text(in: lang)); throw ExitStatus.refused
            }
        } else {
            writer = nil
        }
        let tally = StatusTally()
        let emit: @Sendable (StoreReport) -> Void = { r in
            writer?.add(StoreMetrics.samples(r))
            tally.add(r)
            out.store(r)
        }
        var count = 0
        if let remotes {
            guard data == nil, backups == nil, xml == nil, !drill else {
                Console.err(StatusWords.eitherOr.text(in: lang)); throw ExitStatus.badInput
            }
            guard (1...64).contains(jobs), (1...86_400).contains(timeout) else {
                Console.err(StatusWords.badLimits.text(in: lang)); throw ExitStatus.badInput
            }
            let pattern: ChainPattern
            do { pattern = try ChainPattern(remotes) } catch {
                Console.err(StatusWords.badPattern(remotes).text(in: lang)); throw ExitStatus.badInput
            }
            let chain = ChainStatus(pattern: pattern, jobs: jobs, timeout: TimeInterval(timeout), rclone: Rclone(), cacheFolder: cacheFolder)
            out.begin()
            do { count = try chain.run(emit: emit) } catch {
                out.end()
                Console.err(error.message(in: lang)); throw ExitStatus.refused
            }
        } else {
            guard let data, let backups else { Console.err(StatusWords.eitherOr.text(in: lang)); throw ExitStatus.badInput }
            guard FileManager.default.fileExists(atPath: data) else {
                Console.err(StatusWords.missing(data).text(in: lang)); throw ExitStatus.badInput
            }
            let name = store ?? (data as NSString).lastPathComponent
            let local = LocalStatus(data: data, backups: backups, xml: xml, store: name, drill: drill, cacheFolder: cacheFolder)
            out.begin()
            emit(local.run())
            count = 1
        }
        out.end()
        if let writer {
            writer.add(StoreMetrics.runSamples(stores: count, seconds: Date().timeIntervalSince(start), finished: Date()))
            do { try writer.commit() } catch {
                Console.err(StatusWords.cannotWrite(textfile ?? "").text(in: lang)); throw ExitStatus.refused
            }
        }
        out.summary(tally)
        if tally.problems > 0 { throw ExitStatus.defects }
    }
}
