import ArgumentParser
import Foundation
import ResgateLocale
import RestoreKit
import StoreOps
import XBase

/// `resgate diff SET --data DATA --table T [--key F[,G]]` (cli.md).
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: T("Compare a table of a backup set with the live table, record by record."))

    @Argument(help: H("The backup set."))
    var set: String

    @Option(name: .long, help: H("The ERP's data folder."))
    var data: String

    @Option(name: .long, help: H("The table to compare."))
    var table: String

    @Option(name: .long, help: H("Key fields, comma separated (default: record order)."))
    var key: String?

    @Option(name: .long, help: H("Examples listed per kind."))
    var examples = 20

    @Option(name: .long, help: H("Cache folder for sets fetched from a remote."))
    var cache: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        let source: any RestoreSource
        do { source = try SourceOpener.open(set, cache: cache, language: common.language, quiet: common.quiet || common.json) } catch {
            Console.err(String(describing: error)); throw (error as? SourceOpener.Failure)?.exit ?? ExitStatus.badInput
        }
        if !common.json && !common.quiet { Console.err(SourceOpener.foundLine(source.kind, name: source.displayName).text(in: common.language)) }
        let keys = key.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } ?? []
        let diff = try common.attempt {
            guard let name = TableName(table) else { throw OperationFailure(.invalidTableName(printableEscaped(table))) }
            return try StoreOperations(data: data).diff(source, table: name, key: keys, examples: examples)
        }
        if common.json { try Console.json(diff) } else { Console.out(text(diff, language: common.language)) }
        try ExitStatus.finish(diff.exit)
    }

    func text(_ d: TableDiff, language l: Language) -> String {
        var lines = [
            (d.key.isEmpty ? Phrase.diffByRecordOrder(table: d.table) : .diffByKey(table: d.table, key: d.key.joined(separator: ","))).text(in: l),
            Phrase.diffCounts(onlyInBackup: d.onlyInBackup, onlyInData: d.onlyInData, changed: d.changed, same: d.same).text(in: l),
        ]
        for e in d.examples {
            let k = e.key.joined(separator: ",")
            let phrase: Phrase = switch e.kind {
            case "onlyInBackup": .diffOnlyInBackup(key: k, line: e.line)
            case "onlyInData": .diffOnlyInData(key: k, record: e.record)
            default: .diffChanged(key: k, changes: e.changes.map { "\($0.field) \($0.data) → \($0.backup)" }.joined(separator: "; "))
            }
            lines.append(phrase.text(in: l))
        }
        for x in d.defects { lines.append("  ! " + x) }
        return lines.joined(separator: "\n")
    }
}
