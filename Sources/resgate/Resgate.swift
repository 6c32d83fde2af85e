import ArgumentParser
import Foundation
import ResgateLocale
#if canImport(SystemMalloc)
import SystemMalloc
#endif

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
        #if canImport(SystemMalloc)
        // glibc raises its mmap threshold each time a large block is freed, after which
        // big buffers (grown arrays, index chunks) come from the heap and their pages stay
        // in RSS when freed. A fixed threshold returns them to the system: on `check` of
        // 200,000 XML files the peak RSS is ~6 MB lower (issue 18's 64 MiB rule).
        _ = mallopt(M_MMAP_THRESHOLD, 128 * 1024)
        #endif
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
