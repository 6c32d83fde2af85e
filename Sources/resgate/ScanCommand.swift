import ArgumentParser
import Foundation
import ResgateLocale
import RestoreKit
import StoreOps

/// `resgate scan DATA` (cli.md): every table's date, counts, size, companions and health.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: T("Check every table of a data folder: last change, records, health."))

    @Argument(help: H("The ERP's data folder."))
    var data: String

    @Flag(name: .long, help: H("Skip checking CDX indexes against the records (faster)."))
    var noIndex = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.language
        let showProgress = common.showsProgress
        let result = try common.attempt {
            try StoreOperations(data: data).scan(language: lang, checkIndexes: !noIndex) { done, total in
                if showProgress && (done % 10 == 0 || done == total) {
                    Console.progress(Phrase.checkingTables(done: done, total: total).text(in: lang), final: done == total)
                }
            }
        }
        if common.json { try Console.json(result) } else { Console.out(render(result.tables, in: lang)) }
        try ExitStatus.finish(result.exit)
    }

    func render(_ tables: [TableSummary], in l: Language) -> String {
        var t = TextTable(headers: CLIPhrase.scanHeaders.text(in: l).components(separatedBy: "|"))
        for x in tables {
            let health = x.isDamaged ? CLIPhrase.scanDamaged(indexOnly: x.indexOnly == true).text(in: l) : "ok"
            t.rows.append([x.name, x.lastUpdate.map { Format.date($0, in: l) } ?? "-", String(x.records), String(x.deleted),
                           ByteText.format(x.bytes, in: l), x.memo ?? "-", x.index ?? "-", health])
        }
        var out = t.render()
        let damaged = tables.filter(\.isDamaged)
        for x in tables where !x.defects.isEmpty {
            out += "\n\n\(x.name):"
            for d in x.defects.prefix(10) {
                var place: [String] = []
                if let r = d.record { place.append(CLIPhrase.record(r).text(in: l)) }
                if let f = d.field { place.append(CLIPhrase.field(f).text(in: l)) }
                out += "\n  [\(CLIPhrase.severity(d.severity).text(in: l))] " + (place.isEmpty ? "" : place.joined(separator: ", ") + ": ") + d.message(in: l)
            }
            if x.defects.count > 10 { out += "\n  " + CLIPhrase.moreDefects(x.defects.count - 10).text(in: l) }
        }
        out += "\n\n" + CLIPhrase.tablesSummary(tables: tables.count, damaged: damaged.count).text(in: l)
        let indexOnly = damaged.filter { $0.indexOnly == true }.map(\.name)
        if !indexOnly.isEmpty {
            out += "\n" + CLIPhrase.scanOnlyIndexDamaged(tables: indexOnly, data: data).text(in: l)
        }
        return out
    }
}
