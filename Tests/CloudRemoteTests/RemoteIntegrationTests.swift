import BackupSet
import Foundation
import ResgateTestSupport
import Testing
@testable import CloudRemote

/// Against real remotes: `rclone serve webdav` and `rclone serve sftp` on 127.0.0.1,
/// started per test over a temporary folder. sftp offers md5/sha1 (hash checks run);
/// webdav offers none (size checks only): both paths are exercised.
@Suite(.serialized, .enabled(if: LoopbackRemote.rcloneAvailable, Comment(rawValue: LoopbackRemote.rcloneMissingReason)))
struct RemoteIntegrationTests {
    func cacheFolder() -> String { TempFolder.scratchPath("resgate-cache") }

    @Test(arguments: LoopbackRemote.Kind.allCases)
    func listsSetsNewestFirstAndIgnoresTemporaries(_ kind: LoopbackRemote.Kind) throws {
        let remote = try LoopbackRemote(kind)
        let fx = try SetFixture(); defer { fx.remove() }
        try fx.writeTables()
        let root = remote.served + "/Loja1"
        let old = try fx.writeSet("Quarta_19", into: root)
        try fx.writeSet("Quinta_07", into: root, asFolder: true)
        try SetFixture.setModified(old, Date(timeIntervalSinceNow: -86400 * 3))
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/.Sexta_08.zip.partial"))
        try Data("notes".utf8).write(to: URL(fileURLWithPath: root + "/LEIAME.txt"))
        let sets = try RemoteSets(rclone: remote.rclone).sets(in: remote.path("Loja1"))
        #expect(sets.map(\.name) == ["Quinta_07", "Quarta_19"])
        #expect(sets.map(\.kind) == [.folder, .zip])
        #expect(sets[1].bytes == Int64(SetFixture.bytes(old).count))
        #expect(sets[0].tables == 2 && sets[0].hasManifest == true)
        #expect(sets[1].tables == nil)
        #expect(sets[0].path.description == "store:Loja1/Quinta_07")
        // a zip's tables and manifest come from its directory, read from its last bytes
        let inspected = try RemoteSets(rclone: remote.rclone).inspected(sets[1])
        #expect(inspected.tables == 2 && inspected.hasManifest == true && inspected.damage == nil)
        // a zip cut short (an upload that died) is named as damaged, without downloading it
        let whole = SetFixture.bytes(old)
        try whole.prefix(whole.count - 300).write(to: URL(fileURLWithPath: root + "/Terca_07.zip"))
        let cut = try #require(try RemoteSets(rclone: remote.rclone).sets(in: remote.path("Loja1")).first { $0.name == "Terca_07" })
        #expect(try RemoteSets(rclone: remote.rclone).inspected(cut).damage == "no end-of-central-directory record")
    }

    @Test(arguments: LoopbackRemote.Kind.allCases)
    func fetchesChecksAndReusesTheCache(_ kind: LoopbackRemote.Kind) throws {
        let remote = try LoopbackRemote(kind)
        let fx = try SetFixture(); defer { fx.remove() }
        try fx.writeTables()
        let local = try fx.writeSet("Quinta_07", into: remote.served + "/Loja1")
        let cache = SetCache(folder: cacheFolder(), rclone: remote.rclone)
        defer { try? FileManager.default.removeItem(atPath: cache.folder) }
        let set = try remote.path("Loja1/Quinta_07.zip")
        let first = try cache.fetch(set)
        #expect(!first.fromCache)
        #expect(SetFixture.bytes(first.path) == SetFixture.bytes(local))
        #expect(first.hashesChecked == (kind == .sftp ? ["sha1"] : []))
        // the copy is a whole set: it verifies clean
        let report = SetVerifier.verify(first.path)
        #expect(report.ok, "\(report.defects.map { $0.message(in: .en) })")
        #expect(report.tables.map(\.records).sorted() == [5, 50])

        let second = try cache.fetch(set)
        #expect(second.fromCache && second.path == first.path)
        // a cached copy cut short on disk is not trusted: fetched again
        let bytes = SetFixture.bytes(first.path)
        try bytes.prefix(bytes.count - 10).write(to: URL(fileURLWithPath: first.path))
        let again = try cache.fetch(set)
        #expect(!again.fromCache && SetFixture.bytes(again.path) == SetFixture.bytes(local))

        // next week the same slot name holds a new set: the old copy is not taken for it
        try fx.writeTables(logRows: 70, tag: "b")
        let newer = try fx.writeSet("Quinta_07", into: remote.served + "/Loja1")
        try SetFixture.setModified(newer, Date(timeIntervalSinceNow: 60))
        let third = try cache.fetch(set)
        #expect(!third.fromCache)
        #expect(SetFixture.bytes(third.path) == SetFixture.bytes(newer))
        #expect(SetVerifier.verify(third.path).tables.map(\.records).sorted() == [5, 70])
    }

