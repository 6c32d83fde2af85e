import Foundation
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
}
