import Foundation
import ResgateTestSupport
import Testing
@testable import XBase

/// `forEachRow` decodes chunks on other threads and hands the rows over in file order.
/// Whatever the number of decoders, the rows must be those of a plain pass with
/// `decodeValues(into:)`: same order, values, failures; a throwing body stops the pass;
/// a file that shrinks under the pass ends it.
@Suite struct RowPassTests {
    /// 20,000 records of 8 fields: 4,096 records a chunk (32 k values), so five chunks.
    static func table(_ folder: TempFolder, rows: Int = 20_000) throws -> String {
        let path = folder.path + "/rows.dbf"
        try RowDecodingTests.write(path, rows: rows)
        return path
    }

    /// What a plain pass gives: per record, its flag, values and failing field.
    static func plain(_ table: DBFTable) throws -> [(UInt8, [DBFValue], Int?)] {
        var out: [(UInt8, [DBFValue], Int?)] = []
        try table.forEachRecord { rec in
            var row: [DBFValue] = []
            var failed: Int?
            for i in table.fields.indices {
                do { row.append(try rec.value(at: i)) } catch { failed = i; break }
            }
            out.append((rec.deleteFlag, row, failed))
        }
        return out
    }

    @Test(arguments: [1, 2, 3])
    func rowsComeInOrderWithThePlainValues(decoders: Int) throws {
        let folder = try TempFolder("row-pass")
        let table = try DBFTable.open(path: try Self.table(folder))
        #expect(RowChunkPlan(table: table).chunkCount >= 4)
        let expected = try Self.plain(table)
        var seen = 0
        try table.forEachRow(decoders: decoders) { row in
            #expect(row.index == seen)
            let (flag, values, failed) = expected[seen]
            #expect(row.deleteFlag == flag)
            #expect(Array(row.values) == values, "record \(row.number)")
            #expect(row.failure?.field == failed)
            seen += 1
        }
        #expect(seen == expected.count)
    }

    /// Bad values in records of several chunks: each is handed over with its field and
    /// error, and only the fields before it.
    @Test func failuresArriveWithTheirRecords() throws {
        let folder = try TempFolder("row-pass")
        let path = try Self.table(folder)
        let before = try DBFTable.open(path: path)
        let valor = before.fields[2]
        let bad = [0, 4_999, 5_000, 12_345, 19_999]
        let h = try #require(FileHandle(forUpdatingAtPath: path))
        for r in bad {
            try h.seek(toOffset: UInt64(before.header.headerLength + r * before.header.recordLength + valor.offset))
            try h.write(contentsOf: Data("  12x4567.00".utf8))
        }
        try h.close()
        let table = try DBFTable.open(path: path)
        for decoders in [1, 2] {
            var failed: [Int] = []
            try table.forEachRow(decoders: decoders) { row in
                guard let f = row.failure else { return }
                failed.append(row.index)
                #expect(f.field == 2)
                #expect(row.values.count == 2)
                if case let .invalidValue(_, record, field, _) = f.error {
                    #expect(record == row.number && field == "VALOR")
                } else { Issue.record("\(f.error)") }
            }
            #expect(failed == bad)
        }
    }

    /// A body that throws stops the pass at once: the error comes back, no row after it
    /// is seen, and the decoders have left (the next pass runs normally).
    @Test func aThrowingBodyStopsThePass() throws {
        struct Enough: Error {}
        let folder = try TempFolder("row-pass")
        let table = try DBFTable.open(path: try Self.table(folder))
        for stopAt in [0, 4_700, 9_999, 19_999] {
            var seen = 0
            #expect(throws: Enough.self) {
                try table.forEachRow(decoders: 2) { row in
                    #expect(row.index == seen)
                    if row.index == stopAt { throw Enough() }
                    seen += 1
                }
            }
            #expect(seen == stopAt)
        }
        var all = 0
        try table.forEachRow(decoders: 2) { _ in all += 1 }
        #expect(all == 20_000)
    }

    /// The file loses records after the table was opened: the pass hands over the whole
    /// records that are left and ends, as `forEachRecord` does.
    @Test func aShrunkFileEndsThePass() throws {
        let folder = try TempFolder("row-pass")
        let path = try Self.table(folder)
        let table = try DBFTable.open(path: path)
        let keep = 7_777
        let h = try #require(FileHandle(forUpdatingAtPath: path))
        try h.truncate(atOffset: UInt64(table.header.headerLength + keep * table.header.recordLength + table.header.recordLength / 2))
        try h.close()
        var plain = 0
        try table.forEachRecord { _ in plain += 1 }
        #expect(plain == keep)
        for decoders in [1, 2, 3] {
            var seen = 0
            try table.forEachRow(decoders: decoders) { row in
                #expect(row.index == seen)
                seen += 1
            }
            #expect(seen == keep)
        }
    }

    /// The system refuses a decoder thread (the second, or every one): the pass reads the
    /// table by itself, every record in order, and the decoder that did start has left.
    @Test(arguments: [0, 1])
    func aRefusedThreadFallsBackToOneThread(accepted: Int) throws {
        let folder = try TempFolder("row-pass")
        let table = try DBFTable.open(path: try Self.table(folder))
        let expected = try Self.plain(table)
        let started = Counter()
        var seen = 0
        try table.forEachRow(decoders: 2, startingThreadsWith: { run in
            guard started.next() < accepted else { return false }
            return DecoderThread.start(run)
        }) { row in
            #expect(row.index == seen)
            #expect(Array(row.values) == expected[seen].1)
            seen += 1
        }
        #expect(seen == expected.count)
        #expect(started.value == accepted + 1)
    }

    final class Counter: @unchecked Sendable {
        private(set) var value = 0
        func next() -> Int { value += 1; return value - 1 }
    }

    /// An empty table and a table of one record.
    @Test func tinyTables() throws {
        let folder = try TempFolder("row-pass")
        for rows in [0, 1] {
            let table = try DBFTable.open(path: try Self.table(folder, rows: rows))
            var seen = 0
            try table.forEachRow(decoders: 2) { _ in seen += 1 }
            #expect(seen == rows)
        }
    }

    /// The real-world fixtures: two decoders give what one gives.
    @Test func fixturesAlikeWithTwoDecoders() throws {
        var compared = 0
        let tables = try ReaderFixtureTests.forEachOpenTable { f, table in
            var one: [(Int, [DBFValue], Int?)] = []
            try table.forEachRow(decoders: 1) { one.append(($0.index, Array($0.values), $0.failure?.field)) }
            var k = 0
            try table.forEachRow(decoders: 2) { row in
                guard k < one.count else { Issue.record("\(f): extra row"); return }
                #expect(row.index == one[k].0)
                #expect(RowDecodingTests.alike(Array(row.values), one[k].1), "\(f) record \(row.number)")
                #expect(row.failure?.field == one[k].2)
                k += 1
            }
            #expect(k == one.count, "\(f)")
            compared += k
        }
        guard tables > 0 else { return }  // ../shared is beside every checkout and CI clone
        #expect(compared > 1_000)
    }
}
