import ArgumentParser
import Foundation
import ResgateLocale
import RestoreKit
import StoreOps

/// `resgate undo --data DATA [--list | ID]` (cli.md).
struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: T("List undo snapshots, or put back the tables an operation replaced."))

    @Option(name: .long, help: H("The ERP's data folder."))
    var data: String

    @Flag(name: .long, help: H("List the snapshots with the space they use."))
    var list = false

    @Flag(name: .long, help: H("Delete snapshots (all, or the ID given) to free space."))
    var prune = false

    @Flag(name: .long, help: H("Do not ask for confirmation."))
    var yes = false

    @Argument(help: H("The snapshot id printed by restore."))
    var id: String?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if !list && !prune && id == nil { throw ValidationError(T("give --list, --prune or a snapshot ID")) }
    }

    func run() throws {
        let lang = common.language
        let ops = StoreOperations(data: data)
        if list {
            let snaps = ops.snapshots()
            if common.json { try Console.json(snaps); return }
            if snaps.snapshots.isEmpty { Console.out(Phrase.noSnapshots.text(in: lang)); return }
            var t = TextTable(headers: CLIPhrase.undoHeaders.text(in: lang).components(separatedBy: "|"))
            for s in snaps.snapshots {
                t.rows.append([s.id, Format.date(s.created, in: lang), CLIPhrase.operationName(s.operation).text(in: lang) + (s.source.map { " (\($0))" } ?? ""),
                               s.tables.joined(separator: ","), ByteText.format(s.bytes, in: lang), s.undoneBy ?? "-"])
            }
            Console.out(t.render())
            let total = snaps.snapshots.reduce(0) { $0 + $1.bytes }
            Console.out(CLIPhrase.snapshotsTotal(ByteText.format(total, in: lang)).text(in: lang))
            return
        }
        if prune {
            if !yes && !Console.stdinIsTerminal {
                Console.err(CLIPhrase.pruneNeedsYes.text(in: lang))
                throw ExitStatus.badInput
            }
            if !yes && Console.stdinIsTerminal {
                guard Console.confirm(Phrase.deleteSnapshotsQuestion.text(in: lang), language: lang) else {
                    throw ExitStatus.refused
                }
            }
            let result = try ops.prune(ids: id.map { [$0] })
            if common.json { try Console.json(result) } else { Console.out(Phrase.freed(ByteText.format(result.bytes, in: lang)).text(in: lang)) }
            return
        }
        guard let id else { return }
        // cli.md: with no terminal to ask, a change without --yes is refused and nothing written
        if !yes && !Console.stdinIsTerminal {
            Console.err(CLIPhrase.undoNeedsYes.text(in: lang))
            throw ExitStatus.badInput
        }
        if !yes {
            let tables = ops.snapshots().snapshots.first { $0.id == id }?.tables ?? []
            guard Console.confirm(CLIPhrase.undoConfirm(id: id, tables: tables).text(in: lang), language: lang) else {
                Console.err(Phrase.nothingChanged.text(in: lang))
                throw ExitStatus.refused
            }
        }
        let result = try common.attempt { try ops.undo(id: id) }
        if common.json {
            try Console.json(result)
        } else {
            Console.out(Phrase.tablesPutBack(result.tables).text(in: lang))
            Console.out(Phrase.toRedo(data: data, id: result.id).text(in: lang))
        }
    }
}

enum ByteText {
    /// `603,9 KB` in Portuguese, `603.9 KB` in English.
    static func format(_ n: Int, in l: Language) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var v = Double(n), i = 0
        while v >= 1024 && i < units.count - 1 { v /= 1024; i += 1 }
        return i == 0 ? "\(n) B" : Format.decimal(v, digits: 1, in: l) + " " + units[i]
    }
}
