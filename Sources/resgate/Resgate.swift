import ArgumentParser
import Foundation

@main
struct Resgate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resgate",
        abstract: "Backs up, inspects, verifies and restores Visual FoxPro tables.",
        subcommands: [
            ScanCommand.self,
            ShowCommand.self,
            BackupsCommand.self,
            VerifyCommand.self,
            BackupCommand.self,
            RestoreCommand.self,
            SalvageCommand.self,
            RepairCommand.self,
            UndoCommand.self,
            DiffCommand.self,
            ReindexCommand.self,
            CheckCommand.self,
            RecreateCommand.self,
            InutilizarCommand.self,
            DemoCommand.self,
            UIServerCommand.self,
            StatusCommand.self,
        ]
    )

    /// cli.md: a command line that cannot be understood exits 2 (ArgumentParser's own
    /// default is 64); help and the commands' own exit statuses pass through unchanged.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
