import Foundation
import ResgateLocale
import ResgateTestSupport
import RestoreKit
import StoreOps
import Testing
import XBase

/// The operations layer's own rules, without a front end: the one encoder and its nulls,
/// table names from input, the post-restore check policy, the failures' exit kinds.
@Suite struct OperationsTests {
    struct Doc: Encodable {
        @Nullable var date: String?
        var id: String?
        var n: Int
    }

    @Test func nullableKeysAreWrittenAsNullPlainOptionalsLeftOut() throws {
        let text = String(decoding: try JSONDocument.encode(Doc(date: nil, id: nil, n: 1), pretty: false), as: UTF8.self)
        #expect(text == #"{"date":null,"n":1}"#)
        let full = String(decoding: try JSONDocument.encode(Doc(date: "2026-11-26", id: "x/y", n: 2), pretty: false), as: UTF8.self)
        #expect(full == #"{"date":"2026-11-26","id":"x/y","n":2}"#)
    }

    @Test func tableNamesFromInputAreValidatedAndCaseFolded() throws {
        let names = try #require(try RestoreRequest.tables(["vendas", "Clientes_2"]))
        #expect(names.map(\.canonical) == ["VENDAS", "CLIENTES_2"])
        #expect(try RestoreRequest.tables([]) == nil)
        for bad in ["../etc", "a b", "", "x.dbf", "\u{1B}[31m"] {
            #expect(throws: OperationFailure.self, "\(bad)") { try RestoreRequest.tables([bad]) }
        }
        do { _ = try RestoreRequest.tables(["a/b"]) } catch {
            #expect(error.exit == .badInput)
            #expect(error.text(in: .pt).contains("nome de tabela inválido"))
        }
    }

    @Test func postRestoreCheckRunsOnlyAfterALiveRestoreWithSomethingToCheckAgainst() throws {
        let temp = try TempFolder("ops-policy")
        let data = temp.path
        func wanted(_ id: String?, dryRun: Bool = false, into: String? = nil, data: String? = data,
                    xml: String? = nil, config: String? = nil) -> Bool {
            PostRestoreCheck.wanted(undoID: id, dryRun: dryRun, into: into, data: data, xml: xml, config: config)
        }
        #expect(!wanted("1"))
        #expect(wanted("1", xml: "/x"))
        #expect(wanted("1", config: "/c.toml"))
        #expect(!wanted(nil, dryRun: true, xml: "/x"))
        #expect(!wanted("1", into: "/sandbox", xml: "/x"))
        #expect(!wanted("1", data: nil, xml: "/x"))
        FileManager.default.createFile(atPath: data + "/resgate.toml", contents: Data())
        #expect(wanted("1"))
    }

    @Test func missingFoldersAndSetsAreBadInput() throws {
        let temp = try TempFolder("ops-missing")
        let ops = StoreOperations(data: temp.path + "/nope")
        #expect(throws: OperationFailure.self) { try ops.scan(language: .en) }
        do { _ = try ops.scan(language: .pt) } catch let f as OperationFailure {
            #expect(f.exit == .badInput)
            #expect(f.text(in: .pt) == "a pasta \(temp.path)/nope não existe")
        }
        do { _ = try SetOperations.verify(temp.path + "/X.zip", language: .en) } catch {
            #expect(error.exit == .badInput)
        }
    }

    /// The demo store through the operations directly: what the front ends render.
    @Test func demoStoreThroughTheOperations() throws {
        let temp = try TempFolder("ops-demo")
        let store = DemoStore(root: temp.path)
        try store.buildWithBackups()
        let ops = StoreOperations(data: store.data)
        let scan = try ops.scan(language: .en)
        #expect(scan.exit == .defects)
        #expect(scan.tables.first { $0.name == "VENDAS" }?.isDamaged == true)
        let listing = try SetOperations.list(store.backups, language: .en)
        // both sets are written within a second here, so their order by date is not fixed
        #expect(Set(listing.sets.map(\.name)) == ["Quinta_07", "Quarta_19"])
        let verify = try SetOperations.verify(store.backups + "/Quinta_07.zip", language: .en)
        #expect(verify.ok && verify.exit == .ok)
        let source = try BackupSetSource(path: store.backups + "/Quinta_07.zip")
        let vendas = try #require(TableName("vendas"))
        let dry = try RestoreOperation.run(source, data: store.data, request: RestoreRequest(tables: [vendas], dryRun: true),
                                           language: .en)
        #expect(dry.id == nil && dry.tables.first?.status == .wouldRestore)
        let live = try RestoreOperation.run(source, data: store.data, request: RestoreRequest(tables: [vendas]), language: .en)
        let id = try #require(live.id)
        #expect(try ops.scan(language: .en).tables.first { $0.name == "VENDAS" }?.isDamaged == false)
        let diff = try ops.diff(source, table: vendas, key: ["NUMERO"], examples: 3)
        #expect(diff.exit == .ok)
        #expect(ops.snapshots().snapshots.first?.id == id)
        let undone = try ops.undo(id: id)
        #expect(undone.undone == id && undone.tables == ["VENDAS"])
        do { _ = try ops.undo(id: "no-such") } catch { #expect(error.exit == .badInput) }
    }
}

@Suite struct CatalogueTests {
    /// Every sentence has words in every language, and they differ where a language is
    /// not just the other one's spelling (a forgotten translation shows up here).
    @Test func everyPhraseHasWordsInEveryLanguage() {
        let phrases: [Phrase] = [
            .folderMissing("D"), .dataFolderMissing("D"), .setMissing("S"), .tableNotInBackup("T"),
            .tableNotInData(table: "T", folder: "D"), .noSuchTables("T"), .invalidTableName("T"),
            .noSuchSnapshot("I"), .unusableCheckInput("W"), .invalidBackupDate("X"), .unknownKeyField("K"),
            .backupFailed, .unreadableTable("T"), .unreadableBackupRoot("R"), .folderBusy, .tableInUse(holder: "H"),
            .undoRefused("W"), .undoRefused(.restore(.undoBusy)), .undoRefused(.restore(.undoNotAnID("../x"))), .checkingTables(done: 1, total: 2), .checking, .verifyingSet("S"), .comparing("T"),
            .undoing("I"), .tablesPutBack(["A"]), .toRedo(data: "D", id: "I"), .freed("1 KB"), .noSnapshots,
            .deleteSnapshotsQuestion, .continueQuestion, .nothingChanged, .noDefectsFound, .defectsFound(2),
            .recordCount(3), .postRestoreCheckHeading, .postRestoreCheckHint(data: "D"), .reindexConfirm(2),
            .indexesSwapped(id: "I", data: "D"), .restoreStatus("restored"), .mappingBlank(["F"]), .mappingDropped(["F"]),
            .mappingConverted(["F"]), .mappingSame, .refusedBecause("W"), .undoHint(folder: "D", id: "I"),
            .dryRunNothingWritten, .restoreWarning, .undoSnapshotKept, .diffByRecordOrder(table: "T"),
            .diffByKey(table: "T", key: "K"), .diffCounts(onlyInBackup: 1, onlyInData: 2, changed: 3, same: 4),
            .diffOnlyInBackup(key: "K", line: 1), .diffOnlyInData(key: "K", record: 2), .diffChanged(key: "K", changes: "C"),
        ]
        for p in phrases {
            for l in Language.allCases { #expect(!p.text(in: l).isEmpty, "\(p) in \(l)") }
            #expect(p.text(in: .pt) != p.text(in: .en), "\(p)")
        }
    }
}
