import Foundation
import Testing
import XBase
@testable import RestoreKit

/// A folder of DBF tables as a restore source (issue 21): the technician's corrected
/// table goes back into DATA with the same safety as a backup set.
@Suite struct TableFolderTests {
    /// A store whose live CLIENTES has a CDX, and a sandbox made from the backup with
    /// `restore --into` (no DATA: the backup's own structure, without the live EMAIL).
    func storeWithSandbox(liveIndex: Bool = true) throws -> (StoreFixture, String) {
        let s = try StoreFixture()
        try s.writeLiveClientes(rows: 5)
        if liveIndex {
            let live = try DBFTable.open(path: s.data + "/CLIENTES.DBF")
            try CDXWriter.create(table: live, tags: [TagDefinition(name: "CODIGO", keyExpression: "CODIGO"),
                                                     TagDefinition(name: "NOME", keyExpression: "UPPER(NOME)")],
                                 to: s.data + "/CLIENTES.CDX")
        }
        try s.writeBackupClientes()
        let sandbox = s.root + "/sandbox"
        let r = try Restorer(source: try BackupSetSource(path: s.backup), data: nil,
                             options: RestoreOptions(into: sandbox)).run().rendered(in: .en)
        #expect(r.tables.first?.status == .restored, "\(r)")
        return (s, sandbox)
    }

    /// Edits a value with an outside writer (Python `dbf`), as a technician's tool would.
    func pythonSetNome(_ path: String, codigo: Int, to nome: String) throws {
        let script = """
        import dbf, sys
        t = dbf.Table(sys.argv[1], codepage='cp1252')
        t.open(dbf.READ_WRITE)
        for r in t:
            if r.codigo == int(sys.argv[2]):
                with r:
                    r.nome = sys.argv[3]
        t.close()
        """
        try run("/usr/bin/env", ["python3", "-c", script, path, String(codigo), nome])
    }

    @Test func correctedTableGoesBackAndUndoPutsBackEveryByte() throws {
        let (s, sandbox) = try storeWithSandbox()
        try pythonSetNome(sandbox + "/CLIENTES.DBF", codigo: 2, to: "Padaria Corrigida")
        let before = try StoreFixture.snapshot(s.data)

        let source = try RestoreSources.open(sandbox)
        #expect(source.kind == .tableFolder)
        #expect(source.tableNames == ["CLIENTES"])
        let r = try Restorer(source: source, data: s.data, options: RestoreOptions(tables: ["CLIENTES"])).run().rendered(in: .en)
        #expect(r.refusal == nil, "\(r)")
        #expect(r.sourceKind == .tableFolder)
        let t = try #require(r.tables.first)
        #expect(t.status == .restored)
        #expect(t.records == 3)
        #expect(t.replaced == 5)
        #expect(t.blank == ["EMAIL"])    // the live structure is newer: reported per field
        let id = try #require(r.id)

        let rows = try dbfreadRows(s.data + "/CLIENTES.DBF")
        #expect(rows.count == 3)
        #expect(rows[1]["NOME"] as? String == "Padaria Corrigida")
        #expect(rows[0]["NOME"] as? String == "José da Silva")
        #expect(rows[2]["OBS"] as? String == "Observação com acento")   // the memo travelled
        #expect(rows.allSatisfy { ($0["EMAIL"] as? String) == "" })
        // the CDX was rebuilt with the live tags and matches the new records
        let restored = try DBFTable.open(path: s.data + "/CLIENTES.DBF")
        #expect(IndexVerifier.verify(table: restored, indexPath: s.data + "/CLIENTES.CDX").isEmpty)
        #expect(try CDXFile.open(path: s.data + "/CLIENTES.CDX").tags.map(\.name).sorted() == ["CODIGO", "NOME"])

        _ = try UndoStore(data: s.data).undo(id: id)
        #expect(try StoreFixture.snapshot(s.data) == before)
    }

    @Test func tablesInAZipAreASourceToo() throws {
        let (s, sandbox) = try storeWithSandbox()
        try pythonSetNome(sandbox + "/CLIENTES.DBF", codigo: 3, to: "Nome via zip")
        let zip = s.root + "/pendrive.zip"
        try run("/usr/bin/zip", ["-q", "-X", zip, "CLIENTES.DBF", "CLIENTES.FPT"], in: sandbox)
        let source = try RestoreSources.open(zip)
        #expect(source.kind == .tableFolder)
        let r = try Restorer(source: source, data: s.data, options: RestoreOptions(tables: ["CLIENTES"])).run().rendered(in: .en)
        #expect(r.tables.first?.status == .restored, "\(r)")
        #expect(try dbfreadRows(s.data + "/CLIENTES.DBF")[2]["NOME"] as? String == "Nome via zip")
        #expect(try dbfreadRows(s.data + "/CLIENTES.DBF")[0]["OBS"] as? String == "Cliente antigo, paga em dia")
    }