    @Test(arguments: LoopbackRemote.Kind.allCases)
    func fetchesAFolderSet(_ kind: LoopbackRemote.Kind) throws {
        let remote = try LoopbackRemote(kind)
        let fx = try SetFixture(); defer { fx.remove() }
        try fx.writeTables()
        let local = try fx.writeSet("Quinta_07", into: remote.served + "/Loja1", asFolder: true)
        // an empty member still arrives (an empty file is not "already there")
        try Data().write(to: URL(fileURLWithPath: local + "/notas.md"))
        let cache = SetCache(folder: cacheFolder(), rclone: remote.rclone)
        defer { try? FileManager.default.removeItem(atPath: cache.folder) }
        let copy = try cache.fetch(try remote.path("Loja1/Quinta_07"))
        let names = try FileManager.default.contentsOfDirectory(atPath: local).sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: copy.path).sorted() == names)
        for n in names { #expect(SetFixture.bytes(copy.path + "/" + n) == SetFixture.bytes(local + "/" + n)) }
        #expect(SetVerifier.verify(copy.path).ok)
        #expect(try cache.fetch(try remote.path("Loja1/Quinta_07")).fromCache)
    }

    @Test(arguments: LoopbackRemote.Kind.allCases)
    func clearFailures(_ kind: LoopbackRemote.Kind) throws {
        let remote = try LoopbackRemote(kind)
        let sets = RemoteSets(rclone: remote.rclone)
        #expect(throws: CloudError.remoteNotConfigured(remote: "naoexiste")) {
            try sets.list(RemotePath(remote: "naoexiste", path: "Loja1"))
        }
        #expect(throws: CloudError.notFound(path: "store:Loja9/Quinta_07.zip")) {
            try SetCache(folder: cacheFolder(), rclone: remote.rclone).fetch(remote.path("Loja9/Quinta_07.zip"))
        }
        do {
            _ = try sets.list(RemotePath(remote: "wrongpass", path: ""))
            Issue.record("a wrong password was accepted")
        } catch {
            guard case .authFailed(let r, _) = error else { Issue.record("not an auth failure: \(error)"); return }
            #expect(r == "wrongpass")
        }
        remote.stop()
        let started = Date()
        do {
            _ = try sets.list(remote.path(""))
            Issue.record("a stopped server answered")
        } catch {
            guard case .network = error else { Issue.record("not a network failure: \(error)"); return }
            // three attempts, 0.2 s then 0.4 s apart: it did retry with backoff
            #expect(Date().timeIntervalSince(started) >= 0.6)
        }
    }

    @Test(arguments: LoopbackRemote.Kind.allCases)
    func uploadsChecksRenamesAndKeepsN(_ kind: LoopbackRemote.Kind) throws {
        let remote = try LoopbackRemote(kind)
        let fx = try SetFixture(); defer { fx.remove() }
        try fx.writeTables()
        let root = try remote.path("Loja1")
        let served = remote.served + "/Loja1"
        // three older slot sets and one set named by hand, already on the remote
        for (i, name) in ["Segunda_07", "Terca_07", "Quarta_07"].enumerated() {
            let p = try fx.writeSet(name, into: served)
            try SetFixture.setModified(p, Date(timeIntervalSinceNow: Double(-86400 * (4 - i))))
        }
        let manual = try fx.writeSet("antes_da_migracao", into: served)
        try SetFixture.setModified(manual, Date(timeIntervalSinceNow: -86400 * 30))

        let outgoing = fx.root + "/out"
        let local = try fx.writeSet("Quinta_07", into: outgoing)
        let report = try SetUploader(rclone: remote.rclone).upload(local, to: root)
        #expect(report.path.description == "store:Loja1/Quinta_07.zip")
        #expect(report.hashesChecked == (kind == .sftp ? ["sha1"] : []))
        #expect(SetFixture.bytes(served + "/Quinta_07.zip") == SetFixture.bytes(local))
        let pruned = try SetPruner(rclone: remote.rclone).prune(root, keep: 2, newest: report.path)
        #expect(pruned.map(\.name) == ["Segunda_07", "Terca_07"])
        let left = try FileManager.default.contentsOfDirectory(atPath: served).sorted()
        #expect(left == ["Quarta_07.zip", "Quinta_07.zip", "antes_da_migracao.zip"])

        // a folder set replaces last week's folder of the same name, whole
        let folder = try fx.writeSet("Quarta_07", into: outgoing + "2", asFolder: true)
        try FileManager.default.removeItem(atPath: served + "/Quarta_07.zip")
        try FileManager.default.createDirectory(atPath: served + "/Quarta_07", withIntermediateDirectories: true)
        try Data("old".utf8).write(to: URL(fileURLWithPath: served + "/Quarta_07/VELHO.TXT"))
        _ = try SetUploader(rclone: remote.rclone).upload(folder, to: root)
        #expect(try FileManager.default.contentsOfDirectory(atPath: served + "/Quarta_07").sorted()
                == FileManager.default.contentsOfDirectory(atPath: folder).sorted())
        #expect(try FileManager.default.contentsOfDirectory(atPath: served).allSatisfy { !$0.hasPrefix(".") })
    }

    /// The server dies mid-upload: last week's set of the same name stays whole and the
    /// listing never shows the half upload; the next run replaces it.
    @Test func killedServerMidUploadKeepsTheOldSet() throws {
        let remote = try LoopbackRemote(.sftp, serverArguments: ["--bwlimit", "150k"])
        let fx = try SetFixture(); defer { fx.remove() }
        try fx.writeTables()
        let old = try fx.writeSet("Quinta_07", into: remote.served + "/Loja1")
        let oldBytes = SetFixture.bytes(old)
        try fx.writeTables(logRows: 12_000, tag: "novo")
        let local = try fx.writeSet("Quinta_07", into: fx.root + "/out")
        var uploader = SetUploader(rclone: remote.rclone)
        uploader.rclone.retry = RetryPolicy(attempts: 2, firstDelay: 0.1, maxDelay: 0.1)
        let killer = Thread { [remote] in
            Thread.sleep(forTimeInterval: 1.5)
            remote.stop()
        }
        killer.start()
        let root = try remote.path("Loja1")
        do {
            _ = try uploader.upload(local, to: root)
            Issue.record("the upload finished before the server was killed")
        } catch {
            guard case .network = error else { Issue.record("not a network failure: \(error)"); return }
        }
        #expect(SetFixture.bytes(old) == oldBytes)
        remote.serverArguments = []
        try remote.start()
        #expect(try RemoteSets(rclone: remote.rclone).sets(in: root).map(\.name) == ["Quinta_07"])
        _ = try SetUploader(rclone: remote.rclone).upload(local, to: root)
        #expect(SetFixture.bytes(old) == SetFixture.bytes(local))
        #expect(try FileManager.default.contentsOfDirectory(atPath: remote.served + "/Loja1") == ["Quinta_07.zip"])
    }

    /// A part whose bytes are wrong (same length) is caught by the hash sftp offers, deleted,
    /// and never renamed into use; the next fetch starts clean and succeeds.
    @Test func hashMismatchDiscardsThePart() throws {
        let remote = try LoopbackRemote(.sftp)
        let fx = try SetFixture(); defer { fx.remove() }
        try fx.writeTables()
        let local = try fx.writeSet("Quinta_07", into: remote.served + "/Loja1")
        let cache = SetCache(folder: cacheFolder(), rclone: remote.rclone)
        defer { try? FileManager.default.removeItem(atPath: cache.folder) }
        let set = try remote.path("Loja1/Quinta_07.zip")
        let dir = cache.directory(for: set.parent)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // an interrupted earlier run of this same version, whose bytes went bad on disk
        let entry = try #require(try RemoteSets(rclone: remote.rclone).stat(set))
        try SourceVersion(remote: set.description, files: [entry]).write(dir + "/.Quinta_07.zip.part.source.json")
        var bad = SetFixture.bytes(local)
        bad[bad.count / 2] ^= 0xFF
        try bad.write(to: URL(fileURLWithPath: dir + "/.Quinta_07.zip.part"))
        #expect(throws: CloudError.hashMismatch(path: "store:Loja1/Quinta_07.zip", kind: "sha1")) { try cache.fetch(set) }
        #expect(!FileManager.default.fileExists(atPath: dir + "/Quinta_07.zip"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/.Quinta_07.zip.part"))
        let copy = try cache.fetch(set)
        #expect(copy.resumedBytes == 0 && copy.hashesChecked == ["sha1"])
        #expect(SetFixture.bytes(copy.path) == SetFixture.bytes(local))
    }

    /// The server dies mid-download: the set's cache name never holds a part; the next
    /// run (server back, on another port) resumes from the bytes already there.
    @Test func killedServerLeavesNoPartialSetAndTheNextRunResumes() throws {
        // the server sends slowly (client-side limits would not do: the kernel's socket
        // buffers would already hold the whole file when the server dies)
        let remote = try LoopbackRemote(.webdav, serverArguments: ["--bwlimit", "150k"])
        let fx = try SetFixture(); defer { fx.remove() }
        try fx.writeTables(logRows: 12_000)
        let local = try fx.writeSet("Quinta_07", into: remote.served + "/Loja1")
        let total = SetFixture.bytes(local).count
        #expect(total > 600_000)
        var slow = remote.rclone
        slow.retry = RetryPolicy(attempts: 2, firstDelay: 0.1, maxDelay: 0.1)
        let cache = SetCache(folder: cacheFolder(), rclone: slow)
        defer { try? FileManager.default.removeItem(atPath: cache.folder) }
        let set = try remote.path("Loja1/Quinta_07.zip")
        let killer = Thread { [remote] in
            Thread.sleep(forTimeInterval: 1.5)
            remote.stop()
        }
        killer.start()
        var seen: Int64 = 0
        do {
            _ = try cache.fetch(set) { seen = $0.done }
            Issue.record("the download finished before the server was killed")
        } catch {
            guard case .network = error else { Issue.record("not a network failure: \(error)"); return }
        }
        let dir = cache.directory(for: set.parent)
        #expect(!FileManager.default.fileExists(atPath: dir + "/Quinta_07.zip"))
        let partSize = FileFetcher.size(of: dir + "/.Quinta_07.zip.part")
        #expect(partSize > 0 && partSize < Int64(total))
        #expect(seen > 0)

        remote.serverArguments = []
        try remote.start()
        var fast = remote.rclone
        fast.retry = RetryPolicy(attempts: 2, firstDelay: 0.1, maxDelay: 0.1)
        let copy = try SetCache(folder: cache.folder, rclone: fast).fetch(set)
        #expect(copy.resumedBytes == partSize)
        #expect(SetFixture.bytes(copy.path) == SetFixture.bytes(local))
        #expect(!FileManager.default.fileExists(atPath: dir + "/.Quinta_07.zip.part"))
        #expect(SetVerifier.verify(copy.path).ok)
    }
}
