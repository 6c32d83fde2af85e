import Foundation
import ResgateTestSupport
import Testing
@testable import XBase

/// Tables written by `DBFWriter` read back identically through Python's `dbfread` and
/// `dbf` (libraries that share no code with us) and through our own reader.
@Suite(.serialized) struct WriterOracleTests {
    static func dec(_ s: String) -> DBFValue { .number(DecimalNumber(text: s)!) }
    static func cur(_ s: String) -> DBFValue { .currency(DecimalNumber(text: s)!) }
    static func day(_ y: Int, _ m: Int, _ d: Int) -> DBFDate { DBFDate(year: y, month: m, day: d) }

    struct Case {
        var name: String
        var structure: TableStructure
        var rows: [(deleted: Bool, values: [DBFValue])]
        /// Readers expected to refuse the table, with the reason documented in docs/xbase.md.
        var unsupported: [Oracle.Reader: String] = [:]
        /// Fields a reader cannot decode, with the reason (documented in docs/xbase.md).
        var unreadable: [Oracle.Reader: (fields: Set<String>, reason: String)] = [:]
    }

    static func field(_ n: String, _ t: FieldType, _ l: Int, _ d: Int = 0, _ flags: FieldFlags = []) -> FieldDescriptor {
        FieldDescriptor(name: n, type: t, length: l, decimals: d, flags: flags)
    }

    /// Every VFP type both Python readers know, nullable columns, NULLs, autoincrement,
    /// cp1252 accents, memo text and binary, a deleted row.
    static let vfpAllTypes = Case(
        name: "vfp_all.dbf",
        structure: TableStructure(version: 0x31, codePage: .cp1252, fields: [
            field("ID", .integer, 4, 0, [.autoIncrement]),
            field("NOME", .character, 24),
            field("QTD", .numeric, 10, 2),
            field("TAXA", .float, 12, 4),
            field("VENDA", .date, 8),
            field("ATIVO", .logical, 1),
            field("OBS", .memo, 4),
            field("FOTO", .general, 4),
            field("CONTA", .integer, 4, 0, [.nullable]),
            field("PRECO", .double, 8, 2),
            field("CAIXA", .currency, 8, 4),
            field("QUANDO", .dateTime, 8),
            field("APELIDO", .character, 10, 0, [.nullable]),
            field("DESCONTO", .numeric, 8, 2, [.nullable]),
            field("ENTREGA", .date, 8, 0, [.nullable]),
        ], memoBlockSize: 64),
        rows: [
            (false, [.integer(1), .string("Ação São Paulo ÇÃÉ€"), dec("1234.5"), dec("-3.1416"),
                     .date(day(2024, 2, 29)), .logical(true), .string("Observação\r\nlinha 2 ç"),
                     .bytes([0, 1, 2, 0xFF, 0x1A]), .integer(-7), .double(1234.5678),
                     cur("922337203685.4775"), .dateTime(DBFDateTime(date: day(2022, 4, 10), milliseconds: 45_296_789)),
                     .string("Zé"), dec("0.5"), .date(day(1999, 12, 31))]),
            (false, [.integer(2), .string(""), .number(nil), .number(nil), .date(nil), .logical(nil),
                     .string(""), .bytes([]), .null, .double(-0.1), cur("-1.0001"), .dateTime(nil),
                     .null, .null, .null]),
            (true, [.integer(3), .string("apagado"), dec("-99999.99"), dec("0"), .date(day(1900, 1, 1)),
                    .logical(false), .string("x"), .bytes([]), .integer(2_147_483_647), .double(0),
                    cur("0"), .dateTime(DBFDateTime(date: day(2000, 1, 1), milliseconds: 0)),
                    .string("abc"), dec("-1"), .date(nil)]),
            (false, [.integer(10), .string("Último"), dec("7"), dec("12345.6789"), .date(day(2026, 11, 27)),
                     .logical(false), .string(String(repeating: "memo longo ", count: 40)), .bytes(Array(0...255).map(UInt8.init)),
                     .integer(-2_147_483_648), .double(1e300), cur("-922337203685.4775"),
                     .dateTime(DBFDateTime(date: day(1970, 1, 1), milliseconds: 86_399_999)),
                     .string("ÿ"), dec("99999.99"), .date(day(2000, 2, 29))]),
        ],
        unreadable: [.dbf: (["FOTO"], "dbf 0.99.11 decodes a G memo as text unless the field has the binary flag, which VFP leaves clear on G fields")])

    /// DOS code page 850 text (what FoxPro 2 stores used) in a VFP table.
    static let cp850 = Case(
        name: "cp850.dbf",
        structure: TableStructure(version: 0x30, codePage: .cp850, fields: [
            field("NOME", .character, 30), field("OBS", .memo, 4), field("VALOR", .numeric, 12, 3),
        ]),
        rows: [
            (false, [.string("Conceição Íris ñ ü ß"), .string("Memo com acentuação: ãõç ÁÉÍÓÚ"), dec("-12.345")]),
            (false, [.string("São João"), .string(""), dec("0.001")]),
        ])

