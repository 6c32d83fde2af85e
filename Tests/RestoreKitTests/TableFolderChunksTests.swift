import Foundation
import ResgateTestSupport
import Testing
@testable import XBase
@testable import RestoreKit

/// A folder table big enough to be read by several decoding threads (`forEachRow`): every
/// record comes back in order, the deleted one is not carried, and the bad one is left
/// out with its line and field.
@Suite struct TableFolderChunksTests {
    @Test func aTableOfManyChunksComesBackWholeAndInOrder() throws {
        let folder = try TempFolder("folder-chunks")
        let src = folder.path + "/corrigidas"
        try FileManager.default.createDirectory(atPath: src, withIntermediateDirectories: true)
        let path = src + "/CLIENTES.DBF"
        let rows = 20_000
        let deleted = 8_191, bad = 17_000   // 0-based
        let w = try DBFWriter(path: path, structure: TableStructure(version: 0x30, codePage: .cp1252, fields: [
            FieldDescriptor(name: "CODIGO", type: .numeric, length: 6),
            FieldDescriptor(name: "NOME", type: .character, length: 40),
            FieldDescriptor(name: "NASC", type: .date, length: 8),
            FieldDescriptor(name: "OBS", type: .memo, length: 4),
        ]))
        func name(_ i: Int) -> String { i % 2 == 0 ? "JOSÉ DA CONCEIÇÃO \(i)" : "PADARIA \(i % 17)" }
        for i in 0..<rows {
            try w.append([.number(DecimalNumber(mantissa: Int64(i + 1), scale: 0)), .string(name(i)),
                          .date(DBFDate(year: 1980, month: 1 + i % 12, day: 1 + i % 28)),
                          .string(i % 5 == 0 ? "obs \(i)" : "")], deleted: i == deleted)
        }
        try w.finish()
        let t = try DBFTable.open(path: path)
        #expect(RowChunkPlan(table: t).chunkCount >= 3)
        let nasc = try #require(t.field(named: "NASC"))
        let h = try #require(FileHandle(forUpdatingAtPath: path))
        try h.seek(toOffset: UInt64(t.header.headerLength + bad * t.header.recordLength + nasc.offset))
        h.write(Data("20AB1399".utf8))
        try h.close()

        let out = folder.path + "/out"
        let refused = try Restorer(source: try RestoreSources.open(src), data: nil,
                                   options: RestoreOptions(into: out)).run().rendered(in: .en)
        #expect(refused.anyRefused)
        #expect(refused.tables.first?.defects.contains { $0.contains("line \(bad + 1)") && $0.contains("NASC") } == true,
                "\(refused)")
        let r = try Restorer(source: try RestoreSources.open(src), data: nil,
                             options: RestoreOptions(into: out, skipBadLines: true)).run().rendered(in: .en)
        #expect(r.tables.first?.status == .restored, "\(r)")
        #expect(r.tables.first?.records == rows - 2)
        #expect(r.tables.first?.skippedLines == 1)
        let back = try DBFTable.open(path: out + "/CLIENTES.DBF")
        var expected = (0..<rows).filter { $0 != deleted && $0 != bad }.makeIterator()
        var seen = 0
        try back.forEachRecord { rec in
            guard let i = expected.next() else { Issue.record("extra record \(rec.number)"); return }
            let codigo = try rec.value(at: 0), nome = try rec.value(at: 1), obs = try rec.value(at: 3)
            #expect(codigo == .number(DecimalNumber(mantissa: Int64(i + 1), scale: 0)))
            #expect(nome == .string(name(i)))
            #expect(obs == .string(i % 5 == 0 ? "obs \(i)" : ""))
            seen += 1
        }
        #expect(seen == rows - 2)
    }
}
