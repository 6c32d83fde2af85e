import Foundation

/// The record of one operation that replaces tables in a data folder, kept at
/// `DATA/.resgate/undo/<id>/journal.json` beside the old files it moved away.
///
/// It is written (and fsynced) before the first live file moves, so a crash at any later
/// moment leaves enough on disk for `Recovery` to finish or roll back every table.
public struct Journal: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable {
        /// New files are staged and flushed; swapping may have started.
        case prepared
        /// Every table was swapped.
        case committed
        /// A crash was found and every table was made whole again (see `TableEntry.state`).
        case recovered
    }

    public struct TableEntry: Codable, Sendable, Equatable {
        public enum State: String, Codable, Sendable { case pending, swapped, rolledBack }
        public var name: String
        /// File names (in DATA) that existed before and are moved into the snapshot.
        public var oldFiles: [String]
        /// File names staged in the work folder that become the live files.
        public var newFiles: [String]
        public var state: State
        public var recordsBefore: Int?
        public var recordsAfter: Int?
        public var bytesBefore: Int
    }

    public var format = "resgate-undo/1"
    public var id: String
    public var created: String
    public var operation: String
    public var source: String?
    public var state: State
    public var tables: [TableEntry]
    /// Set on a snapshot whose tables were put back by `undo`.
    public var undoneBy: String?

    public static func load(from path: String) throws -> Journal {
        try JSONDecoder().decode(Journal.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Writes the journal atomically and durably: temp file, fsync, rename, fsync folder.
    public func save(to path: String) throws {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        let tmp = path + ".tmp"
        try enc.encode(self).write(to: URL(fileURLWithPath: tmp))
        try FileOps.fsyncFile(tmp)
        try FileOps.rename(tmp, path)
        try FileOps.fsyncDirectory((path as NSString).deletingLastPathComponent)
    }

    /// A sortable, unique id: `20261127-041503-3f2a`.
    public static func newID(now: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = .current
        f.dateFormat = "yyyyMMdd-HHmmss"
        return f.string(from: now) + "-" + String(format: "%04x", UInt16.random(in: 0...UInt16.max))
    }

    public static func isoNow(_ now: Date = Date()) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = .current
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: now)
    }
}

/// Where a data folder keeps Resgate's own files.
public struct ResgateFolders: Sendable {
    public let data: String
    public init(data: String) { self.data = data }
    public var root: String { data + "/.resgate" }
    public var undoRoot: String { root + "/undo" }
    public var workRoot: String { root + "/work" }
    public func snapshot(_ id: String) -> String { undoRoot + "/" + id }
    public func journal(_ id: String) -> String { snapshot(id) + "/journal.json" }
    public func work(_ id: String) -> String { workRoot + "/" + id }
}