    @Test func aBackupSetIsStillASet() throws {
        let (s, _) = try storeWithSandbox()
        #expect(try RestoreSources.open(s.backup).kind == .backupSet)
        // a set whose folder also holds a stray DBF stays a set
        try FileManager.default.copyItem(atPath: s.data + "/CLIENTES.DBF", toPath: s.backup + "/OUTRA.DBF")
        #expect(try RestoreSources.open(s.backup).kind == .backupSet)
    }

    @Test func damagedIncomingTableIsRefusedWithItsDefects() throws {
        let (s, sandbox) = try storeWithSandbox()
        // record 2's date becomes garbage, as a failing disk or a bad tool would leave it
        let path = sandbox + "/CLIENTES.DBF"
        let t = try DBFTable.open(path: path)
        let nasc = try #require(t.field(named: "NASC"))
        let at = t.header.headerLength + t.header.recordLength + nasc.offset
        let h = try #require(FileHandle(forUpdatingAtPath: path))
        try h.seek(toOffset: UInt64(at))
        h.write(Data("20AB1399".utf8))
        try h.close()
        let before = try StoreFixture.snapshot(s.data)

        let r = try Restorer(source: try RestoreSources.open(sandbox), data: s.data,
                             options: RestoreOptions(tables: ["CLIENTES"])).run().rendered(in: .en)
        #expect(r.anyRefused)
        #expect(r.id == nil)
        let defects = r.tables.first?.defects ?? []
        #expect(defects.contains { $0.contains("CLIENTES.DBF") && $0.contains("line 2") && $0.contains("NASC") }, "\(defects)")
        #expect(try StoreFixture.snapshot(s.data) == before)

        // the user says otherwise: the bad record is left out, the others restored
        let ok = try Restorer(source: try RestoreSources.open(sandbox), data: s.data,
                              options: RestoreOptions(tables: ["CLIENTES"], skipBadLines: true)).run().rendered(in: .en)
        #expect(ok.tables.first?.status == .restored, "\(ok)")
        #expect(ok.tables.first?.records == 2)
        #expect(ok.tables.first?.skippedLines == 1)
        #expect(try dbfreadRows(s.data + "/CLIENTES.DBF").map { $0["CODIGO"] as? Int } == [1, 3])
    }

    @Test func truncatedIncomingTableIsRefused() throws {
        let (s, sandbox) = try storeWithSandbox()
        let path = sandbox + "/CLIENTES.DBF"
        let size = try #require(FileOps.size(path))
        #expect(truncate(path, off_t(size - 30)) == 0)
        let before = try StoreFixture.snapshot(s.data)
        let r = try Restorer(source: try RestoreSources.open(sandbox), data: s.data,
                             options: RestoreOptions(tables: ["CLIENTES"])).run().rendered(in: .en)
        #expect(r.anyRefused)
        #expect(r.tables.first?.defects.contains { $0.contains("damaged table") } == true, "\(r)")
        #expect(try StoreFixture.snapshot(s.data) == before)
    }

    @Test func missingMemoFileIsRefusedUnlessBlankMemos() throws {
        let (s, sandbox) = try storeWithSandbox()
        try FileManager.default.removeItem(atPath: sandbox + "/CLIENTES.FPT")
        let before = try StoreFixture.snapshot(s.data)
        let r = try Restorer(source: try RestoreSources.open(sandbox), data: s.data,
                             options: RestoreOptions(tables: ["CLIENTES"])).run().rendered(in: .en)
        #expect(r.anyRefused)
        #expect(r.tables.first?.defects.contains { $0.contains("CLIENTES.FPT") } == true, "\(r)")
        #expect(try StoreFixture.snapshot(s.data) == before)
        let ok = try Restorer(source: try RestoreSources.open(sandbox), data: s.data,
                              options: RestoreOptions(tables: ["CLIENTES"], blankMemos: true)).run().rendered(in: .en)
        #expect(ok.tables.first?.status == .restored, "\(ok)")
        #expect(ok.tables.first?.memoBlanked == true)
        let rows = try dbfreadRows(s.data + "/CLIENTES.DBF")
        #expect(rows.count == 3 && rows.allSatisfy { ($0["OBS"] as? String ?? "") == "" }, "\(rows)")
    }

    @Test func deletedRecordsAreNotCarried() throws {
        let (s, sandbox) = try storeWithSandbox()
        // record 2 deleted with the outside writer, as FoxPro's DELETE would
        try run("/usr/bin/env", ["python3", "-c", """
        import dbf, sys
        t = dbf.Table(sys.argv[1], codepage='cp1252'); t.open(dbf.READ_WRITE)
        dbf.delete(t[1]); t.close()
        """, sandbox + "/CLIENTES.DBF"])
        let r = try Restorer(source: try RestoreSources.open(sandbox), data: s.data,
                             options: RestoreOptions(tables: ["CLIENTES"])).run().rendered(in: .en)
        #expect(r.tables.first?.status == .restored, "\(r)")
        #expect(r.tables.first?.records == 2)
        #expect(try dbfreadRows(s.data + "/CLIENTES.DBF").map { $0["CODIGO"] as? Int } == [1, 3])
    }

