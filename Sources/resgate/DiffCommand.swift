import ArgumentParser
import Foundation
import RestoreKit

/// `resgate diff SET --data DATA --table T [--key F[,G]]` (cli.md).
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare a table of a backup set with the live table, record by record.")

    @Argument(help: "The backup set.")
    var set: String

    @Option(name: .long, help: "The ERP's data folder.")
    var data: String

    @Option(name: .long, help: "The table to compare.")
    var table: String

    @Option(name: .long, help: "Key fields, comma separated (default: record order).")
    var key: String?

    @Option(name: .long, help: "Examples listed per kind.")
    var examples = 20

    @Option(name: .long, help: "Cache folder for sets fetched from a remote.")
    var cache: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        let pt = common.language == .pt
        let source: any RestoreSource
        do { source = try SourceOpener.open(set, cache: cache, language: common.language, quiet: common.quiet || common.json) } catch {
            Console.err(String(describing: error)); throw (error as? SourceOpener.Failure)?.exit ?? ExitStatus.badInput
        }
        if !common.json && !common.quiet { Console.err(SourceOpener.foundLine(source.kind, name: source.displayName).text(in: common.language)) }
        let name = table.uppercased()
        guard source.tableNames.contains(name) else {
            Console.err(pt ? "a tabela \(name) não está no backup" : "table \(name) is not in the backup")
            throw ExitStatus.badInput
        }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: data)) ?? []
        guard let live = files.first(where: { $0.lowercased() == name.lowercased() + ".dbf" }) else {
            Console.err(pt ? "a tabela \(name) não existe em \(data)" : "table \(name) does not exist in \(data)")
            throw ExitStatus.badInput
        }
        let keys = key.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } ?? []
        let diff: TableDiff
        do {
            diff = try TableDiff.compare(source: try source.table(named: name), livePath: data + "/" + live,
                                         key: keys, exampleLimit: examples)
        } catch let e as TableDiff.DiffError {
            Console.err(e.description); throw ExitStatus.badInput
        }
        if common.json { try Console.json(diff) } else { Console.out(text(diff, pt: pt)) }
        if diff.onlyInBackup + diff.onlyInData + diff.changed > 0 || !diff.defects.isEmpty { throw ExitStatus.defects }
    }

    func text(_ d: TableDiff, pt: Bool) -> String {
        var lines = [
            "\(d.table) — " + (d.key.isEmpty ? (pt ? "por ordem dos registros" : "by record order")
                                           : (pt ? "pela chave " : "by key ") + d.key.joined(separator: ",")),
            (pt ? "  só no backup:    " : "  only in backup:  ") + "\(d.onlyInBackup)",
            (pt ? "  só nos dados:    " : "  only in data:    ") + "\(d.onlyInData)",
            (pt ? "  alterados:       " : "  changed:         ") + "\(d.changed)",
            (pt ? "  iguais:          " : "  same:            ") + "\(d.same)",
        ]
        for e in d.examples {
            let k = e.key.joined(separator: ",")
            switch e.kind {
            case "onlyInBackup": lines.append((pt ? "  + só no backup " : "  + only in backup ") + k + (e.line.map { " (linha \($0))" } ?? ""))
            case "onlyInData": lines.append((pt ? "  - só nos dados " : "  - only in data ") + k + (e.record.map { " (reg. \($0))" } ?? ""))
            default:
                lines.append((pt ? "  ~ alterado " : "  ~ changed ") + k + ": "
                             + e.changes.map { "\($0.field) \($0.data) → \($0.backup)" }.joined(separator: "; "))
            }
        }
        for x in d.defects { lines.append("  ! " + x) }
        return lines.joined(separator: "\n")
    }
}
