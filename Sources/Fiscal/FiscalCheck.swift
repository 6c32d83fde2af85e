import Foundation
import XBase
import ResgateLocale

/// The post-restore check, callable by `resgate check`, by `restore` when a config is
/// present, and by the web screen. Reads the config (or discovers the notes table), indexes
/// the XML folder, compares every series, runs the rules, and returns the report.
public enum FiscalCheck {
    /// The config file found in DATA when `--config` is not given.
    public static let configName = "resgate.toml"

    /// Runs the check on a data folder.
    /// - Parameters:
    ///   - data: the ERP's data folder.
    ///   - xml: the folder of authorized XML (searched recursively); else the config's
    ///     `[fiscal] xml`, else none.
    ///   - config: the config file; else `DATA/resgate.toml` when present; else discovery.
    ///   - referenceDate: the backup's date, for `freshness`.
    /// - Throws: `FiscalError` when the input cannot be used (the CLI exits 2).
    public static func run(data: String, xml: String? = nil, config: String? = nil,
                           referenceDate: DBFDateTime? = nil, today: DBFDate = FiscalCheck.today(),
                           progress: WorkProgressSink? = nil) throws(FiscalError) -> CheckReport {
        let folder = try DBFFolder(path: data)
        let cfg: CheckConfig?
        if let config { cfg = try ConfigParser.load(file: config) }
        else if let found = findConfig(in: data) { cfg = try ConfigParser.load(file: found) }
        else { cfg = nil }
        let xmlFolder = xml ?? cfg?.xmlFolder
        let index = try indexXML(xmlFolder, pending: cfg?.pendingFolders ?? [], progress: progress)
        return try run(data: folder, index: index, xmlFolder: xmlFolder, config: cfg,
                       referenceDate: referenceDate, today: today)
    }

    /// Indexes the XML folder and the points of sale's pending folders together (nil
    /// without an XML folder: pending notes alone cannot prove a number free).
    public static func indexXML(_ xmlFolder: String?, pending: [String],
                                progress: WorkProgressSink? = nil) throws(FiscalError) -> AuthorizedIndex? {
        guard let xmlFolder else { return nil }
        let files = try FileWalker.regularFiles(under: [xmlFolder] + pending)
        return XMLIndexer.index(files: files, progress: progress)
    }

    /// Today in the machine's time zone, as the deadlines count it.
    public static func today() -> DBFDate {
        let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return DBFDate(year: c.year ?? 2000, month: c.month ?? 1, day: c.day ?? 1)
    }

    /// `DATA/resgate.toml`, matched case-insensitively.
    public static func findConfig(in data: String) -> String? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: data) else { return nil }
        return names.first { $0.lowercased() == configName }.map { (data as NSString).appendingPathComponent($0) }
    }

    /// Runs the check on tables given through `CheckData` and an index already built.
    public static func run(data: any CheckData, index: AuthorizedIndex?, xmlFolder: String? = nil,
                           config: CheckConfig?,
                           referenceDate: DBFDateTime? = nil, today: DBFDate = FiscalCheck.today()) throws(FiscalError) -> CheckReport {
        let cfg: CheckConfig
        if let config { cfg = config } else { cfg = try Discovery.discover(data) }
        var items: [CheckItem] = []

        // 1. read every sequence table
        var series: [SeriesID: DataSeries] = [:]
        var settings: [SeriesID: (counter: Int?, first: Int)] = [:]
        var storeIssuers = Set(cfg.sequences.compactMap(\.cnpjValue))
        for seq in cfg.sequences {
            let read = try SequenceDataReader.read(seq, data: data, index: index, configFile: cfg.file)
            for (id, s) in read.series {
                if series[id] == nil { series[id] = s } else { series[id]!.absorb(s) }
                settings[id] = (read.counter, seq.first ?? 1)
                if !id.issuer.isEmpty { storeIssuers.insert(id.issuer) }
            }
            if let note = rowsNote(seq, read) { items.append(note) }
        }

        // 2. rows whose issuer is unknown join the one issuer their model/series can belong to
        // (judged against the issuers known before any joining, so the order does not matter)
        let knownIssuers = storeIssuers
        for (id, s) in series.sorted(by: { $0.key < $1.key }) where id.issuer.isEmpty {
            var candidates = Set(series.keys.filter { !$0.issuer.isEmpty && $0.model == id.model && $0.series == id.series }.map(\.issuer))
            if candidates.isEmpty, let index {
                candidates = Set(index.series.keys.filter {
                    $0.model == id.model && $0.series == id.series && (knownIssuers.isEmpty || knownIssuers.contains($0.issuer))
                }.map(\.issuer))
            }
            guard candidates.count == 1, let issuer = candidates.first else { continue }
            let target = SeriesID(issuer: issuer, model: id.model, series: id.series)
            var moved = s
            moved.id = target
            if series[target] == nil { series[target] = moved } else { series[target]!.absorb(moved) }
            settings[target] = settings[target] ?? settings[id]
            series[id] = nil
            storeIssuers.insert(issuer)
        }

        // 3. which XML series are the store's
        var checked = Set(series.keys)
        var otherIssuers: [SeriesID] = []
        if let index {
            for id in index.series.keys {
                let ours = storeIssuers.isEmpty
                    ? series.keys.contains { $0.model == id.model && $0.series == id.series } || series.isEmpty
                    : storeIssuers.contains(id.issuer)
                if ours { checked.insert(id) } else { otherIssuers.append(id) }
            }
        }

        // 4. one check per series
        for id in checked.sorted() {
            let s = settings[id]
            items.append(SequenceCheck.evaluate(.init(
                id: id, data: series[id], documents: index?.series[id], counter: s?.counter ?? nil,
                first: s?.first ?? 1, xmlCompared: index != nil && !id.issuer.isEmpty, today: today, settings: cfg.verdicts)))
        }
        if let index { items.append(XMLFilesReport.item(index, folder: xmlFolder ?? "", otherIssuers: otherIssuers.sorted())) }

        // 5. the other rules
        for rule in cfg.rules {
            items.append(try RuleRunner.run(rule, data: data, referenceDate: referenceDate, configFile: cfg.file))
        }
        return CheckReport(data: data.folder, xmlFolder: xmlFolder, configFile: cfg.file,
                           discovery: cfg.discovery.map { .facts([$0]) }, checks: items)
    }

    /// A warning when rows of the notes table could not be placed in any series.
    private static func rowsNote(_ seq: SequenceConfig, _ read: SequenceData) -> CheckItem? {
        guard read.unusableRows > 0 else { return nil }
        return CheckItem(name: "fiscal-rows", status: .warning, subject: seq.table,
                         message: [.unusableRows(count: read.unusableRows, table: seq.table, records: read.unusableExamples)])
    }
}
