import Foundation
import ResgateTestSupport
import Testing
import XBase
@testable import CloudRemote

/// The `resgate` executable itself against a loopback remote, as a technician runs it:
/// backup --to REMOTE --keep, backups, verify, show and restore from the remote, and the
/// failure messages with exit 3.
@Suite(.serialized, .enabled(if: LoopbackRemote.rcloneAvailable, Comment(rawValue: LoopbackRemote.rcloneMissingReason)))
struct CommandLineTests {
    struct Run {
        var status: Int32
        var out: String
        var err: String
    }

    /// Output goes to files, not pipes: rclone children may outlive the command and would
    /// hold a pipe open.
    func resgate(_ args: [String], remote: LoopbackRemote, env extra: [String: String] = [:]) throws -> Run {
        let binary = try #require(ResgateBinary.path, "the resgate executable is built by `swift build --build-tests`")
        let temp = try TempFolder("resgate-cli")
        let dir = temp.path
        _ = FileManager.default.createFile(atPath: dir + "/out", contents: nil)
        _ = FileManager.default.createFile(atPath: dir + "/err", contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["RCLONE_CONFIG"] = remote.configPath
        env["LANG"] = "en_US.UTF-8"
        env.removeValue(forKey: "LC_ALL")
        p.environment = env.merging(extra) { $1 }
        p.standardOutput = FileHandle(forWritingAtPath: dir + "/out")
        p.standardError = FileHandle(forWritingAtPath: dir + "/err")
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return Run(status: p.terminationStatus,
                   out: (try? String(contentsOfFile: dir + "/out", encoding: .utf8)) ?? "",
                   err: (try? String(contentsOfFile: dir + "/err", encoding: .utf8)) ?? "")
    }

    @Test(arguments: LoopbackRemote.Kind.allCases)
    func backupKeepListVerifyShowRestore(_ kind: LoopbackRemote.Kind) throws {
        let remote = try LoopbackRemote(kind)
        let fx = try SetFixture(); defer { fx.remove() }
        try fx.writeTables(logRows: 300)
        let cache = fx.root + "/cache"
        let served = remote.served + "/Loja1"
        // three backups, each slot older than the next, keeping two
        var lastJSON = ""
        for (i, name) in ["Segunda_07", "Terca_07", "Quarta_07"].enumerated() {
            let r = try resgate(["backup", "--data", fx.data, "--to", "store:Loja1", "--name", name, "--keep", "2",
                                 "--cache", cache, "--json"], remote: remote)
            #expect(r.status == 0, "\(r.err)")
            try SetFixture.setModified(served + "/\(name).zip", Date(timeIntervalSinceNow: Double(-3600 * (3 - i))))
            lastJSON = r.out
        }
        #expect(lastJSON.contains("\"store:Loja1/Quarta_07.zip\""))
        #expect(lastJSON.contains("\"pruned\" : [\n    \"store:Loja1/Segunda_07.zip\"") || lastJSON.contains("store:Loja1/Segunda_07.zip"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: served).sorted() == ["Quarta_07.zip", "Terca_07.zip"])
        // the local copy written before the upload is gone once the upload is checked
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: cache + "/outgoing")) ?? []).isEmpty)

        let list = try resgate(["backups", "store:Loja1", "--json", "--cache", cache], remote: remote)
        #expect(list.status == 0, "\(list.err)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [String: Any])
        let sets = try #require(doc["sets"] as? [[String: Any]])
        #expect(sets.compactMap { $0["name"] as? String } == ["Quarta_07", "Terca_07"])
        #expect(sets.allSatisfy { $0["kind"] as? String == "remote" })
        #expect(sets.compactMap { $0["tables"] as? Int } == [2, 2])
        #expect(sets.compactMap { $0["manifest"] as? Bool } == [true, true])

        let verify = try resgate(["verify", "store:Loja1/Quarta_07.zip", "--cache", cache], remote: remote)
        #expect(verify.status == 0, "\(verify.err)")
        #expect(verify.out.contains("No defects found."))
        #expect(verify.err.contains("downloaded and checked"))

        let show = try resgate(["show", "store:Loja1/Quarta_07.zip", "LOG", "--format", "csv", "--limit", "3", "--cache", cache], remote: remote)
        #expect(show.status == 0, "\(show.err)")
        #expect(show.err.contains("cached copy already checked"))

        // after a listing of a cached set, its tables are known
        let list2 = try resgate(["backups", "store:Loja1", "--cache", cache], remote: remote)
        let cachedRow = list2.out.split(separator: "\n").first { $0.contains("(cached)") }.map(String.init) ?? ""
        #expect(cachedRow.contains(" 2 ") && cachedRow.hasSuffix("yes"), "\(list2.out)")

        // the live tables are what was backed up: diff against the remote finds nothing
        let diff = try resgate(["diff", "store:Loja1/Quarta_07.zip", "--data", fx.data, "--table", "LOG", "--key", "ID",
                                "--cache", cache, "--json"], remote: remote)
        #expect(diff.status == 0, "\(diff.err)")
        let diffDoc = try #require(try JSONSerialization.jsonObject(with: Data(diff.out.utf8)) as? [String: Any])
        #expect(diffDoc["onlyInBackup"] as? Int == 0 && diffDoc["onlyInData"] as? Int == 0 && diffDoc["changed"] as? Int == 0)

        let into = fx.root + "/restored"
        let restore = try resgate(["restore", "store:Loja1/Quarta_07.zip", "--into", into, "--all", "--yes", "--cache", cache], remote: remote)
        #expect(restore.status == 0, "\(restore.err)")
        for name in ["CLIENTES", "LOG"] {
            let a = try DBFTable.open(path: fx.data + "/\(name).DBF")
            let b = try DBFTable.open(path: into + "/\(name).DBF")
            #expect(a.recordCount == b.recordCount)
            var left: [[DBFValue]] = [], right: [[DBFValue]] = []
            try a.forEachRecord { r in left.append(try a.fields.map { try r.value($0) }) }
            try b.forEachRecord { r in right.append(try b.fields.map { try r.value($0) }) }
            #expect(left == right, "\(name) differs after the round trip through the remote")
        }
    }

    @Test func failuresSayWhatToDoAndExit3() throws {
        let remote = try LoopbackRemote(.webdav)
        let cache = TempFolder.scratchPath("resgate-cli-cache")
        defer { try? FileManager.default.removeItem(atPath: cache) }

        let unconfigured = try resgate(["verify", "naoexiste:Loja1/Quinta_07.zip", "--cache", cache], remote: remote)
        #expect(unconfigured.status == 3)
        #expect(unconfigured.err.contains("rclone config"))

        let pt = try resgate(["backups", "naoexiste:Loja1", "--lang", "pt"], remote: remote)
        #expect(pt.status == 3)
        #expect(pt.err.contains("não está configurado"))

        let missing = try resgate(["backups", "store:Loja1"], remote: remote, env: ["RESGATE_RCLONE": "/nonexistent/rclone"])
        #expect(missing.status == 3)
        #expect(missing.err.contains("apt-get install rclone"))

        let auth = try resgate(["restore", "wrongpass:Loja1/Quinta_07.zip", "--into", cache + "/x", "--all", "--yes"], remote: remote)
        #expect(auth.status == 3)
        #expect(auth.err.contains("refused access"))

        let unsafe = try resgate(["verify", "store:Loja1/../../etc/passwd"], remote: remote)
        #expect(unsafe.status == 2)
        #expect(unsafe.err.contains("'..'"))

        remote.stop()
        let down = try resgate(["show", "store:Loja1/Quinta_07.zip", "--cache", cache], remote: remote)
        #expect(down.status == 3)
        #expect(down.err.contains("could not reach"))
    }
}
