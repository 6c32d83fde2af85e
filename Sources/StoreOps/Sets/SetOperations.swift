import BackupSet
import Foundation
import ResgateLocale
import RestoreKit
import XBase

/// The read-only operations on backup sets: list a root, verify a set, describe a set.
public enum SetOperations {
    /// `backups ROOT` (local): the sets, newest first, and the entries that are not sets.
    /// With `tableFolders`, folders and zips of plain DBF tables (a corrected table brought
    /// back, docs/restore-tables.md) are listed beside the sets, with `content: "tables"`.
    public static func list(_ root: String, language: Language, tableFolders: Bool = false) throws(OperationFailure) -> BackupListing {
        let listing: BackupRoot.Listing
        do { listing = try BackupRoot.list(root) } catch {
            throw OperationFailure(.unreadableBackupRoot(root), details: error.defects.words)
        }
        let entries = tableFolders ? listing.sets + TableFolderSource.folders(in: root, besides: listing.sets) : listing.sets
        return BackupListing(
            sets: entries.map { s in
                var e = BackupListing.Entry(s)
                if tableFolders {
                    let tables = TableFolderSource.holdsTables(s)
                    e.content = (tables ? RestoreSourceKind.tableFolder : .backupSet).rawValue
                    if tables { e.tables = TableFolderSource(listing: s).tableNames.count }
                }
                return e
            },
            unreadable: listing.unreadable.map { u in
                BackupListing.Unreadable(path: u.path, defects: u.defects.map { $0.message(in: language) })
            })
    }

    /// `verify SET`: reads everything, lists every defect.
    /// With `defectsFile`, every defect is also streamed to that file (the result keeps
    /// the first 1,000 per table and exact counts of the rest).
    /// `progress` gets each table's lines read so far (see `SetVerifier.verify`).
    public static func verify(_ path: String, language: Language, defectsFile: String? = nil,
                              progress: WorkProgressSink? = nil) throws(OperationFailure) -> VerifyResult {
        guard FileManager.default.fileExists(atPath: path) else { throw OperationFailure(.setMissing(path)) }
        var options = ReadOptions()
        var file: DefectFile?
        if let defectsFile {
            do { file = try DefectFile(path: defectsFile, language: language) } catch {
                throw OperationFailure(.cannotCreate(defectsFile))
            }
            options.defectSink = file
        }
        let report = SetVerifier.verify(path, options: options, progress: progress)
        file?.finish()
        let result = VerifyResult(report, language: language)
        // never "ok" with nothing read: a folder of DBF tables (or anything else) holds no
        // backup member to verify
        if result.tables.isEmpty && result.defects.isEmpty { throw OperationFailure(.nothingToVerify(path)) }
        return result
    }

    /// `show SET`: each table's records, structure, files and fields, without memos.
    public static func overview(_ set: BackupSet, language: Language) -> SetOverview {
        var tables: [SetOverview.Table] = []
        var defects = set.defects
        for t in set.tables {
            var o = ReadOptions(); o.memo = false
            var records = 0
            var variants: [(file: String, variant: DataVariant)] = []
            if t.structure != nil, let r = try? set.forEachRecord(table: t.name, options: o, { _ in }) {
                records = r.records; variants = r.variants; defects += r.defects
            }
            tables.append(SetOverview.Table(
                name: t.name, records: records, memo: t.members.memoArchive?.name,
                structure: t.structure?.variant.rawValue,
                files: variants.map { .init(name: $0.file, variant: $0.variant.description, words: $0.variant.words) },
                fields: (t.structure?.fields ?? []).map(FieldJSON.init)))
        }
        return SetOverview(name: set.name, kind: set.kind.rawValue, date: JSONDocument.date(set.date),
                           manifest: set.manifest != nil, tables: tables,
                           defects: defects.map { $0.message(in: language) })
    }
}

