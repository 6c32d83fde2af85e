import ArgumentParser
import Foundation
import ResgateLocale
import RestoreKit
import XBase

/// `resgate salvage DATA --table T [--into DIR]` (cli.md): every intact record of a damaged
/// table copied into a new DBF (+FPT); the rest listed with number, reason and bytes.
/// Read-only on DATA (the default output is a sandbox under DATA's `.resgate/`).
struct SalvageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "salvage",
        abstract: T("Reads a damaged table as far as it can be read into a new DBF(+FPT); lists what could not be read."))

    @Argument(help: H("The ERP's data folder."))
    var data: String

    @Option(name: .long, help: H("The table (name without extension)."))
    var table: String

    @Option(name: .long, help: H("Folder for the salvaged table (default: a new folder under DATA/.resgate/salvage)."))
    var into: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.language
        guard let name = TableName(table) else {
            Console.err(SalvagePhrase.badName(printableEscaped(table)).text(in: lang))
            throw ExitStatus.badInput
        }
        let out = into ?? TableSalvager.defaultOutput(data: data, table: name)
        let report: TableSalvager.Report
        do { report = try TableSalvager.salvage(data: data, table: name, into: out) } catch {
            Console.err(Self.failure(error).text(in: lang))
            if case .cannotWrite = error { throw ExitStatus.refused }
            if case .unreadableHeader = error { throw ExitStatus.refused }
            throw ExitStatus.badInput
        }
        if common.json { try Console.json(report) } else { Console.out(Self.summary(report).map { $0.text(in: lang) }.joined(separator: "\n  ")) }
        let f = report.findings
        if f.quarantinedCount > 0 || f.memosLostCount > 0 || f.tornTailBytes > 0 || f.headerRecords != f.recordsInFile {
            throw ExitStatus.defects
        }
    }
}

extension SalvageCommand {
    /// A record set aside, as salvage and merge's summary list it.
    static func quarantined(_ q: SalvageFindings.Quarantined, table: String) -> SalvagePhrase {
        .quarantined(table: table, record: q.record, field: q.field, q.reason)
    }

    static func failure(_ e: TableSalvager.Failure) -> SalvagePhrase {
        switch e {
        case let .noTable(t, folder): .noTable(table: "\(t)", folder: folder)
        case let .unreadableHeader(file, reason): .unreadableHeader(file: file, reason: .xbase(reason))
        case let .cannotWrite(file, reason): .cannotWrite(file: file, reason: reason)
        }
    }

    /// The text summary: the first line, then one indented line per finding.
    static func summary(_ r: TableSalvager.Report) -> [SalvagePhrase] {
        let f = r.findings
        let t = r.table.canonical
        var out: [SalvagePhrase] = [.salvaged(table: t, records: f.recordsRead, output: r.output)]
        if f.headerRecords != f.recordsInFile { out.append(.headerCountDiffers(header: f.headerRecords, inFile: f.recordsInFile)) }
        if f.tornTailBytes > 0 { out.append(.tornTail(bytes: f.tornTailBytes)) }
        out.append(.lostCounts(unreadable: f.quarantinedCount, memos: f.memosLostCount))
        out += f.quarantined.map { quarantined($0, table: t) }
        out += f.memosLost.map { .memoLost(table: t, record: $0.record, field: $0.field, $0.reason) }
        return out
    }
}
