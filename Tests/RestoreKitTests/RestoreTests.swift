import Foundation
import Testing
import XBase
@testable import RestoreKit

@Suite struct RestoreTests {
    @Test func restoreMapsBackupOntoNewerLiveStructure() throws {
        let s = try StoreFixture()
        try s.writeLiveClientes()
        try s.writeBackupClientes()
        let source = try BackupSetSource(path: s.backup)
        let report = try Restorer(source: source, data: s.data, options: RestoreOptions()).run().rendered(in: .en)
        #expect(report.refusal == nil, "\(report)")
        let t = try #require(report.tables.first)
        #expect(t.status == .restored)
        #expect(t.records == 3)
        #expect(t.replaced == 3)
        #expect(t.blank == ["EMAIL"])
        #expect(report.id != nil)

        let rows = try dbfreadRows(s.data + "/CLIENTES.DBF")
        #expect(rows.count == 3)
        #expect(rows[0]["NOME"] as? String == "José da Silva")
        #expect(rows[0]["LIMITE"] as? Double == 1500.5)
        #expect(rows[0]["NASC"] as? String == "1980-01-31")
        #expect(rows[0]["OBS"] as? String == "Cliente antigo, paga em dia")
        #expect(rows[1]["NOME"] as? String == "Padaria \"Pão, Quente\"")
        #expect(rows[1]["NASC"] is NSNull)
        #expect(rows[1]["ATIVO"] as? Bool == false)
        #expect(rows[2]["NOME"] as? String == "Ação; teste")
        #expect(rows[2]["OBS"] as? String == "Observação com acento")
        #expect(rows.allSatisfy { ($0["EMAIL"] as? String) == "" })
    }

    @Test func dryRunAndIntoLeaveDataByteIdentical() throws {
        let s = try StoreFixture()
        try s.writeLiveClientes()
        try s.writeBackupClientes()
        let before = try StoreFixture.snapshot(s.data)
        let source = try BackupSetSource(path: s.backup)
        let dry = try Restorer(source: source, data: s.data, options: RestoreOptions(dryRun: true)).run().rendered(in: .en)
        #expect(dry.tables.first?.status == .wouldRestore)
        #expect(dry.id == nil)
        let into = s.root + "/sandbox"
        let r = try Restorer(source: source, data: s.data, options: RestoreOptions(into: into)).run().rendered(in: .en)
        #expect(r.tables.first?.status == .restored)
        #expect(try StoreFixture.snapshot(s.data) == before)
        #expect(!FileManager.default.fileExists(atPath: s.data + "/.resgate/undo"))
        #expect(try dbfreadRows(into + "/CLIENTES.DBF").count == 3)
    }

    @Test func undoPutsBackEveryByteAndIsUndoable() throws {
        let s = try StoreFixture()
        try s.writeLiveClientes(rows: 5)
        try s.writeBackupClientes()
        let before = try StoreFixture.snapshot(s.data)
        let r = try Restorer(source: try BackupSetSource(path: s.backup), data: s.data, options: RestoreOptions()).run().rendered(in: .en)
        let id = try #require(r.id)
        let after = try StoreFixture.snapshot(s.data)
        #expect(after != before)
        let store = UndoStore(data: s.data)
        #expect(store.list().map(\.id) == [id])
        let undoID = try store.undo(id: id)
        #expect(try StoreFixture.snapshot(s.data) == before)
        _ = try store.undo(id: undoID)
        #expect(try StoreFixture.snapshot(s.data) == after)
    }

    @Test func damagedSetIsRefusedAndDataUntouched() throws {
        let s = try StoreFixture()
        try s.writeLiveClientes()
        try s.writeBackupClientes(extraLine: "4,\"Linha ruim\",abc,20261301,T", extraMemo: "memo da linha ruim")
        let before = try StoreFixture.snapshot(s.data)
        let r = try Restorer(source: try BackupSetSource(path: s.backup), data: s.data, options: RestoreOptions()).run().rendered(in: .en)
        #expect(r.anyRefused)
        #expect(r.id == nil)
        let defects = r.tables.first?.defects ?? []
        #expect(defects.contains { $0.contains("CLIENTES.TXT") && $0.contains("4") })
        #expect(try StoreFixture.snapshot(s.data) == before)
        // accepted with --skip-bad-lines: the good lines are restored, the bad one listed
        let ok = try Restorer(source: try BackupSetSource(path: s.backup), data: s.data,
                              options: RestoreOptions(skipBadLines: true)).run().rendered(in: .en)
        #expect(ok.tables.first?.status == .restored)
        #expect(ok.tables.first?.records == 3)
        #expect(!(ok.tables.first?.defects.isEmpty ?? true))
    }