extension Array where Element == Defect {
    /// Every defect's message, one a line, in both languages.
    public var words: Words {
        Words { l in map { $0.message(in: l) }.joined(separator: "\n") }
    }
}

/// `backups ROOT --json` (docs/cli-json.md).
public struct BackupListing: Sendable {
    public struct Entry: Encodable, Sendable {
        public var name, path, kind: String
        @Nullable public var date: String?
        public var bytes, tables: Int
        public var manifest: Bool
        @Nullable public var slot: String?
        /// The set's file or folder name, by which the web screen names it (web only).
        public var id: String?
        /// `set` or `tables` (a folder or zip of DBF tables; web only).
        public var content: String?

        init(_ s: BackupSet) {
            name = s.name; path = s.path; kind = s.kind.rawValue; date = JSONDocument.date(s.date)
            bytes = s.bytes; tables = s.tables.count; manifest = s.manifest != nil; slot = s.slot?.name
        }
    }
    public struct Unreadable: Encodable, Sendable { public var path: String; public var defects: [String] }

    public var sets: [Entry]
    /// Entries of the root that are not readable sets (the CLI prints them on stderr).
    public var unreadable: [Unreadable]

    /// The command line's document: `{"sets": […]}`.
    public var document: some Encodable { ["sets": sets] }
}

/// `verify SET --json` (docs/cli-json.md).
public struct VerifyResult: Encodable, Sendable {
    public struct Table: Encodable, Sendable { public var name: String; public var records: Int }
    public struct Defect: Encodable, Sendable {
        @Nullable public var table: String?
        @Nullable public var file: String?
        @Nullable public var line: Int?
        @Nullable public var field: String?
        public var kind: String
        /// What is wrong, without the place (the place is in `file`, `line`, `field`).
        public var message: String
        /// The message with its place first, for a line of text.
        public var located: String

        enum CodingKeys: String, CodingKey { case table, file, line, field, kind, message }
    }
    /// The set's id on the web screen (web only).
    public var set: String?
    public var ok: Bool
    public var tables: [Table]
    public var defects: [Defect]
    /// Every defect found, listed or not.
    public var defectCount: Int
    /// Defects counted but not listed (past the first 1,000 per table).
    public var omittedDefects: Int
    /// Every defect found, by kind.
    public var defectCounts: [String: Int]

    init(_ r: SetVerifier.Report, language: Language) {
        ok = r.ok
        defectCount = r.defectTotal
        omittedDefects = r.omittedDefects
        defectCounts = Dictionary(uniqueKeysWithValues: r.defectCounts.map { ($0.key.rawValue, $0.value) })
        tables = r.tables.map { Table(name: $0.name, records: $0.records) }
        defects = r.defects.map { d in
            Defect(table: d.table, file: d.file, line: d.line, field: d.field, kind: d.kind.rawValue,
                   message: d.words.text(in: language), located: d.message(in: language))
        }
    }

    public var exit: ExitKind { ok ? .ok : .defects }
}

/// `show SET --json` (docs/cli-json.md).
public struct SetOverview: Encodable, Sendable {
    public struct File: Encodable, Sendable {
        public var name, variant: String
        /// `variant` for a person, in both languages (not in the JSON).
        public var words: Words
        enum CodingKeys: String, CodingKey { case name, variant }
    }
    public struct Table: Encodable, Sendable {
        public var name: String
        public var records: Int
        @Nullable public var memo: String?
        @Nullable public var structure: String?
        public var files: [File]
        public var fields: [FieldJSON]
    }
    public var name, kind: String
    @Nullable public var date: String?
    public var manifest: Bool
    public var tables: [Table]
    public var defects: [String]
}

/// A field as the documents list it: `{"name", "type", "length", "decimals"}`.
public struct FieldJSON: Encodable, Sendable {
    public var name, type: String
    public var length, decimals: Int
    public init(_ f: FieldDescriptor) { name = f.name; type = f.type.letter; length = f.length; decimals = f.decimals }
}
