import Foundation
import Testing
import XBase
@testable import RestoreKit

/// Locks, permissions, owners and failures around the swap (issue 14, "Locks and file
/// system"): the ERP's locks are seen on every file and right before the swap, a
/// restored file keeps its owner and mode, and no failure leaves staging or half a set.
@Suite(.serialized) struct SwapSafetyTests {
    /// Three tables (CLIENTES with memos, PRODUTOS, VENDAS), as the crash test uses.
    func store() throws -> StoreFixture {
        let s = try StoreFixture()
        try CrashTests.makeStore(s)
        return s
    }

    func restorer(_ s: StoreFixture, _ options: RestoreOptions = RestoreOptions()) throws -> Restorer {
        Restorer(source: try BackupSetSource(path: s.backup), data: s.data, options: options)
    }

    /// Nothing staged, no operation left half done.
    func expectClean(_ s: StoreFixture, _ before: [String: Data], _ note: String = "") throws {
        #expect(try StoreFixture.snapshot(s.data) == before, "DATA changed \(note)")
        #expect(entries(s.data + "/.resgate/work").isEmpty, "staging left behind \(note)")
        for id in entries(s.data + "/.resgate/undo") {
            if let j = try? Journal.load(from: s.data + "/.resgate/undo/\(id)/journal.json") {
                #expect(j.state != .prepared, "journal \(id) left prepared \(note)")
            }
        }
    }