    @Test func lockedTableIsRefused() throws {
        let s = try StoreFixture()
        try s.writeLiveClientes()
        try s.writeBackupClientes()
        let before = try StoreFixture.snapshot(s.data)
        let fd = open(s.data + "/CLIENTES.DBF", O_RDWR)
        defer { close(fd) }
        // another process holds the lock (a lock of our own process would not show)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [s.data + "/CLIENTES.DBF", "sleep", "5"]
        try holder.run()
        defer { holder.terminate() }
        Thread.sleep(forTimeInterval: 0.3)
        let r = try Restorer(source: try BackupSetSource(path: s.backup), data: s.data, options: RestoreOptions()).run().rendered(in: .en)
        #expect(r.anyRefused)
        #expect(r.refusal?.contains("CLIENTES.DBF") == true)
        #expect(try StoreFixture.snapshot(s.data) == before)
    }
}

@Suite struct RestoreIndexTests {
    @Test func restoreRebuildsTheStructuralIndex() throws {
        let s = try StoreFixture()
        try s.writeLiveClientes(rows: 4)
        let live = try DBFTable.open(path: s.data + "/CLIENTES.DBF")
        try CDXWriter.create(table: live, tags: [TagDefinition(name: "CODIGO", keyExpression: "CODIGO"),
                                                 TagDefinition(name: "NOME", keyExpression: "UPPER(NOME)")],
                             to: s.data + "/CLIENTES.CDX")
        #expect(IndexVerifier.verify(table: live, indexPath: s.data + "/CLIENTES.CDX").isEmpty)
        try s.writeBackupClientes()
        let r = try Restorer(source: try BackupSetSource(path: s.backup), data: s.data, options: RestoreOptions()).run().rendered(in: .en)
        #expect(r.tables.first?.status == .restored, "\(r)")
        let restored = try DBFTable.open(path: s.data + "/CLIENTES.DBF")
        #expect(restored.recordCount == 3)
        #expect(IndexVerifier.verify(table: restored, indexPath: s.data + "/CLIENTES.CDX").isEmpty)
        let cdx = try CDXFile.open(path: s.data + "/CLIENTES.CDX")
        #expect(cdx.tags.map(\.name).sorted() == ["CODIGO", "NOME"])
        // an outside reader (Perl's XBase::Index) seeks a restored key in the rebuilt index
        if FileManager.default.fileExists(atPath: "/usr/share/perl5/XBase/Index.pm") {
            let script = """
            use strict; use XBase::Index;
            my $idx = XBase::Index->new($ARGV[0], tag => 'NOME', type => 'C') or die XBase::Index->errstr;
            $idx->prepare_select_eq($ARGV[1]);
            my ($k, $v) = $idx->fetch; print defined $k ? "$v\n" : "none\n";
            """
            let found = try run("/usr/bin/perl", ["-e", script, s.data + "/CLIENTES.CDX", "PADARIA"])
            #expect(found.trimmingCharacters(in: .whitespacesAndNewlines) == "2")
        } else {
            Issue.record("libdbd-xbase-perl is not installed (scripts/install-test-deps.sh installs it)")
        }
        // the old index went into the undo snapshot with the table
        let snap = try #require(UndoStore(data: s.data).list().first)
        #expect(FileManager.default.fileExists(atPath: s.data + "/.resgate/undo/\(snap.id)/CLIENTES.CDX"))
    }
}

@Suite struct RestoreMemoAndIntoTests {
    @Test func memoCountMismatchRefusesUnlessBlankMemos() throws {
        let s = try StoreFixture()
        try s.writeLiveClientes()
        // 4 text lines but only 3 memo records in CLIENTES.ZIP
        try s.writeBackupClientes(extraLine: "4,\"Quarto cliente\",10.00,20200101,F")
        let before = try StoreFixture.snapshot(s.data)
        let refused = try Restorer(source: try BackupSetSource(path: s.backup), data: s.data, options: RestoreOptions()).run().rendered(in: .en)
        #expect(refused.anyRefused)
        #expect(refused.tables.first?.defects.contains { $0.contains("CLIENTES.ZIP") } == true, "\(refused.tables)")
        #expect(try StoreFixture.snapshot(s.data) == before)

        let r = try Restorer(source: try BackupSetSource(path: s.backup), data: s.data,
                             options: RestoreOptions(blankMemos: true)).run().rendered(in: .en)
        #expect(r.tables.first?.status == .restored, "\(r)")
        #expect(r.tables.first?.memoBlanked == true)
        let rows = try dbfreadRows(s.data + "/CLIENTES.DBF")
        #expect(rows.count == 4)
        #expect(rows.allSatisfy { ($0["OBS"] as? String ?? "") == "" })
        #expect(rows[3]["NOME"] as? String == "Quarto cliente")
    }

