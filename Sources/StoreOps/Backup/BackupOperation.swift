import BackupSet
import Foundation
import ResgateLocale
import XBase

/// What `backup` is asked to write.
public struct BackupRequest: Sendable {
    /// Folder the set is written into (for a remote, the local outgoing folder).
    public var root: String
    /// Default: the current `<Weekday>_<HH>`.
    public var name: String?
    /// Empty: every table of DATA.
    public var tables: [String] = []
    public var asFolder = false

    public init(root: String, name: String? = nil, tables: [String] = [], asFolder: Bool = false) {
        self.root = root; self.name = name; self.tables = tables; self.asFolder = asFolder
    }
}

/// `backup --json` (docs/cli-json.md).
public struct BackupResult: Encodable, Sendable {
    public struct Table: Encodable, Sendable { public var name: String; public var records: Int }
    /// Where the set is (after an upload, its remote path).
    public var path: String
    /// Older sets removed by `--keep` on a remote.
    public var pruned: [String] = []
    public var tables: [Table]
    /// Why each table left out was left out, in the chosen language.
    public var skipped: [String]

    public var exit: ExitKind { skipped.isEmpty ? .ok : .defects }
}

extension StoreOperations {
    /// Writes a set of DATA in the canonical variant. `progress(table, done, total)` as
    /// records are written.
    public func backup(_ r: BackupRequest, language: Language,
                       progress: ((String, Int, Int) -> Void)? = nil) throws(OperationFailure) -> BackupResult {
        try requireFolder()
        try? FileManager.default.createDirectory(atPath: r.root, withIntermediateDirectories: true)
        var w = BackupWriter(dataFolder: data, root: r.root)
        w.name = r.name; w.tables = r.tables; w.asFolder = r.asFolder
        do {
            let report = try w.write(progress: progress)
            return BackupResult(path: report.path,
                                tables: report.tables.map { BackupResult.Table(name: $0.name, records: $0.records) },
                                skipped: report.skipped.map { $0.message(in: language) })
        } catch let e as BackupWriter.NoRoom {
            throw OperationFailure(.backupOutOfSpace(file: e.file, folder: e.root, room: e.cause.cause), exit: .refused)
        } catch let e as BackupSetError {
            throw OperationFailure(.backupFailed, exit: .refused, details: e.defects.words)
        } catch {
            throw OperationFailure(.backupFailed, exit: .refused, details: Words(Cause(error).text))
        }
    }
}