    @Test(arguments: [ExternalLock.Kind.posix, .ofd, .flock])
    func aLockOnTheMemoOrTheIndexIsSeen(kind: ExternalLock.Kind) throws {
        let s = try store()
        try Data("not really an index".utf8).write(to: URL(fileURLWithPath: s.data + "/PRODUTOS.CDX"))
        let before = try StoreFixture.snapshot(s.data)
        for file in ["CLIENTES.FPT", "PRODUTOS.CDX", "VENDAS.DBF"] {
            let lock = try ExternalLock(s.data + "/" + file, kind: kind)
            let r = try restorer(s).run().rendered(in: .en)
            lock.release()
            #expect(r.id == nil, "\(kind) lock on \(file) not seen")
            #expect(r.tables.contains { ($0.reason ?? "").contains(file) } || (r.refusal ?? "").contains(file),
                    "the refusal names \(file): \(r.refusal ?? "")")
            try expectClean(s, before, "(\(kind) on \(file))")
        }
    }

    /// The ERP opens a table while the restore is writing the new files: the check right
    /// before the swap sees it and nothing is swapped.
    @Test func aLockTakenWhileTablesAreWrittenStopsTheSwap() throws {
        let s = try store()
        let before = try StoreFixture.snapshot(s.data)
        let r = try restorer(s)
        var fd: Int32 = -1
        var records = 0
        r.afterEachRecord = {
            records += 1
            if records == 100 {   // CLIENTES is done, PRODUTOS is being written
                fd = open(s.data + "/VENDAS.DBF", O_RDWR)
                _ = sysFlock(fd, LOCK_EX)
            }
        }
        let report = try r.run().rendered(in: .en)
        defer { close(fd) }
        #expect(fd >= 0)
        #expect(report.id == nil)
        #expect((report.refusal ?? "").contains("VENDAS.DBF"), "\(report.refusal ?? "no refusal")")
        #expect(report.tables.allSatisfy { $0.status == .refused })
        try expectClean(s, before)
    }

    /// A lock that appears while the first tables are already swapped: every table of the
    /// set goes back to its old files (all or nothing).
    @Test func aLockAppearingMidSwapRollsBackTheWholeSet() throws {
        let s = try store()
        let before = try StoreFixture.snapshot(s.data)
        let r = try restorer(s)
        var fd: Int32 = -1
        var renames = 0
        r.beforeEachRename = {
            renames += 1
            if renames == 3 {   // CLIENTES' files are moving; VENDAS is still to come
                fd = open(s.data + "/VENDAS.DBF", O_RDWR)
                _ = sysFlock(fd, LOCK_EX)
            }
        }
        let report = try r.run().rendered(in: .en)
        defer { close(fd) }
        #expect(renames >= 3)
        #expect(report.id == nil && (report.refusal ?? "").contains("VENDAS.DBF"), "\(report.refusal ?? "")")
        try expectClean(s, before)
    }

    /// A failure in the middle of the swap (here VENDAS' old file cannot move into the
    /// snapshot) rolls back every table; with `allOrNothing` off each table ends whole on
    /// its own, the ones before VENDAS new.
    @Test(arguments: [true, false])
    func aFailureMidSwapRollsBackTheWholeSet(allOrNothing: Bool) throws {
        let s = try store()
        let before = try StoreFixture.snapshot(s.data)
        var options = RestoreOptions()
        options.allOrNothing = allOrNothing
        let r = try restorer(s, options)
        var renames = 0
        r.beforeEachRename = {
            renames += 1
            if renames == 5 {   // CLIENTES swapped, PRODUTOS swapping: a folder where VENDAS.DBF must go
                for id in entries(s.data + "/.resgate/undo") { mkdir(s.data + "/.resgate/undo/\(id)/VENDAS.DBF", 0o755) }
            }
        }
        #expect(throws: (any Error).self) { _ = try r.run().rendered(in: .en) }
        let now = try StoreFixture.snapshot(s.data)
        if allOrNothing {
            try expectClean(s, before)
        } else {
            #expect(now["CLIENTES.DBF"] != before["CLIENTES.DBF"], "CLIENTES stays restored")
            #expect(now["VENDAS.DBF"] == before["VENDAS.DBF"], "VENDAS stays old")
        }
    }

    /// Offset of the zip local header of member `name`.
    static func localHeader(of name: [UInt8], in bytes: [UInt8]) -> Int? {
        for i in 0..<(bytes.count - 30 - name.count) where bytes[i] == 0x50 && bytes[i + 1] == 0x4B {
            let sig: [UInt8] = [bytes[i + 2], bytes[i + 3]]
            let stored = Array(bytes[(i + 30)..<(i + 30 + name.count)])
            if sig == [3, 4] && stored == name { return i }
        }
        return nil
    }

    /// The swap fails and the ERP has meanwhile opened a table already swapped: the
    /// rollback does not pull that file from under it; it says so, leaves the journal for
    /// the next command, and that command puts the whole set back once the ERP is closed.
    @Test func aRollbackBlockedByALockWaitsForTheNextCommand() throws {
        let s = try store()
        let before = try StoreFixture.snapshot(s.data)
        let r = try restorer(s)
        var fd: Int32 = -1
        var renames = 0
        r.beforeEachRename = {
            renames += 1
            if renames == 5 {
                for id in entries(s.data + "/.resgate/undo") { mkdir(s.data + "/.resgate/undo/\(id)/VENDAS.DBF", 0o755) }
                fd = open(s.data + "/CLIENTES.DBF", O_RDWR)   // the new CLIENTES, opened by the ERP
                _ = sysFlock(fd, LOCK_EX)
            }
        }
        #expect(throws: SwapTransaction.RollbackPending.self) { _ = try r.run().rendered(in: .en) }
        #expect(throws: Recovery.Blocked.self) { try Recovery.recoverAll(data: s.data) }
        #expect(try StoreFixture.snapshot(s.data) != before, "nothing was pulled from under the ERP")
        close(fd)
        try Recovery.recoverAll(data: s.data)
        try expectClean(s, before)
    }

    /// The ERP's service account must still open a restored (or put back) table.
    @Test func restoredAndPutBackFilesKeepOwnerGroupAndMode() throws {
        let s = try store()
        guard geteuid() == 0 else { return }   // chown to another user needs root
        for f in ["CLIENTES.DBF", "CLIENTES.FPT", "VENDAS.DBF"] {
            #expect(chown(s.data + "/" + f, 1234, 5678) == 0)
            #expect(chmod(s.data + "/" + f, 0o660) == 0)
        }
        let r = try restorer(s).run().rendered(in: .en)
        let id = try #require(r.id, "\(r.refusal ?? "")")
        for f in ["CLIENTES.DBF", "CLIENTES.FPT", "VENDAS.DBF"] {
            let o = try #require(ownership(s.data + "/" + f))
            #expect(o.uid == 1234 && o.gid == 5678 && o.mode == 0o660, "\(f) after restore: \(o)")
        }
        #expect(try dbfreadRows(s.data + "/VENDAS.DBF").count == 4000)
        _ = try UndoStore(data: s.data).undo(id: id)
        for f in ["CLIENTES.DBF", "CLIENTES.FPT", "VENDAS.DBF"] {
            let o = try #require(ownership(s.data + "/" + f))
            #expect(o.uid == 1234 && o.gid == 5678 && o.mode == 0o660, "\(f) after undo: \(o)")
        }
    }

    /// A damaged text member stops the table; nothing staged stays behind.
    @Test func aDamagedMemberLeavesNoStaging() throws {
        let s = try store()
        let before = try StoreFixture.snapshot(s.data)
        let zip = s.root + "/Quinta_07.zip"
        try run("/usr/bin/zip", ["-q", "-j", zip] + entries(s.backup).map { s.backup + "/" + $0 })
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: zip)))
        // garble the middle of VENDAS.TXT's compressed data
        let name = Array("VENDAS.TXT".utf8)
        let at = try #require(Self.localHeader(of: name, in: bytes))
        for i in (at + 30 + name.count + 2000)..<(at + 30 + name.count + 2400) { bytes[i] ^= 0x5A }
        try Data(bytes).write(to: URL(fileURLWithPath: zip))
        let r = Restorer(source: try BackupSetSource(path: zip), data: s.data, options: RestoreOptions())
        let report = try? r.run().rendered(in: .en)
        #expect(report?.id == nil)
        try expectClean(s, before)
    }
}

