import ArgumentParser
import BackupSet
import CloudRemote
import Foundation

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
        let listing: BackupRoot.Listing
        do { listing = try BackupRoot.list(root) } catch {
            for d in error.defects { Console.err(d.message(in: lang)) }
            throw ExitStatus.badInput
        }
        let sets = listing.sets
        let problems = listing.unreadable.map { ($0.path as NSString).lastPathComponent + ": " + $0.defects.map { $0.message(in: lang) }.joined(separator: "; ") }
        if common.json {
            print(JSONOut.object([("sets", .array(sets.map { s in
                .object([("name", .string(s.name)), ("path", .string(s.path)), ("kind", .string(s.kind.rawValue)),
                         ("date", JSONOut.date(s.date)), ("bytes", .number(String(s.bytes))),
                         ("tables", .number(String(s.tables.count))), ("manifest", .bool(s.manifest != nil)),
                         ("slot", s.slot.map { .string($0.name) } ?? .null)])
            }))]).render())
        } else {
            let f = DateFormatter()
            f.dateFormat = "yyyy-MM-dd HH:mm"
            for s in sets {
                let date = s.date.map { f.string(from: $0) } ?? "?"
                print("\(s.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(date)  \(s.kind.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)) \(String(s.bytes).leftPad(12)) B  \(s.tables.count) \(lang == .pt ? "tabelas" : "tables")  manifest: \(s.manifest != nil ? (lang == .pt ? "sim" : "yes") : (lang == .pt ? "não" : "no"))")
            }
            for p in problems { Console.err(p) }
        }
    }
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
