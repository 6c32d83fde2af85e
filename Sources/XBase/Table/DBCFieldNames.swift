import ResgateLocale
import Foundation

/// The long field names a Visual FoxPro database container (DBC) gives a table's fields.
///
/// A table in a DBC keeps 10-character names in its own header (`DEPRECIATI`,
/// `DEPRECIAT2`); the long names (`depreciationdate`) live in the DBC, and index
/// expressions use them. The DBC is itself a VFP table (with a `.DCT` memo) whose records
/// are objects: a `Table` record whose OBJECTNAME is the table's name, and one `Field`
/// record per column, PARENTID = that table's OBJECTID, OBJECTNAME = the long name, in
/// field order (Microsoft, "Table Structures of Table Files (.dbc)"; the table header's
/// 263-byte backlink holds the DBC's relative path, "Table File Structure").
public struct DBCFieldNames: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// No backlink (or an empty one): a free table, names are the header's.
        case freeTable
        /// The names came from this DBC.
        case container(path: String)
        /// The table belongs to a DBC we could not use; long names stay unresolved.
        case unreadable(ContainerReason)
    }
    public var source: Source
    /// Upper-cased long name → upper-cased header name, for fields whose names differ.
    public var headerName: [String: String]

    public static let free = DBCFieldNames(source: .freeTable, headerName: [:])

    /// Reads the DBC `table`'s backlink names (never throws: a DBC we cannot use is
    /// `.unreadable`, so the tags that need a long name are refused, not guessed).
    public static func load(for table: DBFTable) -> DBCFieldNames {
        guard let link = table.header.backlink else { return .free }
        let text = String(decoding: link.prefix { $0 != 0 }, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return .free }
        func unreadable(_ r: ContainerReason) -> DBCFieldNames { DBCFieldNames(source: .unreadable(r), headerName: [:]) }
        let dir = (table.path as NSString).deletingLastPathComponent
        let relative = text.replacingOccurrences(of: "\\", with: "/")
        let wanted = ((dir.isEmpty ? "." : dir) as NSString).appendingPathComponent(relative)
        let base = stripExtension(wanted)
        let ext = String(wanted.dropFirst(base.count + 1))
        guard let path = findCaseInsensitive(base: base, ext: ext.isEmpty ? "dbc" : ext) else {
            return unreadable(.notBeside(container: text))
        }
        do {
            let names = try read(dbc: path, table: table)
            return DBCFieldNames(source: .container(path: path), headerName: names)
        } catch let e as DBCError {
            return unreadable(e.reason)
        } catch {
            return unreadable(.unreadable(error as? XBaseError ?? .io(file: path, reason: .other("\(error)"))))
        }
    }

    struct DBCError: Error { var reason: ContainerReason }

    static func read(dbc path: String, table: DBFTable) throws -> [String: String] {
        let dbc = try DBFTable.open(path: path)
        func field(_ n: String) throws -> FieldDescriptor {
            guard let f = dbc.field(named: n) else { throw DBCError(reason: .notAContainer(path: path, column: n)) }
            return f
        }
        let id = try field("OBJECTID"), parent = try field("PARENTID"), type = try field("OBJECTTYPE"), name = try field("OBJECTNAME")
        let tableName = stripExtension((table.path as NSString).lastPathComponent).uppercased()
        var tableIDs: [Int64] = []
        var fieldsByParent: [Int64: [(id: Int64, name: String)]] = [:]
        try dbc.forEachRecord { r in
            guard !r.isDeleted else { return }
            guard case .integer(let oid) = try r.value(id), case .integer(let pid) = try r.value(parent),
                  case .string(let kind) = try r.value(type), case .string(let n) = try r.value(name) else { return }
            switch kind.trimmingCharacters(in: .whitespaces).lowercased() {
            case "table" where n.trimmingCharacters(in: .whitespaces).uppercased() == tableName: tableIDs.append(oid)
            case "field": fieldsByParent[pid, default: []].append((oid, n.trimmingCharacters(in: .whitespaces)))
            default: break
            }
        }
        let shorts = table.fields.map { $0.name.uppercased() }
        func fits(_ longs: [String]) -> Bool {
            longs.count == shorts.count && zip(longs, shorts).allSatisfy { l, s in l.uppercased() == s || (l.count > 10 && isCut(s, of: l.uppercased())) }
        }
        if tableIDs.isEmpty {
            // a DBC table's name may differ from its file's: the one Table whose fields pair
            let fitting = fieldsByParent.filter { fits($0.value.sorted { $0.id < $1.id }.map(\.name)) }.map(\.key)
            if fitting.count == 1 { tableIDs = fitting }
        }
        guard tableIDs.count == 1, let tid = tableIDs.first else {
            throw DBCError(reason: tableIDs.isEmpty ? .noTableObject(path: path, table: tableName)
                                                    : .tableObjects(path: path, count: tableIDs.count, table: tableName))
        }
        let longs = (fieldsByParent[tid] ?? []).sorted { $0.id < $1.id }.map(\.name)
        guard longs.count == shorts.count else {
            throw DBCError(reason: .fieldCount(path: path, listed: longs.count, table: tableName, fields: shorts.count))
        }
        var map: [String: String] = [:]
        for (long, short) in zip(longs, shorts) {
            let l = long.uppercased()
            // VFP cuts a long name to 10 characters and, on a clash, replaces the end with
            // a digit (DEPRECIAT2): the header name must be that cut, or the pairing is off
            guard l == short || (l.count > 10 && Self.isCut(short, of: l)) else {
                throw DBCError(reason: .fieldMismatch(path: path, long: long, short: short))
            }
            if l != short { map[l] = short }
        }
        return map
    }

    /// Whether `short` is VFP's 10-character form of `long`: its first 10 characters, or a
    /// shorter prefix followed by digits.
    static func isCut(_ short: String, of long: String) -> Bool {
        if short == String(long.prefix(10)) { return true }
        let stem = short.prefix { !$0.isNumber }
        let digits = short.dropFirst(stem.count)
        return !stem.isEmpty && !digits.isEmpty && digits.allSatisfy(\.isNumber) && long.hasPrefix(stem)
    }
}
