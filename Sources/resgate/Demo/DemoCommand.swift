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
        let root = dir ?? (NSTemporaryDirectory() + "resgate-demo-" + String(UInt32.random(in: 0...UInt32.max), radix: 16))
        if FileManager.default.fileExists(atPath: root + "/dados") {
            Console.err(DemoPhrase.alreadyThere(root: root).text(in: lang))
            throw ExitStatus.badInput
        }
        let store = DemoStore(root: root)
        say(.building(root: root))
        try store.buildWithBackups()
        say(.story)
        let set = store.backups + "/Quinta_07.zip"
        let l = ["--lang", lang.rawValue]
        let steps: [(DemoPhrase.Step, [String])] = [
            (.scan, ["scan", store.data]),
            (.backups, ["backups", store.backups]),
            (.verify, ["verify", set]),
            (.dryRun, ["restore", set, "--data", store.data, "--table", "VENDAS", "--dry-run"]),
            (.sandbox, ["restore", set, "--data", store.data, "--table", "VENDAS", "--into", root + "/comparar", "--yes"]),
            (.diff, ["diff", set, "--data", store.data, "--table", "VENDAS", "--key", "NUMERO", "--examples", "5"]),
            // the ERP would wipe VENDAS and lose the day; --merge keeps every readable sale since
            (.merge, ["restore", set, "--data", store.data, "--table", "VENDAS", "--merge", "--yes"]),
            (.check, ["check", "--data", store.data, "--xml", store.xml]),
            (.recreateDryRun, ["recreate", "--data", store.data, "--xml", store.xml, "--dry-run"]),
            (.recreate, ["recreate", "--data", store.data, "--xml", store.xml, "--yes"]),
            (.voiding, ["inutilizar", "--data", store.data, "--xml", store.xml, "--just", "Numeracao pulada por falha no sistema do PDV",
                        "--out", root + "/inutilizar"]),
            (.checkAgain, ["check", "--data", store.data, "--xml", store.xml]),
            (.snapshots, ["undo", "--data", store.data, "--list"]),
        ]
        var number = 1   // step 1 is building the store
        for (s, args) in steps {
            number += 1
            step(.step(number, s), args + l)
        }
        if let id = recreateSnapshot(store.data) {
            step(.step(number + 1, .undoRecreate), ["undo", "--data", store.data, id, "--yes"] + l)
        }
        say(.done(root: root))
        if ui {
            var server = try Resgate.parseAsRoot(["ui", "--data", store.data, "--backups", store.backups, "--xml", store.xml] + l)
            try server.run()
        }
    }

    func say(_ p: DemoPhrase) { Console.out(p.text(in: common.language)) }

    /// Prints `$ resgate …` and runs the command in this process.
    func step(_ title: DemoPhrase, _ args: [String]) {
        Console.out("\n== \(title.text(in: common.language))\n$ resgate " + args.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " "))
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
