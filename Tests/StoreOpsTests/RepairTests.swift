#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ResgateTestSupport
import RestoreKit
import StoreOps
import Testing
import XBase

/// `repair`: every damage class built byte by byte, repaired, read back by an outside
/// reader (dbfread), every intact record unchanged, the index proven, undo byte for byte.
@Suite struct RepairTests {
    enum Damage: String, CaseIterable, Sendable, CustomStringConvertible {
        case countTooLow, countTooHigh, tornRecord, missingEOF, memoNextFree, memoOutside
        case badDate, badNumber, badLogical, badDeleteFlag
        var description: String { rawValue }
    }

    /// What the repair must find, and the records it must leave (from the clean ones).
    struct Expectation {
        var kinds: [RepairFindings.Finding.Kind]
        var records: [[UInt8]]
        var dbfChanges = true
    }

    static func damage(_ t: DamagedTable, _ d: Damage) throws -> Expectation {
        var records = t.clean
        func blank(_ i: Int, _ name: String, _ byte: UInt8 = 0x20) {
            let f = t.field(name)
            for k in f.offset..<(f.offset + f.length) { records[i][k] = byte }
        }
        switch d {
        case .countTooLow:
            try t.setHeaderCount(t.rows - 3)
            return Expectation(kinds: [.headerCount], records: records)
        case .countTooHigh:
            try t.setHeaderCount(t.rows + 5)
            return Expectation(kinds: [.headerCount], records: records)
        case .tornRecord:
            try t.appendTorn(11)
            return Expectation(kinds: [.tornRecord], records: records)
        case .missingEOF:
            try t.removeEOF()
            return Expectation(kinds: [.missingEOF], records: records)
        case .memoNextFree:
            try t.setMemoNextFree(1)
            return Expectation(kinds: [.memoNextFree], records: records, dbfChanges: false)
        case .memoOutside:
            try t.setField(3, "OBS", [0xFF, 0xFF, 0xFF, 0x0F])
            blank(3, "OBS", 0)
            return Expectation(kinds: [.memoPointer], records: records)
        case .badDate:
            try t.setField(7, "EMISSAO", Array("20AB1399".utf8))
            blank(7, "EMISSAO")
            return Expectation(kinds: [.fieldBytes], records: records)
        case .badNumber:
            try t.setField(8, "VALOR", Array("   12x4.00".utf8))
            blank(8, "VALOR")
            return Expectation(kinds: [.fieldBytes], records: records)
        case .badLogical:
            try t.setField(9, "PAGO", [UInt8(ascii: "Z")])
            blank(9, "PAGO")
            return Expectation(kinds: [.fieldBytes], records: records)
        case .badDeleteFlag:
            try t.setDeleteFlag(12, 0x41)
            records.remove(at: 12)
            return Expectation(kinds: [.deleteFlag], records: records)
        }
    }

    @Test(arguments: Damage.allCases)
    func eachDamageIsRepairedReadableAndUndoable(_ d: Damage) throws {
        let t = try DamagedTable()
        let expect = try Self.damage(t, d)
        let damaged = try t.files()
        let ops = StoreOperations(data: t.data)

        let dry = try ops.repair(table: TableName("vendas")!, dryRun: true)
        #expect(try t.files() == damaged, "a dry run writes nothing")
        #expect(dry.status == .wouldRepair)
        #expect(dry.findings.map(\.kind) == expect.kinds)
        #expect(dry.id == nil)

        let r = try ops.repair(table: TableName("VENDAS")!, dryRun: false)
        #expect(r.status == .repaired)
        #expect(r.exit == .defects)
        #expect(r.findings.map(\.kind) == expect.kinds)
        let id = try #require(r.id)
        #expect(try DamagedTable.records(of: t.dbf) == expect.records, "every intact record unchanged")
        let repaired = try DBFTable.open(path: t.dbf)
        #expect(repaired.header.recordCount == repaired.recordsBySize)
        #expect(repaired.tornTailBytes == 0)
        let size = FileManager.default.fileSize(t.dbf)
        #expect(size == repaired.header.headerLength + expect.records.count * repaired.header.recordLength + 1)
        #expect(IndexVerifier.verify(table: repaired, indexPath: t.cdx).isEmpty, "the CDX matches the repaired records")
        #expect(r.index == (expect.dbfChanges ? "VENDAS.CDX" : nil))
        #expect(r.memo == (d == .memoNextFree ? "VENDAS.FPT" : nil))
        if d == .memoNextFree {
            let memo = try #require(repaired.memo)
            #expect(memo.nextFreeBlock * memo.blockSize >= memo.size)
        }
        if Oracle.available {
            let rows = try Oracle.dbfreadRows(t.dbf)
            let codes = expect.records.map { Int(String(decoding: $0[1..<9], as: UTF8.self).trimmingCharacters(in: .whitespaces))! }
            #expect(rows.compactMap { $0["CODIGO"] as? Int } == codes)
            #expect(rows.count == expect.records.count)
        }
        // nothing left to fix
        #expect(try ops.repair(table: TableName("VENDAS")!, dryRun: true).status == .ok)

        _ = try ops.undo(id: id)
        #expect(try t.files() == damaged, "undo puts the damaged files back byte for byte")
    }

