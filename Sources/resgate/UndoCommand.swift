import ArgumentParser
import Foundation
import RestoreKit

/// `resgate undo --data DATA [--list | ID]` (cli.md).
struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "List undo snapshots, or put back the tables an operation replaced.")

    @Option(name: .long, help: "The ERP's data folder.")
    var data: String

    @Flag(name: .long, help: "List the snapshots with the space they use.")
    var list = false

    @Flag(name: .long, help: "Delete snapshots (all, or the ID given) to free space.")
    var prune = false

    @Flag(name: .long, help: "Do not ask for confirmation.")
    var yes = false

    @Argument(help: "The snapshot id printed by restore.")
    var id: String?

    @OptionGroup var common: CommonOptions

    struct ListDocument: Encodable { var snapshots: [UndoStore.Snapshot] }
    struct UndoDocument: Encodable { var undone: String; var id: String; var tables: [String] }
    struct PruneDocument: Encodable { var pruned: [String]; var bytes: Int }

    func validate() throws {
        if !list && !prune && id == nil { throw ValidationError("give --list, --prune or a snapshot ID") }
    }

    func run() throws {
        let pt = common.language == .pt
        try Recovery.recoverAll(data: data)
        let store = UndoStore(data: data)
        if list {
            let snaps = store.list()
            if common.json { try Console.json(ListDocument(snapshots: snaps)); return }
            if snaps.isEmpty { Console.out(pt ? "Nenhuma cópia de segurança." : "No undo snapshots."); return }
            var t = TextTable(headers: pt ? ["ID", "CRIADO", "OPERAÇÃO", "TABELAS", "ESPAÇO", "DESFEITO POR"]
                                          : ["ID", "CREATED", "OPERATION", "TABLES", "SPACE", "UNDONE BY"])
            for s in snaps {
                t.rows.append([s.id, s.created, s.operation + (s.source.map { " (\($0))" } ?? ""),
                               s.tables.joined(separator: ","), ByteText.format(s.bytes), s.undoneBy ?? "-"])
            }
            Console.out(t.render())
            let total = snaps.reduce(0) { $0 + $1.bytes }
            Console.out((pt ? "Total: " : "Total: ") + ByteText.format(total) + (pt ? " (libere com --prune)" : " (free it with --prune)"))
            return
        }
        if prune {
            let ids = id.map { [$0] }
            if !yes && Console.stdinIsTerminal {
                guard Console.confirm(pt ? "Apagar as cópias de segurança?" : "Delete the undo snapshots?", language: common.language) else {
                    throw ExitStatus.refused
                }
            }
            let before = store.list().map(\.id)
            let freed = try store.prune(ids: ids)
            if common.json { try Console.json(PruneDocument(pruned: ids ?? before, bytes: freed)) }
            else { Console.out((pt ? "Liberados " : "Freed ") + ByteText.format(freed)) }
            return
        }
        guard let id else { return }
        let snap = store.list().first { $0.id == id }
        do {
            let newID = try store.undo(id: id)
            if common.json {
                try Console.json(UndoDocument(undone: id, id: newID, tables: snap?.tables ?? []))
            } else {
                Console.out((pt ? "Tabelas devolvidas: " : "Tables put back: ") + (snap?.tables.joined(separator: ", ") ?? ""))
                Console.out((pt ? "Para refazer: resgate undo --data \(data) " : "To redo: resgate undo --data \(data) ") + newID)
            }
        } catch let e as UndoStore.UndoError {
            Console.err(e.description)
            if e.isBadInput { throw ExitStatus.badInput }
            throw ExitStatus.refused
        }
    }
}

enum ByteText {
    static func format(_ n: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var v = Double(n), i = 0
        while v >= 1024 && i < units.count - 1 { v /= 1024; i += 1 }
        return i == 0 ? "\(n) B" : String(format: "%.1f %@", v, units[i])
    }
}
