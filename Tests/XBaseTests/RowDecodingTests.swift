import Foundation
import ResgateTestSupport
import Testing
@testable import XBase

/// `decodeValues(into:)` decodes a whole row in one call. It must give exactly what
/// `value(at:)` gives field by field, and stop at the first field that does not decode
/// with that field's error.
@Suite struct RowDecodingTests {
    /// A table with text (short, long, accented), numbers, a date, a logical and a memo.
    static func write(_ path: String, rows: Int) throws {
        let w = try DBFWriter(path: path, structure: TableStructure(version: 0x30, codePage: .cp1252, fields: [
            FieldDescriptor(name: "NOME", type: .character, length: 40),
            FieldDescriptor(name: "COD", type: .character, length: 6),
            FieldDescriptor(name: "VALOR", type: .numeric, length: 12, decimals: 2),
            FieldDescriptor(name: "QTD", type: .numeric, length: 5),
            FieldDescriptor(name: "EMISSAO", type: .date, length: 8),
            FieldDescriptor(name: "PAGO", type: .logical, length: 1),
            FieldDescriptor(name: "OBS", type: .memo, length: 4),
            // a short field that is mostly a small string and sometimes, accented, a heap one
            FieldDescriptor(name: "APELIDO", type: .character, length: 15),
        ]))
        for i in 0..<rows {
            let name = i % 3 == 0 ? "JOSÉ DA CONCEIÇÃO ARAÚJO \(i)" : (i % 3 == 1 ? "" : "CONSUMIDOR FINAL")
            try w.append([
                .string(name), .string("C\(i % 100)"),
                .number(DecimalNumber(mantissa: Int64(i) * 137 - 5_000, scale: 2)),
                i % 7 == 0 ? .number(nil) : .number(DecimalNumber(mantissa: Int64(i % 1000), scale: 0)),
                .date(DBFDate(year: 2024, month: 1 + i % 12, day: 1 + i % 28)),
                .logical(i % 2 == 0),
                .string(i % 4 == 0 ? "observação \(i)" : ""),
                .string(i % 5 == 4 ? String("ÇÃÕÉÍÓÚÀÂÊÔÜÑÁÉ".prefix(15 - i % 3)) : (i % 2 == 0 ? "AP\(i % 50)" : "")),
            ])
        }
        try w.finish()
    }

    @Test func rowsEqualFieldByFieldValues() throws {
        let folder = try TempFolder("row-decoding")
        let path = folder.path + "/t.dbf"
        try Self.write(path, rows: 3_000)
        let table = try DBFTable.open(path: path)
        var row: [DBFValue] = []
        var rows = 0
        try table.forEachRecord { rec in
            try rec.decodeValues(into: &row)
            #expect(row.count == table.fields.count)
            for i in table.fields.indices where row[i] != (try rec.value(at: i)) {
                Issue.record("record \(rec.number), field \(table.fields[i].name)")
            }
            rows += 1
        }
        #expect(rows == 3_000)
        // a row array of another size is resized, outside a pass too
        var other: [DBFValue] = [.null]
        try table.withRecord(at: 3) { try $0.decodeValues(into: &other) }
        #expect(other == (try table.values(at: 3).values))
        #expect(other.count == table.fields.count)
    }

    /// A bad number in the third field: the row throws that field's error, as
    /// `value(at:)` does, after replacing the fields before it.
    @Test func firstBadFieldThrowsItsError() throws {
        let folder = try TempFolder("row-decoding")
        let path = folder.path + "/bad.dbf"
        try Self.write(path, rows: 5)
        let table0 = try DBFTable.open(path: path)
        let valor = table0.fields[2]
        let at = table0.header.headerLength + 2 * table0.header.recordLength + valor.offset
        let h = try #require(FileHandle(forUpdatingAtPath: path))
        try h.seek(toOffset: UInt64(at))
        try h.write(contentsOf: Data("  12x4567.00".utf8))
        try h.close()
        let table = try DBFTable.open(path: path)
        var row: [DBFValue] = []
        var thrown: [Int: XBaseError] = [:]
        try table.forEachRecord { rec in
            do { try rec.decodeValues(into: &row) } catch let error as XBaseError {
                thrown[rec.number] = error
                #expect(row[0] == (try rec.value(at: 0)))
                #expect(row[1] == (try rec.value(at: 1)))
            }
        }
        #expect(thrown.keys.sorted() == [3])
        let expected = try table.withRecord(at: 2) { rec -> XBaseError? in
            do { _ = try rec.value(at: 2); return nil } catch let error as XBaseError { return error }
        }
        #expect(thrown[3] != nil && thrown[3] == expected)
        if case let .invalidValue(_, record, field, _)? = thrown[3] {
            #expect(record == 3 && field == "VALOR")
        } else { Issue.record("not an invalid value: \(String(describing: thrown[3]))") }
    }

    /// Equal values, a NaN (some B fields hold one) matching the same NaN bit pattern.
    static func alike(_ a: [DBFValue], _ b: [DBFValue]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            if case let .double(p) = x, case let .double(q) = y { return p.bitPattern == q.bitPattern }
            return x == y
        }
    }

    /// The real-world fixtures: same values, same first error.
    @Test func fixturesDecodeAlikeByRowAndByField() throws {
        var compared = 0
        let tables = ReaderFixtureTests.forEachOpenTable { f, table in
            var row: [DBFValue] = []
            try? table.forEachRecord { rec in
                var first: (Int, XBaseError)?
                var singles: [DBFValue] = []
                for i in table.fields.indices {
                    do { singles.append(try rec.value(at: i)) } catch let error as XBaseError { first = (i, error); break }
                }
                do {
                    try rec.decodeValues(into: &row)
                    #expect(first == nil, "\(f) record \(rec.number)")
                    #expect(Self.alike(row, singles), "\(f) record \(rec.number)")
                } catch let error as XBaseError {
                    #expect(first?.1 == error, "\(f) record \(rec.number)")
                    #expect(Self.alike(Array(row.prefix(singles.count)), singles), "\(f) record \(rec.number)")
                }
                compared += 1
            }
        }
        guard tables > 0 else { return }  // ../shared is beside every checkout and CI clone
        #expect(compared > 1_000)
    }
}