    @Test func reportListsRecordFieldAndOriginalBytes() throws {
        let t = try DamagedTable()
        _ = try Self.damage(t, .badDate)
        try t.setDeleteFlag(20, 0x00)
        try t.appendTorn(5)
        let r = try StoreOperations(data: t.data).repair(table: TableName("VENDAS")!, dryRun: false)
        let date = try #require(r.findings.first { $0.kind == .fieldBytes })
        #expect(date.record == 8)
        #expect(date.field == "EMISSAO")
        #expect(date.action == .blanked)
        #expect(date.bytes == "3230414231333939")
        let q = try #require(r.findings.first { $0.kind == .deleteFlag })
        #expect(q.record == 21)
        #expect(q.action == .quarantined)
        #expect(q.bytes?.count == t.recordLength * 2)
        #expect(q.bytes?.hasPrefix("00") == true)
        let torn = try #require(r.findings.first { $0.kind == .tornRecord })
        #expect(torn.bytes == t.clean[0].prefix(5).map { String(format: "%02x", $0) }.joined())
        #expect(r.quarantined == 1 && r.blanked == 1)
        #expect(r.recordsAfter == t.rows - 1)
        let json = String(decoding: try JSONDocument.encode(r), as: UTF8.self)
        for key in ["\"table\"", "\"dryRun\"", "\"id\"", "\"status\"", "\"findings\"", "\"recordsAfter\"", "\"index\""] {
            #expect(json.contains(key), "\(key)")
        }
        // words in Portuguese first
        let pt = r.phrases.map { $0.text(in: .pt) }.joined(separator: "\n")
        #expect(pt.contains("registro 8 EMISSAO: data inválida"))
        #expect(pt.contains("registro 21: marca de exclusão inválida"))
    }

    @Test func cleanTableHasNothingToFixAndIsNotTouched() throws {
        let t = try DamagedTable()
        let before = try t.files()
        let r = try StoreOperations(data: t.data).repair(table: TableName("VENDAS")!, dryRun: false)
        #expect(r.status == .ok)
        #expect(r.exit == .ok)
        #expect(r.id == nil)
        #expect(r.findings.isEmpty)
        #expect(try t.files() == before)
        #expect(StoreOperations(data: t.data).snapshots().snapshots.isEmpty)
    }

    @Test(arguments: ["VENDAS.DBF", "VENDAS.FPT", "VENDAS.CDX"])
    func lockedTableIsRefusedAndNothingWritten(_ file: String) throws {
        let t = try DamagedTable()
        _ = try Self.damage(t, .countTooLow)
        let before = try t.files()
        let fd = open(t.data + "/" + file, O_RDONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        #expect(performing: { try StoreOperations(data: t.data).repair(table: TableName("VENDAS")!, dryRun: false) },
                throws: { ($0 as? OperationFailure)?.exit == .refused })
        #expect(try t.files() == before)
    }

    @Test func unreadableHeaderIsRefusedAndPointsToSalvage() throws {
        let t = try DamagedTable()
        try Data([0x30, 1, 2]).write(to: URL(fileURLWithPath: t.dbf))
        do {
            _ = try StoreOperations(data: t.data).repair(table: TableName("VENDAS")!, dryRun: false)
            Issue.record("an unreadable header must be refused")
        } catch {
            #expect(error.exit == .refused)
            #expect(error.text(in: .pt).contains("resgate salvage"))
        }
    }

    @Test func missingMemoFileIsRefusedRatherThanEmptyingEveryMemo() throws {
        let t = try DamagedTable()
        try FileManager.default.removeItem(atPath: t.fpt)
        let before = try t.files()
        #expect(performing: { try StoreOperations(data: t.data).repair(table: TableName("VENDAS")!, dryRun: false) },
                throws: { ($0 as? OperationFailure)?.exit == .refused })
        #expect(try t.files() == before)
    }
}

extension FileManager {
    func fileSize(_ path: String) -> Int { (try? attributesOfItem(atPath: path)[.size] as? Int) ?? -1 }
}
