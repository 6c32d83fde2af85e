import BackupSet
import Foundation

/// A backup set seen on a remote root, from its listing only (nothing downloaded).
public struct RemoteSetEntry: Sendable, Equatable {
    /// File or folder name without `.zip`.
    public var name: String
    public var path: RemotePath
    public var kind: SetKind
    /// The zip's size, or the sum of the folder's files.
    public var bytes: Int64
    /// The remote's modification time (of the zip, or the newest file of the folder).
    public var modified: Date?
    /// Tables counted from the structure files; nil for a zip until `inspected` read its
    /// directory.
    public var tables: Int?
    /// Whether the set holds `manifest.json`; nil for a zip until inspected.
    public var hasManifest: Bool?
    /// Why the zip is unreadable (from its directory), nil when fine or not inspected.
    public var damage: String?
    public var slot: Slot? { Slot(parsing: name) }
}

/// Listing and inspecting paths on remotes through `rclone lsjson`.
public struct RemoteSets: Sendable {
    public var rclone: Rclone
    public init(rclone: Rclone = Rclone()) { self.rclone = rclone }

    /// The entries of a folder; `recursive` walks it to `depth` levels.
    public func list(_ folder: RemotePath, recursive: Bool = false, depth: Int? = nil, hashes: Bool = false,
                     filesOnly: Bool = false) throws(CloudError) -> [RemoteEntry] {
        var flags: [String] = []
        if recursive { flags.append("-R") }
        if let depth { flags += ["--max-depth", String(depth)] }
        if hashes { flags.append("--hash") }
        if filesOnly { flags.append("--files-only") }
        return try RemoteEntry.decode(rclone.output("lsjson", flags, [folder]))
    }

    /// One path's entry, or nil when it does not exist.
    public func stat(_ path: RemotePath, hashes: Bool = false) throws(CloudError) -> RemoteEntry? {
        do {
            let data = try rclone.output("lsjson", ["--stat"] + (hashes ? ["--hash"] : []), [path])
            return try RemoteEntry.decode(data).first
        } catch {
            if case .notFound = error { return nil }
            throw error
        }
    }

    /// The entry with a zip's tables and manifest read from its central directory (a
    /// ranged read of the zip's end: nothing is downloaded); folders are returned as they are.
    public func inspected(_ entry: RemoteSetEntry) throws(CloudError) -> RemoteSetEntry {
        guard entry.kind == .zip else { return entry }
        var e = entry
        switch try RemoteZipDirectory.read(entry.path, size: entry.bytes, rclone: rclone) {
        case .members(let names):
            let s = RemoteZipDirectory.summary(names)
            e.tables = s.tables; e.hasManifest = s.manifest
        case .damaged(let why):
            e.damage = why
        }
        return e
    }

    /// The sets in a remote root: every `.zip`, and every folder holding a structure file
    /// or a manifest; newest first by the remote's times (slot names repeat every week).
    /// Names starting with `.` (our temporary uploads) are left out.
    public func sets(in root: RemotePath) throws(CloudError) -> [RemoteSetEntry] {
        try Self.sets(in: root, listing: list(root, recursive: true, depth: 2))
    }

    /// The same, from a listing of `root` to depth 2 already made (paths relative to
    /// `root`): a central job lists a whole chain in one call and splits it per store.
    public static func sets(in root: RemotePath, listing entries: [RemoteEntry]) throws(CloudError) -> [RemoteSetEntry] {
        var result: [RemoteSetEntry] = []
        var folders: [String: [RemoteEntry]] = [:]
        for e in entries where !e.isDir {
            let parts = e.path.split(separator: "/")
            if parts.count == 2 { folders[String(parts[0]), default: []].append(e) }
        }
        for e in entries where !e.path.contains("/") && !e.name.hasPrefix(".") {
            if e.isDir {
                let files = folders[e.name] ?? []
                let tables = files.filter { $0.name.lowercased().hasSuffix("_estr.txt") || $0.name.lowercased().hasSuffix("_estr.dbf") }.count
                let manifest = files.contains { $0.name.lowercased() == "manifest.json" }
                guard tables > 0 || manifest else { continue }
                result.append(RemoteSetEntry(name: e.name, path: try root.appending(e.name), kind: .folder,
                                             bytes: files.reduce(0) { $0 + max(0, $1.size) },
                                             modified: files.compactMap(\.modified).max() ?? e.modified,
                                             tables: tables, hasManifest: manifest))
            } else if e.name.lowercased().hasSuffix(".zip") {
                result.append(RemoteSetEntry(name: String(e.name.dropLast(4)), path: try root.appending(e.name), kind: .zip,
                                             bytes: e.size, modified: e.modified, tables: nil, hasManifest: nil))
            }
        }
        result.sort { a, b in
            let da = a.modified ?? .distantPast, db = b.modified ?? .distantPast
            return da != db ? da > db : a.name < b.name
        }
        return result
    }
}
