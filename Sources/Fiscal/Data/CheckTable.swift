import XBase

/// A table as the checks read it. The DBF folder implements it for real data; tests and
/// other callers can hand rows in memory (`InMemoryTable`).
public protocol CheckTable {
    var name: String { get }
    /// The file the rows come from (for messages).
    var file: String { get }
    /// Field names as stored (compared case-insensitively).
    var fieldNames: [String] { get }
    var recordCount: Int { get }
    /// Calls `body` for every record, in file order, with its 1-based record number, its
    /// deleted flag and the values of the fields at `fields` (indexes into `fieldNames`).
    /// The `values` array is only valid inside `body`.
    func forEachRow(fields: [Int], _ body: (_ record: Int, _ deleted: Bool, _ values: [DBFValue]) throws -> Void) throws
    /// The same, plus the bytes of the field at `rawField` as stored (trailing blanks kept),
    /// not decoded: text compared byte by byte (access keys) then costs no String per row.
    func forEachRow(fields: [Int], rawField: Int,
                    _ body: (_ record: Int, _ deleted: Bool, _ values: [DBFValue], _ raw: UnsafeRawBufferPointer) throws -> Void) throws
}

extension CheckTable {
    /// For sources without stored bytes: the field's text as UTF-8.
    public func forEachRow(fields: [Int], rawField: Int,
                           _ body: (Int, Bool, [DBFValue], UnsafeRawBufferPointer) throws -> Void) throws {
        try forEachRow(fields: fields + [rawField]) { record, deleted, values in
            let bytes = Array((values.last?.text ?? "").utf8)
            try bytes.withUnsafeBytes { try body(record, deleted, Array(values.dropLast()), $0) }
        }
    }

    /// Index of the field named `name`, case-insensitively.
    public func fieldIndex(_ name: String) -> Int? {
        let u = name.uppercased()
        return fieldNames.firstIndex { $0.uppercased() == u }
    }
}

/// Where the checks find tables by name.
public protocol CheckData {
    /// The folder (for messages).
    var folder: String { get }
    /// Names of the tables present, upper-case, without extension.
    var tableNames: [String] { get }
    /// The table named `name` (case-insensitive), or nil when absent.
    func table(named name: String) throws(FiscalError) -> (any CheckTable)?
}

/// Rows held in memory.
public struct InMemoryTable: CheckTable, Sendable {
    public var name: String
    public var file: String
    public var fieldNames: [String]
    public var rows: [(deleted: Bool, values: [DBFValue])]

    public init(name: String, fieldNames: [String], rows: [[DBFValue]], deleted: Set<Int> = []) {
        self.name = name
        self.file = name + ".DBF"
        self.fieldNames = fieldNames
        self.rows = rows.enumerated().map { (deleted.contains($0.offset + 1), $0.element) }
    }

    public var recordCount: Int { rows.count }

    public func forEachRow(fields: [Int], _ body: (Int, Bool, [DBFValue]) throws -> Void) throws {
        var picked = [DBFValue](repeating: .null, count: fields.count)
        for (i, row) in rows.enumerated() {
            for (k, f) in fields.enumerated() { picked[k] = row.values[f] }
            try body(i + 1, row.deleted, picked)
        }
    }
}

/// A set of in-memory tables.
public struct InMemoryData: CheckData, Sendable {
    public var folder: String
    public var tables: [InMemoryTable]
    public init(folder: String = "(memory)", tables: [InMemoryTable]) { self.folder = folder; self.tables = tables }
    public var tableNames: [String] { tables.map { $0.name.uppercased() } }
    public func table(named name: String) throws(FiscalError) -> (any CheckTable)? {
        tables.first { $0.name.uppercased() == name.uppercased() }
    }
}