    /// VFP 9 Varchar, Varbinary and Blob (dbf 0.99.11 refuses 0x32 tables).
    static let vfpVar = Case(
        name: "vfp_var.dbf",
        structure: TableStructure(version: 0x32, codePage: .cp1252, fields: [
            field("CODIGO", .character, 6),
            field("TEXTO", .varchar, 20),
            field("TEXTON", .varchar, 10, 0, [.nullable]),
            field("BIN", .varbinary, 8),
            field("BLOB", .blob, 4),
        ]),
        rows: [
            (false, [.string("A1"), .string("curto ç"), .string("nulável"), .bytes([1, 2, 0, 3]), .bytes([9, 8, 7, 0, 0x1A])]),
            (false, [.string("A2"), .string("exatamente vinte car"), .null, .bytes([1, 2, 3, 4, 5, 6, 7, 8]), .bytes([])]),
            (false, [.string("A3"), .string(""), .string(""), .bytes([]), .bytes(Array(repeating: 0x41, count: 300))]),
        ],
        unsupported: [.dbf: "dbf 0.99.11 refuses version 0x32 tables and V/Q/W fields"])

    /// FoxPro 2.x with FPT memo (10-digit ASCII memo pointers).
    static let foxPro2 = Case(
        name: "fox2.dbf",
        structure: TableStructure(version: 0xF5, codePage: .cp850, fields: [
            field("NOME", .character, 20), field("VALOR", .numeric, 9, 2), field("DATA", .date, 8),
            field("OK", .logical, 1), field("NOTAS", .memo, 10),
        ], memoBlockSize: 512),
        rows: [
            (false, [.string("Açúcar"), dec("10.5"), .date(day(1995, 7, 26)), .logical(true), .string("nota\r\ncom ç")]),
            (true, [.string("velho"), dec("-0.01"), .date(nil), .logical(nil), .string("")]),
            (false, [.string("Café"), .number(nil), .date(day(2004, 2, 28)), .logical(false), .string("outra")]),
        ])

    /// dBASE III+ with a DBT memo.
    static let dBase3 = Case(
        name: "dbase3.dbf",
        structure: TableStructure(version: 0x83, codePage: .cp1252, fields: [
            field("NAME", .character, 300), field("N", .numeric, 19, 0), field("DESC", .memo, 10),
        ]),
        rows: [
            (false, [.string("long C field over 255 bytes " + String(repeating: "x", count: 200)), dec("1234567890123456789"),
                     .string(String(repeating: "dBASE III memo spanning blocks. ", count: 40))]),
            (false, [.string("b"), dec("-5"), .string("")]),
        ],
        unsupported: [.dbf: "dbf 0.99.11 ignores the high length byte of C fields over 255 (Clipper/FoxPro layout) and rejects the record length"])

    /// dBASE III+ with DBT memo, fields every reader knows (so `dbf` reads it too).
    static let dBase3Plain = Case(
        name: "dbase3_plain.dbf",
        structure: TableStructure(version: 0x83, codePage: .cp1252, fields: [
            field("NOME", .character, 30), field("VALOR", .numeric, 12, 2), field("DATA", .date, 8),
            field("ATIVO", .logical, 1), field("OBS", .memo, 10),
        ]),
        rows: [
            (false, [.string("Ação"), dec("-1234.5"), .date(day(2003, 12, 18)), .logical(true),
                     .string(String(repeating: "memo dBASE III ", count: 50))]),
            (true, [.string("apagado"), .number(nil), .date(nil), .logical(nil), .string("")]),
            (false, [.string("fim"), dec("0"), .date(day(1999, 1, 1)), .logical(false), .string("curto")]),
        ])

    /// dBASE IV with a DBT memo (FF FF 08 00 block headers).
    static let dBase4 = Case(
        name: "dbase4.dbf",
        structure: TableStructure(version: 0x8B, codePage: .cp1252, fields: [
            field("CHARACTER", .character, 20), field("FLOAT", .float, 20, 18), field("MEMO", .memo, 10),
        ]),
        rows: [
            (false, [.string("one"), dec("1.123456789012345678"), .string("a dBASE IV memo")]),
            (false, [.string("two"), dec("0.25"), .string("")]),
        ],
        unsupported: [.dbf: "dbf 0.99.11 opens 0x8B tables only through Db4Table, which its Table() factory does not pick"])

    static let all = [vfpAllTypes, cp850, vfpVar, foxPro2, dBase3, dBase3Plain, dBase4]