/// The same, through the `resgate` executable: other users, `ulimit -f`.
@Suite(.serialized) struct SwapSafetyCLITests {
    func binary() throws -> String {
        try #require(CrashTests.resgateBinary, "the resgate executable must be built beside the tests")
    }

    func store() throws -> StoreFixture {
        let s = try StoreFixture()
        try CrashTests.makeStore(s)
        // other users must reach the fixture
        for d in [s.root, s.backup] { chmod(d, 0o755) }
        return s
    }

    /// A user who may not write the DBF still sees the ERP's lock (the probe opens the
    /// file read-only) and is refused.
    @Test func aUserWithoutWritePermissionStillSeesTheLock() throws {
        guard geteuid() == 0 else { return }   // needs to run the child as another user
        let s = try store()
        chmod(s.data, 0o777)
        let before = try StoreFixture.snapshot(s.data)
        let lock = try ExternalLock(s.data + "/VENDAS.DBF", kind: .posix)
        defer { lock.release() }
        let r = try runChild([try binary(), "restore", s.backup, "--data", s.data, "--all", "--yes", "--json", "--lang", "en"],
                             asUser: 65534)
        #expect(r.status == 3, "\(r.stdout) \(r.stderr)")
        #expect(r.stdout.contains("VENDAS.DBF is open in the ERP"), "\(r.stdout)")
        #expect(try StoreFixture.snapshot(s.data) == before)
    }

    /// A file whose locks cannot even be probed (this user may not open it) is refused,
    /// never taken for "free".
    @Test func aFileThatCannotBeProbedIsRefusedClearly() throws {
        guard geteuid() == 0 else { return }
        let s = try store()
        chmod(s.data, 0o777)
        try Data("an index".utf8).write(to: URL(fileURLWithPath: s.data + "/PRODUTOS.CDX"))
        chmod(s.data + "/PRODUTOS.CDX", 0o000)
        let before = try StoreFixture.snapshot(s.data)
        let r = try runChild([try binary(), "restore", s.backup, "--data", s.data, "--all", "--yes", "--json", "--lang", "en"],
                             asUser: 65534)
        #expect(r.status == 3, "\(r.stdout) \(r.stderr)")
        #expect(r.stdout.contains("cannot check whether PRODUTOS.CDX is open in the ERP"), "\(r.stdout)")
        #expect(try StoreFixture.snapshot(s.data) == before)
        #expect(TableLocks.check(s.data + "/PRODUTOS.CDX/x") != .free, "ENOTDIR is no answer")
    }

    /// A folder the user may not write is refused as what it is, not as "busy".
    @Test func aReadOnlyFolderIsCalledReadOnly() throws {
        guard geteuid() == 0 else { return }
        let s = try store()
        chmod(s.data, 0o755)   // root's; the child runs as nobody
        let before = try StoreFixture.snapshot(s.data)
        let r = try runChild([try binary(), "restore", s.backup, "--data", s.data, "--all", "--yes", "--json", "--lang", "en"],
                             asUser: 65534)
        #expect(r.status == 3)
        #expect(!r.stdout.contains("another Resgate operation"), "\(r.stdout)")
        #expect(r.stdout.contains("read-only"), "\(r.stdout) \(r.stderr)")
        #expect(try StoreFixture.snapshot(s.data) == before)
    }

    /// `ulimit -f`: the write fails (EFBIG) instead of SIGXFSZ killing the process; the
    /// person is told, and the staging is gone.
    @Test func aFileSizeLimitIsAnErrorNotASignal() throws {
        let s = try store()
        let before = try StoreFixture.snapshot(s.data)
        let r = try runChild([try binary(), "restore", s.backup, "--data", s.data, "--all", "--yes", "--lang", "en"],
                             fileSizeLimit: 100_000)
        #expect(!r.killedBySignal, "killed by a signal (SIGXFSZ)")
        #expect(r.status == 3, "\(r.stdout) \(r.stderr)")
        let said = r.stdout + r.stderr
        #expect(said.contains("nothing was changed") && said.contains("ulimit -f"), "\(said)")
        #expect(said.contains(".DBF") || said.contains(".FPT"), "the message names the file: \(said)")
        #expect(try StoreFixture.snapshot(s.data) == before)
        #expect(entries(s.data + "/.resgate/work").isEmpty, "staging left: \(entries(s.data + "/.resgate/work"))")
    }
}
