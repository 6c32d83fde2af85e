import ArgumentParser
import XBase

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
            UndoCommand.self,
            DiffCommand.self,
            ReindexCommand.self,
            CheckCommand.self,
            DemoCommand.self,
            UIServerCommand.self,
        ]
    )
}
