#if canImport(Glibc)
import ResgateLocale
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import XBase

/// The ERP's data folder: its `.DBF` tables, found by name case-insensitively.
public struct DBFFolder: CheckData, Sendable {
    public let folder: String
    /// Upper-case table name → file path.
    private let files: [String: String]

    public init(path: String) throws(FiscalError) {
        var st = stat()
        guard stat(path, &st) == 0 else { throw .cannotRead(path: path, reason: String(cString: strerror(errno))) }
        guard (st.st_mode & S_IFMT) == S_IFDIR else { throw .notAFolder(path: path) }
        guard let d = opendir(path) else { throw .cannotRead(path: path, reason: String(cString: strerror(errno))) }
        defer { closedir(d) }
        var found: [String: String] = [:]
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            guard name.uppercased().hasSuffix(".DBF"), name.count > 4 else { continue }
            found[String(name.dropLast(4)).uppercased()] = path.hasSuffix("/") ? path + name : path + "/" + name
        }
        folder = path
        files = found
    }

    public var tableNames: [String] { files.keys.sorted() }

    public func path(of name: String) -> String? { files[name.uppercased()] }

    public func table(named name: String) throws(FiscalError) -> (any CheckTable)? {
        guard let p = files[name.uppercased()] else { return nil }
        do { return DBFCheckTable(table: try DBFTable.open(path: p), name: name.uppercased()) } catch {
            throw .unreadableTable(file: p, reason: Cause(error))
        }
    }
}

/// A `DBFTable` seen through `CheckTable`: streams records with XBase's chunked reader
/// and decodes only the fields asked for.
public struct DBFCheckTable: CheckTable, @unchecked Sendable {
    public let table: DBFTable
    public let name: String
    public init(table: DBFTable, name: String) { self.table = table; self.name = name }

    public var file: String { table.path }
    public var fieldNames: [String] { table.fields.map(\.name) }
    public var recordCount: Int { table.recordCount }

    public func forEachRow(fields: [Int], rawField: Int,
                           _ body: (Int, Bool, [DBFValue], UnsafeRawBufferPointer) throws -> Void) throws {
        let wanted = fields.map { table.fields[$0] }
        let raw = table.fields[rawField]
        var values = [DBFValue](repeating: .null, count: wanted.count)
        try table.forEachRecord { rec in
            for (k, f) in wanted.enumerated() { values[k] = try rec.value(f) }
            try body(rec.number, rec.isDeleted, values, rec.raw(raw))
        }
    }

    public func forEachRow(fields: [Int], _ body: (Int, Bool, [DBFValue]) throws -> Void) throws {
        let wanted = fields.map { table.fields[$0] }
        var values = [DBFValue](repeating: .null, count: wanted.count)
        try table.forEachRecord { rec in
            for (k, f) in wanted.enumerated() { values[k] = try rec.value(f) }
            try body(rec.number, rec.isDeleted, values)
        }
    }
}