    @Test func lockedLiveTableIsRefused() throws {
        let (s, sandbox) = try storeWithSandbox()
        let before = try StoreFixture.snapshot(s.data)
        for file in ["CLIENTES.DBF", "CLIENTES.CDX"] {
            let holder = Process()
            holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
            holder.arguments = [s.data + "/" + file, "sleep", "5"]
            try holder.run()
            defer { holder.terminate() }
            Thread.sleep(forTimeInterval: 0.3)
            let r = try Restorer(source: try RestoreSources.open(sandbox), data: s.data,
                                 options: RestoreOptions(tables: ["CLIENTES"])).run().rendered(in: .en)
            #expect(r.anyRefused, "\(file)")
            #expect(r.refusal?.contains("CLIENTES") == true, "\(r)")
            #expect(try StoreFixture.snapshot(s.data) == before)
        }
    }

    @Test func theFolderCannotBeRestoredOntoItself() throws {
        let (s, _) = try storeWithSandbox()
        let before = try StoreFixture.snapshot(s.data)
        let r = try Restorer(source: try RestoreSources.open(s.data), data: s.data,
                             options: RestoreOptions(tables: ["CLIENTES"])).run().rendered(in: .en)
        #expect(r.anyRefused)
        #expect(try StoreFixture.snapshot(s.data) == before)
    }

    @Test func withNoLiveTableTheIncomingHeaderAndIndexTravel() throws {
        let (s, _) = try storeWithSandbox()
        // DATA itself is a table folder with a CDX: restore it into an empty folder
        let out = s.root + "/novo"
        let r = try Restorer(source: try RestoreSources.open(s.data), data: nil,
                             options: RestoreOptions(tables: ["CLIENTES"], into: out)).run().rendered(in: .en)
        #expect(r.tables.first?.status == .restored, "\(r)")
        let t = try DBFTable.open(path: out + "/CLIENTES.DBF")
        #expect(t.header.flags.contains(.structuralIndex))
        #expect(t.fields.map(\.name) == (try DBFTable.open(path: s.data + "/CLIENTES.DBF")).fields.map(\.name))
        #expect(IndexVerifier.verify(table: t, indexPath: out + "/CLIENTES.CDX").isEmpty)
        #expect(try dbfreadRows(out + "/CLIENTES.DBF").count == 5)
    }

    @Test func diffComparesTheFolderTableWithTheLiveOne() throws {
        let (s, sandbox) = try storeWithSandbox(liveIndex: false)
        let source = try RestoreSources.open(sandbox)
        let d = try TableDiff.compare(source: try source.table(named: "CLIENTES"), livePath: s.data + "/CLIENTES.DBF",
                                      key: ["CODIGO"], exampleLimit: 10)
        // backup codes 1…3, live 100…104: nothing shared
        #expect(d.onlyInBackup == 3)
        #expect(d.onlyInData == 5)
        #expect(d.defects.isEmpty)
    }

    @Test func commandLineSaysWhatItFoundRestoresDiffsShowsAndUndoes() throws {
        let (s, sandbox) = try storeWithSandbox()
        try pythonSetNome(sandbox + "/CLIENTES.DBF", codigo: 1, to: "Corrigido na linha de comando")
        let before = try StoreFixture.snapshot(s.data)
        let cli = CLIContractTests()

        // without --yes and without a terminal: refused, nothing changes (cli.md)
        let no = try cli.resgate(["restore", sandbox, "--data", s.data, "--table", "CLIENTES"])
        #expect(no.status == 2, "\(no)")
        #expect(try StoreFixture.snapshot(s.data) == before)
        let shown = try cli.resgate(["show", sandbox, "--json"])
        #expect(shown.status == 0, "\(shown.err)")
        #expect(try cli.json(shown.out)["kind"] as? String == "tables")
        let records = try cli.resgate(["show", sandbox, "CLIENTES", "--format", "csv"])
        #expect(records.out.contains("Corrigido na linha de comando"), "\(records)")

        let r = try cli.resgate(["restore", sandbox, "--data", s.data, "--table", "CLIENTES", "--yes", "--json"])
        #expect(r.status == 0, "\(r.err)")
        let j = try cli.json(r.out)
        #expect(j["sourceKind"] as? String == "tables")
        let id = try #require(j["id"] as? String)
        #expect(try dbfreadRows(s.data + "/CLIENTES.DBF")[0]["NOME"] as? String == "Corrigido na linha de comando")

        let text = try cli.resgate(["diff", sandbox, "--data", s.data, "--table", "CLIENTES", "--key", "CODIGO", "--lang", "pt"])
        #expect(text.err.contains("Origem: pasta de tabelas sandbox"), "\(text)")
        #expect(text.status == 0, "\(text)")   // DATA now holds what the folder holds

        let u = try cli.resgate(["undo", "--data", s.data, id, "--yes"])
        #expect(u.status == 0, "\(u.err)")
        #expect(try StoreFixture.snapshot(s.data) == before)
    }
}
