import Foundation
import Testing
@testable import XBase

@Suite struct WriterTests {
    static func vfp(_ fields: [FieldDescriptor], cp: CodePage = .cp1252, version: UInt8 = 0x30) -> TableStructure {
        TableStructure(version: version, codePage: cp, fields: fields)
    }

    /// Appends `values` as record 2 (after one good record) and returns the error.
    func failure(_ s: TableStructure, _ good: [DBFValue], _ bad: [DBFValue]) throws -> XBaseError? {
        let dir = try TempDir()
        let path = dir.url.appendingPathComponent("t.dbf").path
        let w = try DBFWriter(path: path, structure: s)
        try w.append(good)
        var caught: XBaseError?
        do { try w.append(bad) } catch { caught = error }
        // a refused record leaves nothing behind: the next one is record 2
        try w.append(good)
        try w.finish()
        let t = try DBFTable.open(path: path)
        #expect(t.recordCount == 2)
        return caught
    }

    func expectCannotEncode(_ e: XBaseError?, field: String, containing text: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        guard let e, case let .cannotEncode(_, record, f, _) = e else {
            Issue.record("expected cannotEncode, got \(String(describing: e))", sourceLocation: sourceLocation); return
        }
        #expect(record == 2, sourceLocation: sourceLocation)
        #expect(f == field, sourceLocation: sourceLocation)
        #expect(e.description.contains(text), "\(e)", sourceLocation: sourceLocation)
    }

    @Test func valuesThatDoNotFitAreTypedErrors() throws {
        let s = Self.vfp([FieldDescriptor(name: "C", type: .character, length: 5),
                          FieldDescriptor(name: "N", type: .numeric, length: 6, decimals: 2),
                          FieldDescriptor(name: "I", type: .integer, length: 4),
                          FieldDescriptor(name: "Y", type: .currency, length: 8),
                          FieldDescriptor(name: "D", type: .date, length: 8)], cp: .cp850)
        let good: [DBFValue] = [.string("ok"), .number(DecimalNumber(1)), .integer(1), .currency(DecimalNumber(1)), .date(nil)]
        func with(_ i: Int, _ v: DBFValue) -> [DBFValue] { var g = good; g[i] = v; return g }
        expectCannotEncode(try failure(s, good, with(0, .string("too long"))), field: "C", containing: "does not fit")
        expectCannotEncode(try failure(s, good, with(0, .string("€uro"))), field: "C", containing: "no byte in cp850")
        expectCannotEncode(try failure(s, good, with(1, .number(DecimalNumber(text: "1234.5")))), field: "N", containing: "needs 7 characters")
        expectCannotEncode(try failure(s, good, with(1, .number(DecimalNumber(text: "1.234")))), field: "N", containing: "decimals")
        expectCannotEncode(try failure(s, good, with(2, .integer(1 << 40))), field: "I", containing: "32-bit")
        expectCannotEncode(try failure(s, good, with(3, .currency(DecimalNumber(text: "0.00001")!))), field: "Y", containing: "4 decimals")
        expectCannotEncode(try failure(s, good, with(4, .date(DBFDate(year: 2023, month: 2, day: 29)))), field: "D", containing: "not a calendar date")
        expectCannotEncode(try failure(s, good, with(0, .null)), field: "C", containing: "not nullable")
        expectCannotEncode(try failure(s, good, with(2, .string("7"))), field: "I", containing: "cannot go in")
        expectCannotEncode(try failure(s, good, Array(good.prefix(3))), field: "*", containing: "3 values for 5 fields")
    }

    @Test func structureIsLaidOutAsVisualFoxPro() throws {
        let dir = try TempDir()
        let path = dir.url.appendingPathComponent("LAYOUT.DBF").path
        let s = Self.vfp([FieldDescriptor(name: "ID", type: .integer, length: 4, flags: [.autoIncrement]),
                          FieldDescriptor(name: "NOME", type: .varchar, length: 10, flags: [.nullable]),
                          FieldDescriptor(name: "OBS", type: .memo, length: 4)], version: 0x32)
        let w = try DBFWriter(path: path, structure: s)
        #expect(w.memoPath?.hasSuffix("LAYOUT.FPT") == true)
        try w.append([.integer(5), .string("ab"), .string("memo")])
        try w.append([.integer(3), .null, .string("")], deleted: true)
        try w.finishAndSync(date: DBFDate(year: 2026, month: 11, day: 27))
        let b = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(b[0] == 0x32)
        #expect(Array(b[1...3]) == [26, 11, 27])
        #expect(Array(b[4...7]) == [2, 0, 0, 0])
        let headerLength = 32 + 32 * 4 + 1 + 263
        #expect(Int(b[8]) | Int(b[9]) << 8 == headerLength)
        #expect(Int(b[10]) | Int(b[11]) << 8 == 1 + 4 + 10 + 4 + 1)
        #expect(b[28] == 0x02 && b[29] == 0x03)
        // descriptors: ID flags 0x0C (autoincrement + binary), next 6 (past the 5 written)
        #expect(b[32 + 18] == 0x0C && Array(b[(32 + 19)...(32 + 23)]) == [6, 0, 0, 0, 1])
        #expect(b[64 + 18] == 0x02)
        // _NullFlags: type '0', 1 byte, flags 0x05, bits: NOME length bit 0, null bit 1
        #expect(String(decoding: b[128..<138], as: UTF8.self) == "_NullFlags" && b[128 + 11] == 0x30 && b[128 + 18] == 0x05)
        #expect(b[160] == 0x0D)
        #expect(b.count == headerLength + 2 * 20 + 1 && b.last == 0x1A)
        let r1 = headerLength, r2 = headerLength + 20
        #expect(b[r1] == 0x20 && b[r2] == 0x2A)
        #expect(b[r1 + 19] == 0b01 && b[r1 + 5 + 9] == 2)          // "ab": length bit, length byte
        #expect(b[r2 + 19] == 0b10)                                  // NULL: null bit only
        let fpt = Array(try Data(contentsOf: URL(fileURLWithPath: w.memoPath!)))
        #expect(Array(fpt[0...3]) == [0, 0, 0, 9] && Array(fpt[6...7]) == [0, 64] && fpt.count == 9 * 64)
        #expect(Array(fpt[512..<520]) == [0, 0, 0, 1, 0, 0, 0, 4])
        #expect(TableHealth.check(path: path).findings.isEmpty)
    }