    @Test func intoWithoutDataUsesTheBackupsOwnStructure() throws {
        let s = try StoreFixture()
        try s.writeBackupClientes()
        let into = s.root + "/compare"
        let r = try Restorer(source: try BackupSetSource(path: s.backup), data: nil,
                             options: RestoreOptions(into: into)).run().rendered(in: .en)
        #expect(r.tables.first?.status == .restored, "\(r)")
        let t = try DBFTable.open(path: into + "/CLIENTES.DBF")
        #expect(t.fields.map(\.name) == ["CODIGO", "NOME", "LIMITE", "NASC", "ATIVO", "OBS"])
        #expect(t.header.version == 0x30)
        #expect(t.codePage == .cp1252)
        let rows = try dbfreadRows(into + "/CLIENTES.DBF")
        #expect(rows.map { $0["CODIGO"] as? Int } == [1, 2, 3])
        #expect(rows[2]["OBS"] as? String == "Observação com acento")
    }
}

@Suite struct RestoreAutoIncrementTests {
    func store(liveNext: UInt32, backupIDs: [Int]) throws -> StoreFixture {
        let s = try StoreFixture()
        var id = FieldDescriptor(name: "ID", type: .integer, length: 4, flags: [.autoIncrement],
                                 autoIncrementNext: liveNext, autoIncrementStep: 1)
        id.autoIncrementStep = 1
        let w = try DBFWriter(path: s.data + "/PEDIDOS.DBF",
                              structure: TableStructure(version: 0x31, codePage: .cp1252,
                                                        fields: [id, FieldDescriptor(name: "DESCR", type: .character, length: 20)]))
        try w.append([.integer(1), .string("vivo")])
        try w.finish()
        try s.write(s.backup + "/PEDIDOS_Estr.TXT", "ID;I;4;0\r\nDESCR;C;20;0\r\n", codePage: .cp1252)
        try s.write(s.backup + "/PEDIDOS.TXT", backupIDs.map { "\($0),\"pedido \($0)\"\r\n" }.joined(), codePage: .cp1252)
        return s
    }

    func next(_ path: String) throws -> UInt32? {
        try DBFTable.open(path: path).header.fields.first { $0.name == "ID" }?.autoIncrementNext
    }

    @Test func counterMovesPastTheLargestRestoredValue() throws {
        let s = try store(liveNext: 100, backupIDs: [148, 150, 149])
        let r = try Restorer(source: try BackupSetSource(path: s.backup), data: s.data, options: RestoreOptions()).run().rendered(in: .en)
        #expect(r.tables.first?.status == .restored, "\(r)")
        #expect(try next(s.data + "/PEDIDOS.DBF") == 151)
    }

    @Test func counterNeverMovesBackwards() throws {
        let s = try store(liveNext: 100, backupIDs: [10, 11, 12])
        let r = try Restorer(source: try BackupSetSource(path: s.backup), data: s.data, options: RestoreOptions()).run().rendered(in: .en)
        #expect(r.tables.first?.status == .restored, "\(r)")
        #expect(try next(s.data + "/PEDIDOS.DBF") == 100)
        let t = try DBFTable.open(path: s.data + "/PEDIDOS.DBF")
        #expect(t.header.version == 0x31)
    }
}

@Suite struct RecoveryLockTests {
    /// A scan (or any command) starting while a restore swaps must not "recover" the live
    /// operation's journal: recovery only runs under the folder lock.
    @Test func recoveryLeavesALiveOperationAlone() throws {
        let s = try StoreFixture()
        try s.writeLiveClientes()
        try s.writeBackupClientes()
        let restorer = Restorer(source: try BackupSetSource(path: s.backup), data: s.data, options: RestoreOptions())
        var concurrentOutcomes: [Recovery.Outcome] = []
        var renames = 0
        restorer.beforeEachRename = {
            renames += 1
            if renames == 2 { concurrentOutcomes = (try? Recovery.recoverAll(data: s.data)) ?? [] }
        }
        let r = try restorer.run().rendered(in: .en)
        #expect(r.tables.first?.status == .restored)
        #expect(renames >= 2)
        #expect(concurrentOutcomes.isEmpty)
        #expect(try dbfreadRows(s.data + "/CLIENTES.DBF").count == 3)
    }

    @Test func recoveryCreatesNothingInAFolderWithoutState() throws {
        let s = try StoreFixture()
        try s.writeLiveClientes()
        try Recovery.recoverAll(data: s.data)
        #expect(!FileManager.default.fileExists(atPath: s.data + "/.resgate"))
    }
}
