import ArgumentParser
import BackupSet
import CloudRemote
import Foundation
import ResgateLocale
import StoreOps

/// `resgate backups ROOT`: the sets in ROOT, newest first.
struct BackupsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backups", abstract: T("Lists the backup sets in ROOT, newest first."))
    @Argument(help: H("Folder or REMOTE:path holding backup sets.")) var root: String
    @Option(help: H("Cache folder for sets fetched from a remote.")) var cache: String?
    @Flag(help: H("Remote roots: do not read each zip's directory (tables and manifest shown as ?).")) var quick = false
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
            if !listing.sets.isEmpty { Console.out(Self.table(listing.sets, language: lang)) }
            for p in problems { Console.err(p) }
        }
        // the root holds no set: said plainly, and the exit says something is wrong (1)
        if listing.sets.isEmpty {
            if !common.json { Console.out(CLIPhrase.noBackupsFound(root: root).text(in: lang)) }
            throw ExitStatus.defects
        }
    }

    /// The sets as a table with column headers, newest first (the listing's order).
    static func table(_ sets: [BackupListing.Entry], language l: Language) -> String {
        var t = TextTable(headers: CLIPhrase.backupsHeaders.text(in: l).components(separatedBy: "|"))
        for s in sets {
            t.rows.append([s.name, s.date.map { Format.date($0, in: l) } ?? "?", s.kind, ByteText.format(s.bytes, in: l),
                           String(s.tables), (s.manifest ? CLIPhrase.yes : .no).text(in: l)])
        }
        return t.render()
    }
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
