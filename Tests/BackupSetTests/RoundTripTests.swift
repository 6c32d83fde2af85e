import Foundation
import ResgateTestSupport
import Testing
import XBase
@testable import BackupSet

/// Our writer → our reader gives back every value of every live record, for every field
/// type of the Harbour fixtures (NULLs, varchar, varbinary, currency, double, datetime
/// with milliseconds, memos), in a zip or a folder, in one part or many.
@Suite struct RoundTripTests {
    func dataFolder() throws -> String {
        let d = try tempFolder()
        for f in ["clientes.dbf", "clientes.fpt", "tipos.dbf", "tipos.fpt", "vendas.dbf", "clientes_vfp.dbf", "clientes_vfp.fpt"] {
            try copy("\(harbour)/\(f)", "\(d)/\(f)")
        }
        return d
    }

    @Test(arguments: [(false, 32 << 20), (true, 32 << 20), (false, 20_000)])
    func everyValueComesBack(folder: Bool, partBytes: Int) throws {
        let data = try dataFolder()
        let root = try tempFolder()
        var w = BackupWriter(dataFolder: data, root: root)
        w.name = "Quinta_07"; w.asFolder = folder; w.partBytes = partBytes
        let report = try w.write()
        #expect(report.skipped.isEmpty)
        let set = try BackupSet.open(report.path)
        #expect(set.defects.isEmpty, "\(set.defects)")
        #expect(set.slot == Slot(weekday: 5, hour: 7))
        #expect(set.manifest?.tables.count == 4)
        for t in ["clientes", "tipos", "vendas", "clientes_vfp"] {
            let (rows, r) = try readAll(set, t)
            #expect(r.defects.isEmpty, "\(t): \(r.defects.prefix(3))")
            let expected = try dbfRows("\(data)/\(t).dbf", liveOnly: true)
            #expect(rows.count == expected.count)
            for (i, (a, b)) in zip(rows, expected).enumerated() where a != b {
                Issue.record("\(t) record \(i + 1): \(a) != \(b)"); break
            }
            if partBytes < 100_000 && t == "vendas" { #expect(set.table(named: t)!.members.dataParts.count > 3) }
        }
        #expect(SetVerifier.verify(report.path).ok)
        if !folder {
            // Info-ZIP's unzip, an independent reader, checks our zip and its CRCs
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
            p.arguments = ["-tq", report.path]
            p.standardOutput = FileHandle.nullDevice
            try p.run(); p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
    }

    @Test func valuesThatNeedCare() {
        var out: [UInt8] = []
        let f = FieldDescriptor(name: "B", type: .double, length: 8, decimals: 2)
        for d in [1e-7, 1.5e22, -0.1, 674.043, 1.0 / 3.0] {
            out.removeAll()
            _ = CanonicalText.append(.double(d), field: f, raw: nil, quote: 0x22, codePage: .cp1252, to: &out)
            #expect(!out.contains(UInt8(ascii: "e")))
            #expect(Double(String(decoding: out, as: UTF8.self)) == d)
        }
    }

    @Test func quoteInsideValuesPicksAnotherQuote() throws {
        // clientes has `Comercial "Boa Vista" Ltda`: the writer must pick a quote not in any value
        let data = try dataFolder()
        let root = try tempFolder()
        var w = BackupWriter(dataFolder: data, root: root)
        w.name = "x"; w.tables = ["clientes"]; w.asFolder = true
        let r = try w.write()
        let estr = try String(contentsOfFile: r.path + "/clientes_Estr.TXT", encoding: .isoLatin1)
        #expect(!estr.contains("quote=\" "))
        #expect(estr.contains("quote=0x7e"))
    }

    /// A nullable memo makes `T.ZIP` carry every column (the `_NullFlags` bits belong to the
    /// whole record): that memo DBF is as big as the table and is written streaming. Many
    /// records (several write buffers), NULL and non-NULL memos, deleted rows skipped.
    @Test func nullableMemoTableComesBackThroughAFullTableMemoDBF() throws {
        let data = try tempFolder()
        let path = data + "/notas.dbf"
        let structure = TableStructure(version: 0x30, codePage: .cp1252, fields: [
            FieldDescriptor(name: "ID", type: .integer, length: 4),
            FieldDescriptor(name: "NOME", type: .character, length: 200),
            FieldDescriptor(name: "OBS", type: .memo, length: 4, flags: [.nullable]),
        ])
        let w = try DBFWriter(path: path, structure: structure)
        let count = 12_000   // 12,000 × 213 bytes: a memo DBF of 2.5 MB, past the 1 MB buffer
        for i in 1...count {
            let obs: DBFValue = i % 3 == 0 ? .null : .string(i % 3 == 1 ? "observação \(i)" : "")
            try w.append([.integer(Int64(i)), .string("CLIENTE \(i) AÇÚCAR"), obs], deleted: i % 1000 == 0)
        }
        try w.finish()
        let root = try tempFolder()
        var bw = BackupWriter(dataFolder: data, root: root)
        bw.name = "Sexta_19"; bw.partBytes = 100_000
        let report = try bw.write()
        let set = try BackupSet.open(report.path)
        #expect(set.defects.isEmpty, "\(set.defects)")
        #expect(set.table(named: "notas")!.members.dataParts.count >= 2)
        let (rows, r) = try readAll(set, "notas")
        #expect(r.defects.isEmpty, "\(r.defects.prefix(3))")
        let expected = try dbfRows(path, liveOnly: true)
        #expect(rows.count == count - count / 1000)
        #expect(rows == expected)
        #expect(rows.contains { $0[2] == .null })
    }
}
