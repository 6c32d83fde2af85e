import BackupSet
import Foundation
import Testing
import XBase
@testable import RestoreKit

/// Names that come from outside (an undo id, a set's member names) never become paths
/// (issue 14, "Guards that can be walked around").
@Suite struct NameGuardTests {
    /// `undo --data DATA ../…/other/.resgate/undo/ID` must not load another folder's
    /// journal and swap that folder's live tables.
    @Test func anUndoIDIsANameNeverAPath() throws {
        let s = try StoreFixture()
        try s.writeLiveClientes()
        try s.writeBackupClientes()
        // a second store (the "sandbox") with a real restore and its snapshot
        let sandbox = s.root + "/sandbox"
        try CrashTests.copyFolder(s.data, sandbox)
        let done = try Restorer(source: try BackupSetSource(path: s.backup), data: sandbox, options: RestoreOptions()).run().rendered(in: .en)
        let id = try #require(done.id)
        let sandboxBefore = try StoreFixture.snapshot(sandbox)
        let dataBefore = try StoreFixture.snapshot(s.data)
        let store = UndoStore(data: s.data)
        for hostile in ["../../../sandbox/.resgate/undo/" + id, "../../../sandbox/.resgate/undo/\(id)/",
                        sandbox + "/.resgate/undo/" + id, "..", ".", "", "a/b", "\(id)\u{1B}[2J", id + "\n"] {
            #expect(throws: UndoStore.UndoError.self, "\(hostile)") { _ = try store.undo(id: hostile) }
            do { _ = try store.undo(id: hostile) } catch let e as UndoStore.UndoError {
                #expect(e.isBadInput)
                #expect(!e.description.contains("\u{1B}"), "the id is printed escaped")
            }
        }
        #expect(throws: UndoStore.UndoError.self) { _ = try store.prune(ids: ["../../../sandbox/.resgate/undo/" + id]) }
        #expect(try StoreFixture.snapshot(sandbox) == sandboxBefore, "the other folder's tables are untouched")
        #expect(try StoreFixture.snapshot(s.data) == dataBefore)
        #expect(FileManager.default.fileExists(atPath: sandbox + "/.resgate/undo/" + id + "/journal.json"))
        // the real id in its own folder still works
        #expect(try UndoStore(data: sandbox).undo(id: id) != id)
        #expect(Journal.isID(Journal.newID()))
    }

    /// A journal that names a file by a path is not followed.
    @Test func aJournalNamingAPathIsRefused() throws {
        let s = try StoreFixture()
        let folders = ResgateFolders(data: s.data)
        try FileOps.makeDirectory(folders.snapshot("20260101-000000-abcd"))
        var j = Journal(id: "20260101-000000-abcd", created: Journal.isoNow(), operation: "restore", source: nil,
                        state: .committed, tables: [])
        j.tables = [.init(name: "X", oldFiles: ["../../escape.DBF"], newFiles: ["X.DBF"], state: .swapped,
                          recordsBefore: nil, recordsAfter: nil, bytesBefore: 0)]
        try j.save(to: folders.journal(j.id))
        #expect(throws: Journal.NotAPlainName.self) { _ = try Journal.load(from: folders.journal(j.id)) }
        #expect(throws: UndoStore.UndoError.self) { _ = try UndoStore(data: s.data).undo(id: j.id) }
    }

    /// `.._Estr.TXT` and `.resgate_Estr.TXT` would become `...DBF` and `.RESGATE.DBF` in
    /// DATA; a name with an escape sequence would reach the terminal.
    @Test func memberNamesThatAreNotTableNamesAreDefectsAndNeverFiles() throws {
        let estr = "ID;I;4;0\r\nDESCR;C;20;0\r\n"
        for stem in ["..", ".resgate", "A\u{1B}[2JB", "VENDAS 2", "X-Y", "ÇÃO"] {
            let s = try StoreFixture()
            try s.write(s.backup + "/\(stem)_Estr.TXT", estr, codePage: .cp1252)
            try s.write(s.backup + "/\(stem).TXT", "1,\"a\"\r\n", codePage: .cp1252)
            try s.write(s.backup + "/OK_Estr.TXT", estr, codePage: .cp1252)
            try s.write(s.backup + "/OK.TXT", "1,\"a\"\r\n", codePage: .cp1252)
            let set = try BackupSet.open(s.backup)
            #expect(set.tables.map(\.name) == ["OK"], "\(printableEscaped(stem))")
            let d = try #require(set.defects.first { $0.kind == .badTableName }, "\(printableEscaped(stem))")
            #expect(d.table == nil, "a set-level defect: the whole set is suspect")
            #expect(!d.message(in: .pt).contains("\u{1B}") && !d.message(in: .en).contains("\u{1B}"))
            #expect(!(d.file ?? "").contains("\u{1B}"))
            let before = try StoreFixture.snapshot(s.data)
            let r = try Restorer(source: try BackupSetSource(path: s.backup), data: s.data, options: RestoreOptions()).run().rendered(in: .en)
            #expect(r.refusal != nil && r.id == nil)
            #expect(try StoreFixture.snapshot(s.data) == before, "nothing written in DATA")
            let names = try FileManager.default.contentsOfDirectory(atPath: s.data)
            #expect(names.allSatisfy { $0 == ".resgate" }, "\(names)")
        }
    }
}
