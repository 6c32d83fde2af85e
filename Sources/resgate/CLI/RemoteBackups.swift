import ArgumentParser
import BackupSet
import CloudRemote
import Foundation
import ResgateLocale
import StoreOps

/// `resgate backups REMOTE:path`: the sets on a remote root, from its listing; a set
/// already in the cache (current version) shows its real date, tables and manifest.
enum RemoteBackupsListing {
    static func run(_ root: RemotePath, cache: String?, quick: Bool, common: CommonOptions) throws {
        let lang = common.language
        let remoteSets = RemoteSets()
        let cacheStore = SetCache(folder: cache)
        struct Row { var entry: RemoteSetEntry; var cached: BackupSet? }
        var rows: [Row] = []
        do {
            for e in try remoteSets.sets(in: root) {
                let cached = cacheStore.cachedCopy(of: e).flatMap { try? BackupSet.open($0) }
                rows.append(Row(entry: cached == nil && !quick ? try remoteSets.inspected(e) : e, cached: cached))
            }
        } catch {
            Console.err(error.message(in: lang)); throw ExitStatus.refused
        }
        if common.json {
            print(JSONOut.object([("sets", .array(rows.map { r in
                let e = r.entry
                return .object([
                    ("name", .string(e.name)), ("path", .string(e.path.description)), ("kind", .string("remote")),
                    ("layout", .string(e.kind.rawValue)),
                    ("date", JSONOut.date(r.cached?.date ?? e.modified)), ("bytes", .number(String(e.bytes))),
                    ("tables", (r.cached.map { $0.tables.count } ?? e.tables).map { .number(String($0)) } ?? .null),
                    ("manifest", (r.cached.map { $0.manifest != nil } ?? e.hasManifest).map { .bool($0) } ?? .null),
                    ("slot", e.slot.map { .string($0.name) } ?? .null),
                    ("cached", r.cached.map { .string($0.path) } ?? .null),
                    ("damaged", e.damage.map { .string($0) } ?? .null),
                ])
            }))]).render())
            return
        }
        let unknown = "?"
        var table = TextTable(headers: CLIPhrase.backupsHeaders.text(in: lang).components(separatedBy: "|"))
        for r in rows {
            let e = r.entry
            let date = JSONDocument.date(r.cached?.date ?? e.modified).map { Format.date($0, in: lang) } ?? unknown
            let tables = (r.cached.map { $0.tables.count } ?? e.tables).map(String.init) ?? unknown
            let manifest = (r.cached.map { $0.manifest != nil } ?? e.hasManifest).map { ($0 ? CLIPhrase.yes : .no).text(in: lang) } ?? unknown
            table.rows.append([e.name + (r.cached != nil ? CLIPhrase.remoteCached.text(in: lang) : ""), date,
                               CLIPhrase.remoteKind.text(in: lang), ByteText.format(Int(e.bytes), in: lang), tables, manifest])
        }
        if rows.isEmpty {
            Console.out(CLIPhrase.noBackupsFound(root: root.description).text(in: lang))
        } else {
            Console.out(table.render())
        }
        for r in rows { if let d = r.entry.damage { Console.err(CLIPhrase.damagedZip(name: r.entry.name, detail: d).text(in: lang)) } }
        if !common.quiet && rows.contains(where: { $0.entry.tables == nil && $0.cached == nil }) {
            Console.err(CLIPhrase.remoteNotRead(root: root.description).text(in: lang))
        }
        if rows.isEmpty { throw ExitStatus.defects }   // as a local root with no set
    }
}

/// `resgate backup --to REMOTE:path [--keep N]`: the set written locally (in the cache
/// folder), uploaded under a temporary name, checked, renamed; only then older sets of
/// the same naming scheme beyond N are deleted. A failed upload keeps the local set.
enum RemoteBackupUpload {
    struct Result {
        var path: RemotePath
        var pruned: [RemoteSetEntry]
    }

    /// The local folder the set is written into before it goes up.
    static func outgoingFolder(cache: String?) -> String { SetCache(folder: cache).folder + "/outgoing" }

    static func upload(_ localSet: String, to root: RemotePath, keep: Int?, common: CommonOptions) throws -> Result {
        let lang = common.language
        let progress = TransferProgress(language: lang, quiet: common.quiet || common.json, verb: .uploading)
        let name = (localSet as NSString).lastPathComponent
        progress.step(.uploadingTo(name: name, root: "\(root)"))
        let report: SetUploader.Report
        do { report = try SetUploader().upload(localSet, to: root) } catch {
            Console.err(error.message(in: lang))
            Console.err(TransferPhrase.uploadFailedBackupKept(localSet: localSet).text(in: lang))
            throw ExitStatus.refused
        }
        progress.finish(.uploadedAndChecked(path: "\(report.path)", checks: report.hashesChecked))
        var pruned: [RemoteSetEntry] = []
        if let keep {
            do { pruned = try SetPruner().prune(root, keep: keep, newest: report.path) } catch {
                // the new set is safely in place; only the clean-up failed
                Console.err(error.message(in: lang))
                Console.err(TransferPhrase.pruneFailedNewBackupSafe.text(in: lang))
                throw ExitStatus.defects
            }
        }
        try? FileManager.default.removeItem(atPath: localSet)
        return Result(path: report.path, pruned: pruned)
    }
}
