import ArgumentParser
import XBase

@main
struct Resgate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resgate",
        abstract: "Backs up, inspects, verifies and restores Visual FoxPro tables.",
        subcommands: [BackupsCommand.self, ShowCommand.self, VerifyCommand.self, BackupCommand.self]
    )
}