    static func write(_ c: Case, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent(c.name).path
        let w = try DBFWriter(path: path, structure: c.structure)
        for r in c.rows { try w.append(r.values, deleted: r.deleted) }
        try w.finishAndSync()
        return path
    }

    @Test(arguments: all.map(\.name))
    func ownReaderReadsBackExactly(name: String) throws {
        let c = Self.all.first { $0.name == name }!
        let dir = try TempDir()
        let path = try Self.write(c, in: dir.url)
        let t = try DBFTable.open(path: path)
        #expect(t.recordCount == c.rows.count)
        #expect(t.codePage == c.structure.codePage)
        #expect(t.openNotes.isEmpty, "\(t.openNotes)")
        for (i, row) in c.rows.enumerated() {
            let (deleted, values) = try t.values(at: i)
            #expect(deleted == row.deleted)
            for (j, v) in values.enumerated() {
                #expect(v == row.values[j], "record \(i + 1) field \(t.fields[j].name)")
            }
        }
    }

    @Test(arguments: all.map(\.name))
    func pythonReadersReadBackTheSame(name: String) throws {
        try #require(Oracle.available, "python3 with dbfread and dbf is required")
        let c = Self.all.first { $0.name == name }!
        let dir = try TempDir()
        let path = try Self.write(c, in: dir.url)
        let fields = c.structure.fields
        for reader in [Oracle.Reader.dbfread, .dbf] {
            let out = try Oracle.read(reader, path, encoding: c.structure.codePage.name)
            if let reason = c.unsupported[reader] {
                // the refusal is the reader's limit, not ours: record it, and make sure the
                // reason still holds (a future reader version that accepts it must be compared)
                #expect(out.error != nil, "\(reader) now reads \(name); compare it instead of: \(reason)")
                continue
            }
            #expect(out.error == nil, "\(reader): \(out.error ?? "")")
            let records = try #require(out.records)
            // dbfread skips deleted records; dbf returns them flagged
            let expected = reader == .dbfread ? c.rows.filter { !$0.deleted } : c.rows
            #expect(records.count == expected.count, "\(reader) \(name)")
            for (i, (rec, row)) in zip(records, expected).enumerated() {
                if reader == .dbf { #expect(rec.deleted == row.deleted) }
                #expect(rec.values.count == fields.count)
                for (j, v) in row.values.enumerated() where j < rec.values.count {
                    if let skip = c.unreadable[reader], skip.fields.contains(fields[j].name) {
                        // still check the limit is real, so a fixed reader gets compared
                        if rec.values[j]?.err == nil {
                            #expect(Oracle.matches(v, rec.values[j], codePage: c.structure.codePage))
                        }
                        continue
                    }
                    #expect(Oracle.matches(v, rec.values[j], codePage: c.structure.codePage),
                            "\(reader) \(name) row \(i + 1) \(fields[j].name): wrote \(v), read \(rec.values[j]?.description ?? "None")")
                }
            }
        }
    }

    /// Perl's XBase (a third implementation, with its own FPT/DBT memo readers) reads the
    /// same C N F D L and text M values. It knows no `_NullFlags`, so nullable fields are
    /// left out; it reads I unsigned, T as epoch seconds and Y by the field's decimals, so
    /// those are compared by the Python readers only.
    @Test(arguments: all.map(\.name))
    func perlXBaseReadsBackTheSame(name: String) throws {
        try #require(Oracle.perlAvailable, "perl with XBase (libdbd-xbase-perl) is required")
        let c = Self.all.first { $0.name == name }!
        let dir = try TempDir()
        let path = try Self.write(c, in: dir.url)
        let out = try Oracle.readPerl(path, encoding: c.structure.codePage.name)
        #expect(out.error == nil, "\(out.error ?? "")")
        let records = try #require(out.records)
        #expect(records.count == c.rows.count)
        let comparable: Set<FieldType> = [.character, .numeric, .float, .date, .logical, .memo]
        var compared = 0
        for (i, (rec, row)) in zip(records, c.rows).enumerated() {
            #expect(rec.deleted == row.deleted)
            for (j, f) in c.structure.fields.enumerated()
            where comparable.contains(f.type) && !f.isNullable && j < rec.values.count {
                if f.type == .character && f.length > 255 { continue } // read, but compared by dbfread
                compared += 1
                #expect(Oracle.matches(row.values[j], rec.values[j], codePage: c.structure.codePage),
                        "perl \(name) row \(i + 1) \(f.name): wrote \(row.values[j]), read \(rec.values[j]?.description ?? "undef")")
            }
        }
        #expect(compared > 0)
    }
}

/// A temporary directory removed when the value goes away.
final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("resgate-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    /// Set RESGATE_KEEP_TEMP=1 to keep the files for a look after a failure.
    deinit {
        if ProcessInfo.processInfo.environment["RESGATE_KEEP_TEMP"] == nil { try? FileManager.default.removeItem(at: url) }
    }
}