    @Test(arguments: [1, 32, 64, 512])
    func memoBlockSizes(_ size: Int) throws {
        let dir = try TempDir()
        let path = dir.url.appendingPathComponent("m.dbf").path
        let s = TableStructure(version: 0x30, codePage: .cp1252,
                               fields: [FieldDescriptor(name: "M", type: .memo, length: 4)], memoBlockSize: size)
        let w = try DBFWriter(path: path, structure: s)
        let memos = ["", "a", String(repeating: "x", count: 100), String(repeating: "ç", count: 600)]
        for m in memos { try w.append([.string(m)]) }
        try w.finish()
        let t = try DBFTable.open(path: path)
        #expect(t.memo?.blockSize == size)
        for (i, m) in memos.enumerated() { #expect(try t.values(at: i).values == [.string(m)]) }
        #expect(TableHealth.check(path: path).findings.isEmpty)
    }

    @Test func autoIncrementCounterMovesForwardOnly() throws {
        let dir = try TempDir()
        let path = dir.url.appendingPathComponent("a.dbf").path
        var id = FieldDescriptor(name: "ID", type: .integer, length: 4, flags: [.autoIncrement])
        id.autoIncrementNext = 100
        id.autoIncrementStep = 5
        let w = try DBFWriter(path: path, structure: Self.vfp([id], version: 0x31))
        try w.append([.integer(7)])
        #expect(w.autoIncrementNext(field: "ID") == 100)      // 7 + 5 < 100: stays
        try w.append([.integer(120)])
        #expect(w.autoIncrementMaximum["ID"] == 120)
        #expect(w.autoIncrementNext(field: "ID") == 125)
        w.advanceAutoIncrement(field: "ID", to: 50)          // backwards: ignored
        w.advanceAutoIncrement(field: "ID", to: 200)
        #expect(w.autoIncrementNext(field: "ID") == 200)
        try w.finish()
        #expect(try DBFTable.open(path: path).header.fields[0].autoIncrementNext == 200)
    }

    @Test func rawAppendRefusesWrongLengthAndUnresolvedMemo() throws {
        let dir = try TempDir()
        let path = dir.url.appendingPathComponent("r.dbf").path
        let s = Self.vfp([FieldDescriptor(name: "M", type: .memo, length: 4)])
        let w = try DBFWriter(path: path, structure: s)
        let short: [UInt8] = [0x20, 0, 0]
        let withPointer: [UInt8] = [0x20, 9, 0, 0, 0]
        for raw in [short, withPointer] {
            var failed = false
            do { try Self.appendRaw(w, raw) } catch { failed = true }
            #expect(failed)
        }
        #expect(w.recordCount == 0)
    }

    static func appendRaw(_ w: DBFWriter, _ raw: [UInt8]) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: raw.count, alignment: 8)
        defer { buffer.deallocate() }
        buffer.copyBytes(from: raw)
        try w.append(raw: UnsafeRawBufferPointer(buffer))
    }

    @Test func refusesWhatFoxProCannotHold() {
        let dir = try? TempDir()
        let path = (dir?.url.appendingPathComponent("x.dbf").path) ?? "/tmp/x.dbf"
        let bad: [TableStructure] = [
            TableStructure(version: 0x03, codePage: .cp1252, fields: [FieldDescriptor(name: "I", type: .integer, length: 4)]),
            Self.vfp([FieldDescriptor(name: "NAME_TOO_LONG", type: .character, length: 4)]),
            Self.vfp([FieldDescriptor(name: "A", type: .character, length: 4), FieldDescriptor(name: "a", type: .character, length: 4)]),
            Self.vfp([FieldDescriptor(name: "N", type: .numeric, length: 30)]),
            TableStructure(version: 0x8C, codePage: .cp1252, fields: [FieldDescriptor(name: "C", type: .character, length: 4)]),
            TableStructure(version: 0x03, codePage: .cp1252, fields: [FieldDescriptor(name: "M", type: .memo, length: 10)]),
        ]
        for s in bad { #expect(throws: XBaseError.self) { _ = try DBFWriter(path: path, structure: s) } }
    }
}
