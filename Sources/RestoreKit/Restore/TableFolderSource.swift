import ResgateLocale
import BackupSet
import Foundation
import XBase

/// A folder (or a zip) of DBF tables as the restore engine's source: each `T.DBF` with
/// its `T.FPT`/`T.DBT` memo file and `T.CDX` index, e.g. a sandbox written by
/// `restore --into`, or a table a technician fixed on a notebook and brings back.
///
/// The folder is listed through `BackupSet` (so a zip's members, a lone top folder and
/// case-insensitive names are handled as for sets, and nothing is extracted up front).
/// Tables in a folder are read in place; a table in a zip is first copied (under the zip
/// limits) into a private temporary folder, removed when the source goes away.
public final class TableFolderSource: RestoreSource {
    public let listing: BackupSet
    public var kind: RestoreSourceKind { .tableFolder }
    /// The files of each table, by table name.
    let files: [TableName: Files]
    private var scratch: String?

    struct Files {
        var dbf: SetMember
        var memo: SetMember?
        var index: SetMember?
    }

    /// Lists the tables of an opened folder or zip (see `holdsTables`).
    public init(listing: BackupSet) {
        self.listing = listing
        files = Self.tables(in: listing.members)
    }

    deinit { if let scratch { try? FileManager.default.removeItem(atPath: scratch) } }

    /// True when `set` is a folder of tables rather than a backup set: it has no table in
    /// the backup layout (no `T_Estr` structure file) and at least one `.dbf` file.
    public static func holdsTables(_ set: BackupSet) -> Bool {
        set.tables.isEmpty && !tables(in: set.members).isEmpty
    }

    /// The folders of `root` that hold tables and are not among `sets` (`BackupRoot.list`
    /// lists zips of any content but only folders holding a backup set).
    public static func folders(in root: String, besides sets: [BackupSet]) -> [BackupSet] {
        let listed = Set(sets.map(\.path))
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.sorted().compactMap { n in
            let p = root + "/" + n
            var isDir: ObjCBool = false
            guard !n.hasPrefix("."), !listed.contains(p), FileManager.default.fileExists(atPath: p, isDirectory: &isDir),
                  isDir.boolValue, let s = try? BackupSet.open(p), holdsTables(s) else { return nil }
            return s
        }
    }

    static func tables(in members: [SetMember]) -> [TableName: Files] {
        var byKey: [String: SetMember] = [:]
        for m in members { byKey[m.key] = m }
        var out: [TableName: Files] = [:]
        for m in members where m.key.hasSuffix(".dbf") && !m.key.hasSuffix("_estr.dbf") {
            guard let name = TableName(fileName: m.name) else { continue }
            let stem = String(m.key.dropLast(4))
            out[name] = Files(dbf: m, memo: byKey[stem + ".fpt"] ?? byKey[stem + ".dbt"], index: byKey[stem + ".cdx"])
        }
        return out
    }

    public var displayName: String { listing.name }
    public var tableNames: [String] { files.keys.sorted().map(\.canonical) }
    /// The listing's own defects (an unreadable folder, a damaged or hostile zip). What a
    /// backup set's layout would complain about (text files without a structure…) is not
    /// a defect of a folder of tables.
    public var setDefects: [Defect] {
        let kinds: Set<Defect.Kind> = [.unreadableSet, .unsafeMemberName, .zipBomb, .corruptZip, .checksumMismatch]
        return listing.defects.filter { $0.table == nil && kinds.contains($0.kind) }
    }

    public func table(named raw: String) throws -> any RestoreTableSource {
        guard let name = TableName(raw), let f = files[name] else {
            return MissingStructureTable(name: raw.uppercased(), defects: [])
        }
        do {
            let dbf = try place(f.dbf, as: name.dbfFileName)
            if let memo = f.memo { _ = try place(memo, as: name.canonical + "." + memo.key.suffix(3).uppercased()) }
            let index = try f.index.map { try place($0, as: name.canonical + ".CDX") }
            return try DBFTableSource(name: name.canonical, path: dbf, fileName: f.dbf.name, indexPath: index)
        } catch let e as BackupSetError {
            return MissingStructureTable(name: name.canonical, defects: e.defects.map { d in
                var d = d
                d.table = name.canonical
                return d
            })
        } catch {
            return MissingStructureTable(name: name.canonical, defects: [
                Defect(.missingStructure, table: name.canonical, file: f.dbf.name,
                       .restore(.tableUnreadable(reason: Cause(error))))])
        }
    }

    /// The path to read `member` from: its own file in a folder, else a copy in the
    /// scratch folder under `name` (a fixed, validated name: nothing lands elsewhere).
    func place(_ member: SetMember, as name: String) throws -> String {
        if let p = listing.localPath(of: member) { return p }
        let dir = try scratchFolder()
        let path = dir + "/" + name
        if !FileManager.default.fileExists(atPath: path) { try listing.copy(member: member, to: path) }
        return path
    }

    /// True when `folder` is this source's own folder (same device and inode): restoring
    /// a folder onto itself would swap out the very files being read.
    public func isFolder(_ folder: String) -> Bool {
        // the tables' own folder (a lone top folder may hold them)
        guard let any = files.values.first, let p = listing.localPath(of: any.dbf) else { return false }
        var a = stat(), b = stat()
        guard stat((p as NSString).deletingLastPathComponent, &a) == 0, stat(folder, &b) == 0 else { return false }
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }

    func scratchFolder() throws -> String {
        if let scratch { return scratch }
        var template = Array((NSTemporaryDirectory() + "/resgate-tables-XXXXXX").utf8CString)
        guard let p = mkdtemp(&template) else {
            throw BackupSetError(Defect(.unreadableSet, file: listing.name, .set(.cannotCreateTemporaryFolder)))
        }
        scratch = String(cString: p)
        return scratch!
    }
}

/// Opens the source a command names and tells, by its content, what it is.
public enum RestoreSources {
    /// A backup set (zip or folder), or a folder/zip of DBF tables (`TableFolderSource`):
    /// anything with a `T_Estr` structure file is a set; else `.dbf` files make it tables.
    /// Throws `BackupSetError` when PATH cannot be listed.
    public static func open(_ path: String) throws -> any RestoreSource {
        let set = try BackupSet.open(path)
        if TableFolderSource.holdsTables(set) { return TableFolderSource(listing: set) }
        return BackupSetSource(set: set)
    }
}
