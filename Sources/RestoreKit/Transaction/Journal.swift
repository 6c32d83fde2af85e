import Foundation
import XBase

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
    /// True: the tables of this operation change together, so a crash in the middle of the
    /// swap rolls every one of them back. Nil (journals written before this existed) or
    /// false: each table is recovered on its own.
    public var allOrNothing: Bool?

    /// Reads a journal; one that names a file by a path (`../x`, `a/b`) rather than a plain
    /// name in DATA is refused, so no journal can make a swap or an undo reach outside DATA.
    public static func load(from path: String) throws -> Journal {
        let j = try JSONDecoder().decode(Journal.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        for t in j.tables {
            for f in t.oldFiles + t.newFiles where !isPlainFileName(f) { throw NotAPlainName(name: f, journal: path) }
        }
        return j
    }

    /// A journal names a file that is not a plain name in DATA.
    public struct NotAPlainName: Error, CustomStringConvertible {
        public let name: String
        public let journal: String
        public var description: String { "\(journal): \"\(printableEscaped(name))\" is not a file name in DATA" }
    }

    static func isPlainFileName(_ f: String) -> Bool {
        !f.isEmpty && f != "." && f != ".." && !f.contains("/") && !f.utf8.contains(0)
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

    /// Whether `text` can be an operation id: a name made of letters, digits, `-` and `_`
    /// (what `newID` makes), never a path, a dot-name or anything a terminal would act on.
    /// An id always names a folder directly below `DATA/.resgate/undo`.
    public static func isID(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 64 && text.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
        }
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
