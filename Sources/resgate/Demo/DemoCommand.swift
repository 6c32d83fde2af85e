import ArgumentParser
import Foundation
import ResgateLocale
import StoreOps

/// `resgate demo [DIR] [--ui]`: builds a demo store with backups and walks through
/// scan → backups → verify → restore (dry run, sandbox, live) → diff → check → undo,
/// printing each command before its output, exactly as a technician would type it.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: T("Make a demo store with backups and walk through a whole restore."))

    @Argument(help: H("Folder for the demo store (default: a new temporary folder)."))
    var dir: String?

    @Flag(name: .long, help: H("Then serve the demo store in the restore screen."))
    var ui = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.language
        let pt = lang == .pt
        let root = dir ?? (NSTemporaryDirectory() + "resgate-demo-" + String(UInt32.random(in: 0...UInt32.max), radix: 16))
        if FileManager.default.fileExists(atPath: root + "/dados") {
            Console.err(pt ? "\(root) já tem uma loja de demonstração; escolha outra pasta" : "\(root) already holds a demo store; choose another folder")
            throw ExitStatus.badInput
        }
        let store = DemoStore(root: root)
        say(pt ? "1. Montando a loja de demonstração em \(root)" : "1. Building the demo store in \(root)")
        try store.buildWithBackups()
        say(pt ? "   Loja com uma dúzia de tabelas; backups de quarta 19h e quinta 7h; depois deles, mais 12 vendas com NFC-e autorizada; e a tabela VENDAS corrompida. Depois ainda: 3 vendas autorizadas, uma devolução, uma NFC-e em contingência no caixa, números pulados e um inutilizado."
               : "   A store with a dozen tables; backups of Wednesday 19h and Thursday 07h; after them, 12 more sales with authorized NFC-e; then VENDAS got corrupted. Later still: 3 authorized sales, a return, an offline NFC-e in a point of sale, skipped numbers and a voided one.")
        let set = store.backups + "/Quinta_07.zip"
        let l = ["--lang", lang.rawValue]
        step(pt ? "2. Verificar as tabelas" : "2. Check the tables", ["scan", store.data] + l)
        step(pt ? "3. Listar os backups" : "3. List the backups", ["backups", store.backups] + l)
        step(pt ? "4. Verificar o backup escolhido" : "4. Verify the chosen backup", ["verify", set] + l)
        step(pt ? "5. Simular a restauração" : "5. Dry run of the restore",
             ["restore", set, "--data", store.data, "--table", "VENDAS", "--dry-run"] + l)
        step(pt ? "6. Restaurar numa pasta à parte para comparar" : "6. Restore into a sandbox to compare",
             ["restore", set, "--data", store.data, "--table", "VENDAS", "--into", root + "/comparar", "--yes"] + l)
        step(pt ? "7. Comparar o backup com a tabela atual" : "7. Compare the backup with the live table",
             ["diff", set, "--data", store.data, "--table", "VENDAS", "--key", "NUMERO", "--examples", "5"] + l)
        // the ERP would wipe VENDAS and lose the day; --merge keeps every readable sale since
        step(pt ? "8. Restaurar na loja sem perder o dia: o backup + as vendas legíveis da tabela danificada"
                : "8. Restore in the store without losing the day: the backup + the damaged table's readable sales",
             ["restore", set, "--data", store.data, "--table", "VENDAS", "--merge", "--yes"] + l)
        step(pt ? "9. Conferir antes de abrir a loja" : "9. Check before the store opens",
             ["check", "--data", store.data, "--xml", store.xml] + l)
        step(pt ? "10. Simular a recriação das notas autorizadas que faltam" : "10. Dry run: re-create the authorized notes the data lacks",
             ["recreate", "--data", store.data, "--xml", store.xml, "--dry-run"] + l)
        step(pt ? "11. Recriar as notas a partir do XML" : "11. Re-create the notes from their XML",
             ["recreate", "--data", store.data, "--xml", store.xml, "--yes"] + l)
        step(pt ? "12. Redigir os pedidos de inutilização" : "12. Draft the voiding requests",
             ["inutilizar", "--data", store.data, "--xml", store.xml, "--just", "Numeracao pulada por falha no sistema do PDV",
              "--out", root + "/inutilizar"] + l)
        step(pt ? "13. Conferir de novo" : "13. Check again", ["check", "--data", store.data, "--xml", store.xml] + l)
        step(pt ? "14. As cópias de segurança (restauração e recriação)" : "14. The undo snapshots (restore and re-creation)",
             ["undo", "--data", store.data, "--list"] + l)
        if let id = recreateSnapshot(store.data) {
            step(pt ? "15. Desfazer a recriação" : "15. Undo the re-creation", ["undo", "--data", store.data, id, "--yes"] + l)
        }
        say(pt ? "\nPronto. A loja de demonstração fica em \(root)." : "\nDone. The demo store stays in \(root).")
        if ui {
            var server = try Resgate.parseAsRoot(["ui", "--data", store.data, "--backups", store.backups, "--xml", store.xml] + l)
            try server.run()
        }
    }

    func say(_ s: String) { Console.out(s) }

    /// Prints `$ resgate …` and runs the command in this process.
    func step(_ title: String, _ args: [String]) {
        Console.out("\n== \(title)\n$ resgate " + args.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " "))
        do {
            var cmd = try Resgate.parseAsRoot(args)
            try cmd.run()
            fflush(nil)
        } catch let e as ExitCode {
            fflush(nil)
            Console.out("(exit \(e.rawValue))")
        } catch {
            Console.out("(\(error))")
        }
    }

    /// The snapshot of the re-creation (step 11). Not "the newest id": ids made in the same
    /// second differ only by a random suffix, so sorting them picked the restore's at random.
    func recreateSnapshot(_ data: String) -> String? {
        StoreOperations(data: data).snapshots().snapshots.first { $0.operation == "recreate" }?.id
    }
}
