import ArgumentParser
import Foundation
import ResgateLocale

@main
struct Resgate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resgate",
        abstract: T("Backs up, inspects, verifies and restores Visual FoxPro tables."),
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
    /// The parser's help and error words are put into the run's language (`CLILanguage`).
    static func main() {
        // a write past `ulimit -f` fails (EFBIG) and is told like a full disk, with the
        // staging removed, instead of SIGXFSZ killing the process mid-write
        _ = signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = HelpText.parserOutput(fullMessage(for: error), in: CLILanguage.current)
            if !message.isEmpty {
                if code == .success { print(message) } else { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            }
            fflush(nil)
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
