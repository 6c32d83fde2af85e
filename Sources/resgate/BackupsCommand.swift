import ArgumentParser
import BackupSet
import CloudRemote
import Foundation
import StoreOps

/// `resgate backups ROOT`: the sets in ROOT, newest first.
struct BackupsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backups", abstract: "Lists the backup sets in ROOT, newest first.")
    @Argument(help: "Folder or REMOTE:path holding backup sets.") var root: String
    @Option(help: "Cache folder for sets fetched from a remote.") var cache: String?
    @Flag(help: "Remote roots: do not read each zip's directory (tables and manifest shown as ?).") var quick = false
    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.language
        if RemotePath.looksRemote(root) {
            do {
                if let remote = try RemotePath(parsing: root) { return try RemoteBackupsListing.run(remote, cache: cache, quick: quick, common: common) }
            } catch let e as CloudError {
                Console.err(e.message(in: lang)); throw ExitStatus.badInput
            }
        }
        let listing = try common.attempt { try SetOperations.list(root, language: lang) }
        let problems = listing.unreadable.map { ($0.path as NSString).lastPathComponent + ": " + $0.defects.joined(separator: "; ") }
        if common.json {
            try Console.json(listing.document)
        } else {
            for s in listing.sets {
                let date = s.date.map { String($0.prefix(16)).replacingOccurrences(of: "T", with: " ") } ?? "?"
                print("\(s.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(date)  \(s.kind.padding(toLength: 6, withPad: " ", startingAt: 0)) \(String(s.bytes).leftPad(12)) B  \(s.tables) \(lang == .pt ? "tabelas" : "tables")  manifest: \(s.manifest ? (lang == .pt ? "sim" : "yes") : (lang == .pt ? "não" : "no"))")
            }
            for p in problems { Console.err(p) }
        }
    }
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
