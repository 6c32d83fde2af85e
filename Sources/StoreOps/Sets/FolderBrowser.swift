import BackupSet
import Foundation
import ResgateLocale
import RestoreKit

/// What the web screen's chooser shows of one folder of the machine: its subfolders and
/// `.zip` files (nothing else), so a technician can pick a set or a folder of tables
/// anywhere, as the ERP's own screen allows. Read-only; never more than `limit` entries.
public struct FolderListing: Encodable, Sendable {
    public struct Entry: Encodable, Sendable, Equatable {
        public var name: String
        public var path: String
        /// `folder` or `zip`.
        public var kind: String
    }
    /// The folder listed (absolute, standardized).
    public var path: String
    /// Its parent, or null at `/`.
    @Nullable public var parent: String?
    /// Folders first, then zips, each by name (case-insensitive); hidden names left out.
    public var entries: [Entry]
    /// True when the folder held more than `limit` entries (the first ones by name are kept).
    public var truncated: Bool

    public static let limit = 500

    /// Lists `folder` (absolute). Throws `OperationFailure` when it is not a readable folder.
    public static func list(_ folder: String, limit: Int = FolderListing.limit) throws(OperationFailure) -> FolderListing {
        let path = (folder as NSString).standardizingPath
        var isDir: ObjCBool = false
        guard path.hasPrefix("/"), FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue,
              let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
            throw OperationFailure(.unreadableBackupRoot(folder))
        }
        var folders: [Entry] = [], zips: [Entry] = []
        for n in names where !n.hasPrefix(".") {
            let p = path == "/" ? "/" + n : path + "/" + n
            var d: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &d) else { continue }
            if d.boolValue { folders.append(Entry(name: n, path: p, kind: "folder")) }
            else if n.lowercased().hasSuffix(".zip") { zips.append(Entry(name: n, path: p, kind: "zip")) }
        }
        let byName: (Entry, Entry) -> Bool = { $0.name.lowercased() < $1.name.lowercased() }
        let all = folders.sorted(by: byName) + zips.sorted(by: byName)
        return FolderListing(path: path, parent: path == "/" ? nil : (path as NSString).deletingLastPathComponent,
                             entries: Array(all.prefix(limit)), truncated: all.count > limit)
    }
}

extension SetOperations {
    /// One set (or folder/zip of tables) at `path`, described as `backups` lists it, with
    /// `content` saying which of the two it is. Throws when PATH cannot be opened.
    public static func describe(_ path: String, language: Language) throws(OperationFailure) -> BackupListing.Entry {
        let set: BackupSet
        do { set = try BackupSet.open(path) } catch {
            throw OperationFailure(.unreadableBackupRoot(path), details: error.defects.words)
        }
        var e = BackupListing.Entry(set)
        let tables = TableFolderSource.holdsTables(set)
        e.content = (tables ? RestoreSourceKind.tableFolder : .backupSet).rawValue
        if tables { e.tables = TableFolderSource(listing: set).tableNames.count }
        return e
    }
}
