import Foundation
import ResgateTestSupport
import Testing
import XBase
@testable import BackupSet

/// Harbour's own COPY TO exports (delimited, `;`, other quote, TAB, SDF) with its COPY
/// STRUCTURE EXTENDED tables must read to the values of the DBFs they came from.
@Suite struct HarbourExportTests {
    func set(table: String, export: String, memoDBF: Bool = false) throws -> BackupSet {
        let dir = try tempFolder()
        try copy("\(harbour)/\(table)_estr.dbf", "\(dir)/\(table.uppercased())_Estr.DBF")
        try copy("\(harbour)/\(table)_\(export).txt", "\(dir)/\(table.uppercased()).TXT")
        if memoDBF {
            let inner = try tempFolder()
            try copy("\(harbour)/\(table).dbf", "\(inner)/\(table.uppercased()).DBF")
            try copy("\(harbour)/\(table).fpt", "\(inner)/\(table.uppercased()).FPT")
            try zipWithInfoZip("\(dir)/\(table.uppercased()).ZIP", in: inner, files: [table.uppercased() + ".DBF", table.uppercased() + ".FPT"])
        }
        return try BackupSet.open(dir)
    }

    @Test(arguments: ["delim_delon", "semicolon_delon", "sdf_delon"])
    func vendasLiveRecords(export: String) throws {
        let s = try set(table: "vendas", export: export)
        let (rows, report) = try readAll(s, "VENDAS")
        #expect(report.defects.isEmpty, "\(report.defects)")
        let expected = try dbfRows("\(harbour)/vendas.dbf", liveOnly: true)
        #expect(rows.count == 1950)
        #expect(rows == expected)
    }

    @Test(arguments: ["delim_deloff", "semicolon_deloff", "delimwith_semicolon_deloff", "tab_deloff", "sdf_deloff"])
    func clientesAllRecordsWithMemo(export: String) throws {
        let s = try set(table: "clientes", export: export, memoDBF: true)
        let (rows, report) = try readAll(s, "CLIENTES")
        #expect(report.defects.isEmpty, "\(report.defects.prefix(5))")
        let expected = try dbfRows("\(harbour)/clientes.dbf", liveOnly: false)
        #expect(rows.count == 300)
        for (i, (a, b)) in zip(rows, expected).enumerated() where a != b {
            Issue.record("record \(i + 1): \(a) != \(b)")
            break
        }
        // rec 7: embedded quotes, rec 13: separators inside, rec 50: leading blanks, rec 5: long memo
        #expect(rows[6][1] == .string("Comercial \"Boa Vista\" Ltda"))
        #expect(rows[12][1] == .string("Souza, Lima & Cia; Filial Sé"))
        #expect(rows[49][1] == .string("  Ana Lima (espaços à esquerda)"))
        if case .string(let memo) = rows[4][6] { #expect(memo.utf8.count >= 3000) } else { Issue.record("no memo") }
    }

    /// A full-table memo DBF is compared with the text: a changed value is a defect with
    /// its line and field; a memo DBF with fewer records is a count defect.
    @Test func memoDBFCrossCheck() throws {
        let s = try set(table: "clientes", export: "delim_deloff", memoDBF: true)
        let dir = s.path
        var text = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/CLIENTES.TXT")))
        let needle = Array("31505.86".utf8), repl = Array("31505.87".utf8)
        let at = try #require((0...(text.count - needle.count)).first { Array(text[$0..<($0 + needle.count)]) == needle })
        text.replaceSubrange(at..<(at + needle.count), with: repl)
        text += Array("1,\"extra\",\"\",,0.00,F\r\n".utf8)
        try write(dir + "/CLIENTES.TXT", text.filter { $0 != 0x1A })
        let (rows, r) = try readAll(try BackupSet.open(dir), "CLIENTES")
        #expect(rows.count == 301)
        #expect(r.defects.contains { $0.kind == .memoValueMismatch && $0.line == 1 && $0.field == "LIMITE" })
        #expect(r.defects.contains { $0.kind == .memoCountMismatch })
    }

    /// A memo DBF whose memo file is missing: every record that needs it is a defect with
    /// its line and field; the others read.
    @Test func memoFileMissingFromArchive() throws {
        let dir = try tempFolder()
        try copy("\(harbour)/clientes_estr.dbf", "\(dir)/CLIENTES_Estr.DBF")
        try copy("\(harbour)/clientes_delim_deloff.txt", "\(dir)/CLIENTES.TXT")
        let inner = try tempFolder()
        try copy("\(harbour)/clientes.dbf", "\(inner)/CLIENTES.DBF")
        try zipWithInfoZip("\(dir)/CLIENTES.ZIP", in: inner, files: ["CLIENTES.DBF"])
        let (rows, r) = try readAll(try BackupSet.open(dir), "CLIENTES")
        #expect(rows.count == 300)
        let bad = r.defects.filter { $0.kind == .badMemoArchive }
        #expect(!bad.isEmpty && bad.allSatisfy { $0.field == "OBS" && $0.line != nil && $0.file == "CLIENTES.ZIP" })
    }

    @Test func variantsAreReported() throws {
        let s = try set(table: "clientes", export: "delimwith_semicolon_deloff")
        let (_, report) = try readAll(s, "CLIENTES", options: { var o = ReadOptions(); o.memo = false; return o }())
        #expect(report.variants.first?.variant == .delimited(separator: 0x2C, quote: 0x3B))
        let sdf = try set(table: "vendas", export: "sdf_deloff")
        let (_, r2) = try readAll(sdf, "VENDAS")
        if case .sdf = r2.variants.first?.variant {} else { Issue.record("not SDF: \(String(describing: r2.variants.first))") }
    }

    @Test(arguments: ["delim_deloff", "sdf_deloff"])
    func tiposVFPTypes(export: String) throws {
        let s = try set(table: "tipos", export: export)
        let (rows, report) = try readAll(s, "TIPOS")
        #expect(report.defects.isEmpty, "\(report.defects.prefix(5))")
        let t = try DBFTable.open(path: "\(harbour)/tipos.dbf")
        let expected = try dbfRows("\(harbour)/tipos.dbf", liveOnly: false)
        #expect(rows.count == 40)
        // Harbour writes no NULL marker and COPY STRUCTURE EXTENDED spells V as Q: compare
        // the fields whose text carries the value (I, Y, B, T).
        for (i, (a, b)) in zip(rows, expected).enumerated() {
            for (j, f) in t.fields.enumerated() where ["ID", "VALOR", "PESO", "CRIADO"].contains(f.name) {
                #expect(a[j] == b[j], "record \(i + 1) field \(f.name)")
            }
        }
    }
}
