import BackupSet
import Foundation
import ResgateTestSupport
import Testing
import XBase
@testable import RestoreKit

/// The restore's fast path (`FastRecordWriter`: bytes copied from the line into the record)
/// against the typed path (`DBFValue`s), on the same sets: the same report (statuses,
/// counts, every defect with its file, line and field) and the same DBF, FPT and CDX bytes.
@Suite struct FastPathTests {
    static let harbour = "/work/shared/fixtures/harbour"
    static let real = "/work/shared/fixtures/real"

    /// Restores `set` into two fresh folders, fast and typed, and compares everything.
    /// Returns the fast run's report.
    @discardableResult
    static func bothWays(_ set: String, data: String?, options: RestoreOptions = RestoreOptions(),
                         sourceLocation: SourceLocation = #_sourceLocation) throws -> (report: RestoreReport, fast: Int) {
        let root = TempFolder.scratchPath("fastpath")
        var fastRecords = 0
        var reports: [RestoreReport] = []
        var outputs: [[String: Data]] = []
        for typed in [false, true] {
            var o = options
            o.into = root + (typed ? "/typed" : "/fast")
            let source = try BackupSetSource(path: set)
            let r = Restorer(source: source, data: data, options: o)
            r.typedOnly = typed
            defer { if !typed { fastRecords = r.fastRecords.values.reduce(0, +) } }
            do { reports.append(try r.run().rendered(in: .en)) } catch {
                // both paths must fail alike (e.g. a version the writer cannot write)
                var failed = RestoreReport(id: nil, dryRun: false, into: nil, source: set, tables: [], refusal: nil)
                failed.refusal = "thrown: \(error)"
                reports.append(failed)
            }
            outputs.append(FileManager.default.fileExists(atPath: o.into!) ? try StoreFixture.snapshot(o.into!) : [:])
        }
        // messages may name the staging folder, which differs between the two runs
        for k in reports.indices {
            reports[k].refusal = reports[k].refusal.map(Self.unplaced)
            for t in reports[k].tables.indices { reports[k].tables[t].defects = reports[k].tables[t].defects.map(Self.unplaced) }
        }
        let (fast, typed) = (reports[0], reports[1])
        #expect(fast.refusal == typed.refusal, sourceLocation: sourceLocation)
        #expect(fast.tables.count == typed.tables.count, sourceLocation: sourceLocation)
        for (a, b) in zip(fast.tables, typed.tables) {
            #expect(a.name == b.name && a.status == b.status && a.records == b.records && a.reason == b.reason
                    && a.skippedLines == b.skippedLines && a.memoBlanked == b.memoBlanked
                    && a.converted == b.converted && a.blank == b.blank && a.dropped == b.dropped,
                    "\(set) \(a.name): \(a) vs \(b)", sourceLocation: sourceLocation)
            #expect(a.defects == b.defects, "\(set) \(a.name)", sourceLocation: sourceLocation)
        }
        #expect(outputs[0].keys.sorted() == outputs[1].keys.sorted(), "\(set)", sourceLocation: sourceLocation)
        for (name, bytes) in outputs[0] where outputs[1][name] != bytes {
            Issue.record("\(set): \(name) differs between the fast and the typed path", sourceLocation: sourceLocation)
        }
        try? FileManager.default.removeItem(atPath: root)
        return (fast, fastRecords)
    }

    static func unplaced(_ message: String) -> String {
        message.replacingOccurrences(of: #"/tmp/+(resgate-tests-[0-9]+/)?fastpath-[^/]+/(fast|typed)(/\.resgate/work/[^/]+)?"#, with: "<out>",
                                     options: .regularExpression)
            .replacingOccurrences(of: #"/tmp/+resgate-memo-[^/]+"#, with: "<memo>", options: .regularExpression)
    }

    static func folder() throws -> String {
        let d = TempFolder.scratchPath("fastpath")
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    static func copy(_ from: String, _ to: String) throws { try FileManager.default.copyItem(atPath: from, toPath: to) }

    /// A set folder from one of Harbour's own exports (structure DBF + text, memo archive
    /// from the table's DBF and FPT).
    static func harbourSet(_ table: String, _ export: String) throws -> String {
        let dir = try folder()
        try copy("\(harbour)/\(table)_estr.dbf", "\(dir)/\(table.uppercased())_Estr.DBF")
        try copy("\(harbour)/\(table)_\(export).txt", "\(dir)/\(table.uppercased()).TXT")
        if FileManager.default.fileExists(atPath: "\(harbour)/\(table).fpt") {
            let inner = try folder()
            try copy("\(harbour)/\(table).dbf", "\(inner)/\(table.uppercased()).DBF")
            try copy("\(harbour)/\(table).fpt", "\(inner)/\(table.uppercased()).FPT")
            try run("/usr/bin/zip", ["-q", "-X", "\(dir)/\(table.uppercased()).ZIP", table.uppercased() + ".DBF", table.uppercased() + ".FPT"], in: inner)
        }
        return dir
    }

    @Test(arguments: ["delim_deloff", "delim_delon", "semicolon_deloff", "semicolon_delon", "delimwith_semicolon_deloff",
                      "tab_deloff", "blank_deloff", "sdf_deloff", "sdf_delon"])
    func harbourExports(export: String) throws {
        for table in ["clientes", "vendas", "tipos"] where FileManager.default.fileExists(atPath: "\(Self.harbour)/\(table)_\(export).txt") {
            let set = try Self.harbourSet(table, export)
            // the backup's own structure, then the live table's (same fields, its header)
            try Self.bothWays(set, data: nil)
            let live = try Self.folder()
            try Self.copy("\(Self.harbour)/\(table).dbf", "\(live)/\(table.uppercased()).DBF")
            if FileManager.default.fileExists(atPath: "\(Self.harbour)/\(table).fpt") {
                try Self.copy("\(Self.harbour)/\(table).fpt", "\(live)/\(table.uppercased()).FPT")
            }
            try Self.bothWays(set, data: live, options: RestoreOptions(skipBadLines: true, blankMemos: true))
        }
    }

    /// Sets our writer makes (zip, folder, many small parts) of the Harbour tables, NULLs,
    /// varchar, currency, datetime and memos included, restored onto their own live tables.
    @Test(arguments: [(false, 32 << 20), (true, 32 << 20), (false, 20_000)])
    func ourSets(folder asFolder: Bool, partBytes: Int) throws {
        let data = try Self.folder()
        for f in ["clientes.dbf", "clientes.fpt", "tipos.dbf", "tipos.fpt", "vendas.dbf", "clientes_vfp.dbf", "clientes_vfp.fpt",
                  "clientes_bin.dbf", "clientes_bin.fpt", "vendas_vfp.dbf",
                  "clientes.cdx", "tipos.cdx", "vendas.cdx", "clientes_vfp.cdx", "clientes_bin.cdx", "vendas_vfp.cdx"] where FileManager.default.fileExists(atPath: "\(Self.harbour)/\(f)") {
            try Self.copy("\(Self.harbour)/\(f)", "\(data)/\(f)")
        }
        var w = BackupWriter(dataFolder: data, root: try Self.folder())
        w.name = "Quinta_07"; w.asFolder = asFolder; w.partBytes = partBytes
        let set = try w.write().path
        // CLIENTES's and CLIENTES_VFP's CDX have a national-collation tag no rebuild can reproduce:
        // they take the backup's structure, the others land on their live tables (CDX rebuilt)
        let live = try Self.folder()
        for f in try FileManager.default.contentsOfDirectory(atPath: data) where !f.hasPrefix("clientes.") && !f.hasPrefix("clientes_vfp.") {
            try Self.copy("\(data)/\(f)", "\(live)/\(f)")
        }
        let (r, fast) = try Self.bothWays(set, data: live)
        #expect(!r.anyRefused, "\(r)")
        #expect(fast > r.tables.reduce(0) { $0 + $1.records } / 2)
        try Self.bothWays(set, data: nil)
    }

    /// The benchmark's table shape (N C D L T I B and a memo on 10 % of rows), small.
    @Test func vendasLikeTheBenchmark() throws {
        let data = try Self.folder()
        let gen = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../scripts/bench/vendas_gen.py").path
        try run("/usr/bin/env", ["python3", gen, "3000", data, "--writer", "fast"])
        for f in ["VENDAS.TXT", "VENDAS.STRU"] { try? FileManager.default.removeItem(atPath: "\(data)/\(f)") }
        var w = BackupWriter(dataFolder: data, root: try Self.folder())
        w.name = "Quinta_07"; w.partBytes = 200_000
        let set = try w.write().path
        let (r, fast) = try Self.bothWays(set, data: data)
        #expect(r.tables.first?.records == 3000 && !r.anyRefused, "\(r)")
        #expect(fast == 3000)
        #expect(try Self.storedMemos(set, data: data) > 0)
        try Self.bothWays(set, data: nil, options: RestoreOptions(blankMemos: true))
    }

    /// Memo values the fast path of one restore wrote as stored (`FastRecordWriter`'s
    /// `commit(_:memos:)`: memo bytes copied, no `String`).
    static func storedMemos(_ set: String, data: String?, options: RestoreOptions = RestoreOptions()) throws -> Int {
        var o = options
        o.into = TempFolder.scratchPath("fastpath") + "/stored"
        defer { try? FileManager.default.removeItem(atPath: (o.into! as NSString).deletingLastPathComponent) }
        let r = Restorer(source: try BackupSetSource(path: set), data: data, options: o)
        _ = try r.run()
        return r.storedMemos.values.reduce(0, +)
    }

    /// Memo text copied as stored when every byte of the memo archive's code page is the same
    /// byte in the live table's (cp1252 onto cp1252: accents, `€`, the 0x81 no one assigns,
    /// CR LF), typed when it is not (onto cp850: the bytes must be transcoded). The same
    /// DBF and FPT bytes as the typed path either way, a line the fast path declines (a quote
    /// inside a value) taking its memo from the stored batch through the typed reader.
    @Test(arguments: [1252, 850])
    func memosAsStored(live page: Int) throws {
        let cp = CodePage(number: page)!
        let dir = try Self.folder()
        let estr = "# table=T codepage=1252 version=0x30 records=5\r\nFIELD_NAME;FIELD_TYPE;FIELD_LEN;FIELD_DEC;FIELD_NULL\r\n"
            + "CODIGO;I;4;0;N\r\nNOME;C;20;0;N\r\nOBS;M;4;0;N\r\nFOTO;G;4;0;N\r\nNOTA;M;4;0;Y\r\n"
        try Data(estr.utf8).write(to: URL(fileURLWithPath: dir + "/T_Estr.TXT"))
        let text = ["1,\"Jos\u{E9}\"", "2,\"a \"q\" b\"", "3,\"\"", "4,\"Quatro\"", "5,\"Cinco\""].joined(separator: "\r\n") + "\r\n"
        try Data(CodePage.cp1252.encode(text)).write(to: URL(fileURLWithPath: dir + "/T.TXT"))
        let memoDir = try Self.folder()
        let w = try DBFWriter(path: memoDir + "/T.DBF", structure: TableStructure(version: 0x30, codePage: .cp1252, fields: [
            FieldDescriptor(name: "OBS", type: .memo, length: 4), FieldDescriptor(name: "FOTO", type: .general, length: 4),
            FieldDescriptor(name: "NOTA", type: .memo, length: 4, flags: .nullable)]))
        let high = page == 1252 ? "Pre\u{E7}o \u{20AC} 10 \u{81}\r\nsegunda linha: a\u{E7}\u{E3}o" : "Pre\u{E7}o 10\r\nsegunda linha: a\u{E7}\u{E3}o"
        let rows: [[DBFValue]] = [
            [.string(high), .bytes([0, 1, 2, 0xFF]), .string("nota")],
            [.string("na linha que o caminho r\u{E1}pido recusa"), .bytes([]), .null],
            [.string(""), .bytes([9]), .string(String(repeating: "x", count: 700))],
            [.string("quatro"), .bytes([]), .null],
            [.string(high), .bytes([7, 7]), .string("")],
        ]
        for r in rows { try w.append(r) }
        try w.finish()
        try run("/usr/bin/zip", ["-q", "-X", dir + "/T.ZIP", "T.DBF", "T.FPT"], in: memoDir)
        let live = try Self.folder()
        let fields: [FieldDescriptor] = [
            FieldDescriptor(name: "CODIGO", type: .integer, length: 4), FieldDescriptor(name: "NOME", type: .character, length: 20),
            FieldDescriptor(name: "OBS", type: .memo, length: 4), FieldDescriptor(name: "FOTO", type: .general, length: 4),
            FieldDescriptor(name: "NOTA", type: .memo, length: 4, flags: .nullable)]
        try DBFWriter(path: live + "/T.DBF", structure: TableStructure(version: 0x30, codePage: cp, fields: fields)).finish()
        let (r, fast) = try Self.bothWays(dir, data: live)
        #expect(!r.anyRefused && r.tables.first?.records == 5, "\(r)")
        #expect(fast == 4)
        // OBS and NOTA of the four fast lines but the NULL NOTA (typed), FOTO never (G: typed)
        #expect(try Self.storedMemos(dir, data: live) == (page == 1252 ? 7 : 0))
        // --blank-memos blanks memos only when the archive is in trouble: a sound one is copied the same
        #expect(try Self.storedMemos(dir, data: live, options: RestoreOptions(blankMemos: true)) == (page == 1252 ? 7 : 0))
        // the backup's own structure (cp1252) takes them as stored too
        try Self.bothWays(dir, data: nil)
        #expect(try Self.storedMemos(dir, data: nil) == 7)
    }

    /// Bad lines of every kind: refused the same way, and with --skip-bad-lines the same
    /// lines left out with the same defects (file, line, field).
    @Test(arguments: [false, true])
    func badLines(skip: Bool) throws {
        let s = try StoreFixture()
        try s.writeLiveClientes()
        let extra = [
            "4,\"Linha ruim\",abc,20261301,T",          // bad number, bad date
            "5,\"Nome\",1.5,20240230,F",                // no such day
            "6,\"Nome comprido demais para o campo NOME de quarenta\",1,,T",
            "7,\"Curta\",1",                            // too few fields
            "8,\"Ok\",123456789012.5,,T",              // does not fit N(12,2)
            "9,\"Ok\",1.234,,T",                        // more decimals than the field
            "10,\"Ok\",1,,X",                           // not a logical
            "11,\"Aspas \"abertas,1,,T",                // quote never closed
            "3000000000,\"Grande\",1,,T",              // beyond a 32-bit integer
            "12,\"Sem problema\",-0.00,20240229,.T.",
        ].joined(separator: "\r\n")
        try s.writeBackupClientes(extraLine: extra, extraMemo: "um")
        let (r, fast) = try Self.bothWays(s.backup, data: s.data, options: RestoreOptions(skipBadLines: skip, blankMemos: true))
        #expect(!skip || fast >= 3)
        let defects = r.tables.first?.defects ?? []
        #expect(defects.count > 5)
    }

    /// Live structures that differ from the backup's: each changed field falls back to the
    /// typed path (conversions, lossy values as defects), the others are copied.
    @Test(arguments: Array(0..<9))
    func liveStructureDiffers(variant: Int) throws {
        let s = try StoreFixture()
        var fields = StoreFixture.clientesBackupFields
        switch variant {
        case 0: fields[1] = FieldDescriptor(name: "NOME", type: .character, length: 60)           // widened
        case 1: fields[1] = FieldDescriptor(name: "NOME", type: .character, length: 10)           // narrowed: lossy
        case 2: fields[2] = FieldDescriptor(name: "LIMITE", type: .numeric, length: 14, decimals: 4)
        case 3: fields[2] = FieldDescriptor(name: "LIMITE", type: .numeric, length: 6, decimals: 0) // lossy
        case 4: fields[0] = FieldDescriptor(name: "CODIGO", type: .numeric, length: 11)           // I → N
        case 5: fields[3] = FieldDescriptor(name: "NASC", type: .dateTime, length: 8)             // D → T
        case 6: fields.remove(at: 4); fields.append(FieldDescriptor(name: "NOVO", type: .integer, length: 4, flags: .nullable))
        case 7: fields[1] = FieldDescriptor(name: "NOME", type: .memo, length: 4)                 // C → M
        default: fields = fields.map { f in var g = f; g.flags.insert(.nullable); return g }     // all nullable
        }
        let w = try DBFWriter(path: s.data + "/CLIENTES.DBF", structure: TableStructure(version: 0x30, codePage: .cp1252, fields: fields))
        try w.finish()
        try s.writeBackupClientes(extraLine: "4,\"Último da lista, com vírgula\",98765.43,20001231,F", extraMemo: "quarto")
        for skip in [false, true] {
            try Self.bothWays(s.backup, data: s.data, options: RestoreOptions(skipBadLines: skip))
        }
    }

    /// Decimal comma (`;` separator), NULLs in nullable fields (nothing between the
    /// separators), quotes inside values, and a character the live code page lacks.
    @Test func handWrittenVariants() throws {
        let dir = try Self.folder()
        let estr = "# table=T codepage=1252\r\nFIELD_NAME;FIELD_TYPE;FIELD_LEN;FIELD_DEC;FIELD_NULL\r\n"
            + "CODIGO;I;4;0;Y\r\nNOME;C;12;0;Y\r\nVALOR;N;8;2;Y\r\nDIA;D;8;0;Y\r\nOK;L;1;0;Y\r\nPESO;B;8;3;N\r\nHORA;T;8;0;Y\r\n"
        try Data(estr.utf8).write(to: URL(fileURLWithPath: dir + "/T_Estr.TXT"))
        let text = [
            "1;\"Jos\u{E9}\";1,50;20240131;T;2,5;20240131120000",
            "2;;;;;0;",
            "3;\"\";0;        ;?;-0,125;2024-01-31 12:00:00.250",
            "4;\"a \"q\" b\";-12,3;20240229;f;1e3;",
            "5;\"  lead\";,5;00000000;.F.;12345678901234567890;",
            "6;\"\u{81}\u{8D}x\";99999,99;;y;;",
        ].joined(separator: "\r\n") + "\r\n"
        try Data(CodePage.cp1252.encode(text)).write(to: URL(fileURLWithPath: dir + "/T.TXT"))
        for skip in [false, true] {
            try Self.bothWays(dir, data: nil, options: RestoreOptions(skipBadLines: skip))
        }
        // the same set restored onto a live table in another code page (cp850) without nullable fields
        let live = try Self.folder()
        let f: [FieldDescriptor] = [
            FieldDescriptor(name: "CODIGO", type: .integer, length: 4), FieldDescriptor(name: "NOME", type: .character, length: 12),
            FieldDescriptor(name: "VALOR", type: .numeric, length: 8, decimals: 2), FieldDescriptor(name: "DIA", type: .date, length: 8),
            FieldDescriptor(name: "OK", type: .logical, length: 1), FieldDescriptor(name: "PESO", type: .double, length: 8, decimals: 3),
            FieldDescriptor(name: "HORA", type: .dateTime, length: 8)]
        try DBFWriter(path: live + "/T.DBF", structure: TableStructure(version: 0x30, codePage: .cp850, fields: f)).finish()
        try Self.bothWays(dir, data: live, options: RestoreOptions(skipBadLines: true))
    }

    /// Opt-in, any set at full size (e.g. the benchmark's 1,000,000-record VENDAS):
    /// `RESGATE_FASTPATH_SET=/path/SET.zip [RESGATE_FASTPATH_DATA=/path/live] swift test --filter FastPathTests`.
    @Test func setFromTheEnvironment() throws {
        guard let set = ProcessInfo.processInfo.environment["RESGATE_FASTPATH_SET"] else { return }
        let (r, fast) = try Self.bothWays(set, data: ProcessInfo.processInfo.environment["RESGATE_FASTPATH_DATA"])
        #expect(!r.anyRefused, "\(r)")
        #expect(fast > 0)
    }

    /// Every real-world DBF of the shared fixtures that our writer backs up: restored onto
    /// itself both ways.
    @Test func realFixtures() throws {
        guard FileManager.default.fileExists(atPath: Self.real) else {
            withKnownIssue("\(Self.real) is absent") { throw CocoaError(.fileNoSuchFile) }
            return
        }
        let files = FileManager.default.enumerator(atPath: Self.real)!.compactMap { $0 as? String }
        var restored = 0, fastTotal = 0, total = 0
        for rel in files.sorted() where rel.lowercased().hasSuffix(".dbf") {
            let path = Self.real + "/" + rel
            let data = try Self.folder()
            let base = (rel as NSString).lastPathComponent
            let stem = (base as NSString).deletingPathExtension
            try Self.copy(path, data + "/" + base)
            let dir = (path as NSString).deletingLastPathComponent
            for ext in ["fpt", "FPT", "dbt", "DBT", "Fpt"] where FileManager.default.fileExists(atPath: "\(dir)/\(stem).\(ext)") {
                try Self.copy("\(dir)/\(stem).\(ext)", "\(data)/\(stem).\(ext)")
                break
            }
            var w = BackupWriter(dataFolder: data, root: try Self.folder())
            w.name = "Quinta_07"
            guard let report = try? w.write(), !report.tables.isEmpty else { continue }
            let (r, fast) = try Self.bothWays(report.path, data: data, options: RestoreOptions(skipBadLines: true, blankMemos: true))
            if !r.anyRefused { restored += 1; fastTotal += fast; total += r.tables.reduce(0) { $0 + $1.records } }
        }
        #expect(restored > 20)
        #expect(fastTotal > total / 2, "\(fastTotal) of \(total) records went the fast way")
    }
}
