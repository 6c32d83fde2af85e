import Foundation
import ResgateLocale
import ResgateTestSupport
import Testing
@testable import CloudRemote

@Suite struct RemotePathTests {
    @Test func parsesRemoteAndPath() throws {
        let p = try #require(try RemotePath(parsing: "mega:Backups/Loja1//Quinta_07.zip"))
        #expect(p.remote == "mega")
        #expect(p.path == "Backups/Loja1/Quinta_07.zip")
        #expect(p.name == "Quinta_07.zip")
        #expect(p.parent.description == "mega:Backups/Loja1")
        #expect(try p.parent.appending("Sexta_08.zip").description == "mega:Backups/Loja1/Sexta_08.zip")
        #expect(try RemotePath(parsing: "mega:")?.path == "")
        // sftp: a leading `/` is absolute, without it the path is under the login's home
        let absolute = try #require(try RemotePath(parsing: "loja:/srv//backup/"))
        #expect(absolute.path == "/srv/backup")
        #expect(try absolute.appending("Quinta_07.zip").description == "loja:/srv/backup/Quinta_07.zip")
        #expect(absolute.parent.parent.description == "loja:/")
        #expect(try absolute.parent.parent.appending("x").description == "loja:/x")
    }

    @Test func connectionStringsKeepQuotedColons() throws {
        let p = try #require(try RemotePath(parsing: ":webdav,url='http://127.0.0.1:8080/':sets/Quinta_07.zip"))
        #expect(p.remote == ":webdav,url='http://127.0.0.1:8080/'")
        #expect(p.path == "sets/Quinta_07.zip")
    }

    @Test func localPathsAreNotRemote() throws {
        #expect(try RemotePath(parsing: "/work/backup/Quinta_07.zip") == nil)
        #expect(try RemotePath(parsing: "./a:b/Quinta_07.zip") == nil)
        #expect(try RemotePath(parsing: "Quinta_07.zip") == nil)
        #expect(try RemotePath(parsing: "C:\\backup") == nil)
        #expect(!RemotePath.looksRemote("backup/Quinta_07"))
        #expect(RemotePath.looksRemote("mega:backup/Quinta_07"))
        // an existing local file wins, whatever its name
        let dir = TempFolder.scratchPath("rp")
        try FileManager.default.createDirectory(atPath: dir + "/x:y", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(!RemotePath.looksRemote(dir + "/x:y"))
    }

    @Test(arguments: [
        ("mega:../segredo", RemotePathProblem.parentSegment),
        ("mega:a/../../b", .parentSegment),
        ("mega:-rf", .leadingDash),
        ("mega:pasta/--config=/tmp/x", .leadingDash),
        ("-mega:pasta", .badRemoteName),
        ("me$ga:pasta", .badRemoteName),
        ("mega:pasta\u{1B}[2J", .controlCharacter),
        ("mega:a\nb", .controlCharacter),
        (":web;dav:pasta", .badRemoteName),
    ])
    func unsafeArgumentsAreRefused(_ argument: String, _ problem: RemotePathProblem) {
        #expect(throws: CloudError.invalidRemote(argument: argument, problem)) { try RemotePath(parsing: argument) }
    }

    @Test func refusalMessagesNeverCarryControlCharacters() {
        let e = CloudError.invalidRemote(argument: "mega:a\u{1B}b", .controlCharacter)
        #expect(e.message(in: .pt).contains("\\u{1b}"))
        #expect(!e.message(in: .en).unicodeScalars.contains { $0.value == 0x1B })
        #expect(e.message(in: .pt).contains("caractere de controle"))
    }

    @Test func appendingRefusesPathsAndEmptyNames() throws {
        let root = try RemotePath(remote: "mega", path: "b")
        #expect(throws: CloudError.self) { try root.appending("x/y") }
        #expect(throws: CloudError.self) { try root.appending("") }
        #expect(throws: CloudError.self) { try root.appending("..") }
    }
}

@Suite struct FailureClassificationTests {
    func classify(_ status: Int32, _ stderr: String) -> CloudError {
        RcloneFailure.classify(status: status, stderr: stderr, command: "lsjson", operands: ["mega:Backups"])
    }

    @Test func notConfigured() {
        let e = classify(1, "2026/11/27 04:20:26 Failed to create file system for \"mega:Backups\": didn't find section in config file\n")
        #expect(e == .remoteNotConfigured(remote: "mega"))
        #expect(e.message(in: .pt).contains("rclone config"))
        #expect(e.message(in: .en).contains("rclone config"))
    }

    @Test func authRefusals() {
        #expect(classify(1, "Failed to create file system: read metadata failed: Unauthorized: 401 Unauthorized") ==
                .authFailed(remote: "mega", detail: "Failed to create file system: read metadata failed: Unauthorized: 401 Unauthorized"))
        if case .authFailed = classify(1, "NewFs: couldn't connect SSH: ssh: handshake failed: ssh: unable to authenticate") {} else {
            Issue.record("ssh refusal not classified as auth")
        }
        if case .authFailed = classify(1, "couldn't login: Object (typically, node or user) not found") {} else {
            Issue.record("MEGA login refusal not classified as auth")
        }
    }

    @Test func networkFailuresAreRetryable() {
        for text in ["dial tcp 127.0.0.1:9: connect: connection refused", "read: connection reset by peer",
                     "dial tcp: lookup g.api.mega.co.nz: no such host", "unexpected EOF"] {
            if case .network = classify(1, text) {} else { Issue.record("\(text) not classified as network") }
        }
        if case .network = classify(5, "something temporary") {} else { Issue.record("exit 5 is rclone's temporary error") }
    }

    @Test func missingPaths() {
        #expect(classify(3, "ERROR : : error listing: directory not found") == .notFound(path: "mega:Backups"))
    }

    @Test func timestampsAreStripped() {
        #expect(RcloneFailure.stripTimestamp("2026/11/27 04:20:26 Failed to x") == "Failed to x")
        #expect(RcloneFailure.stripTimestamp("Failed to x") == "Failed to x")
    }

    @Test func backoffDoublesUpToTheCap() {
        let p = RetryPolicy(attempts: 5, firstDelay: 1, maxDelay: 5)
        #expect([1, 2, 3, 4].map(p.delay(after:)) == [1, 2, 4, 5])
    }
}

@Suite struct NamingAndListingTests {
    @Test func slotNamesAreOneScheme() {
        let s = NamingScheme(setName: "Quinta_07.zip")
        #expect(s == .slot)
        #expect(s.matches("Terça_19"))
        #expect(s.matches("SABADO_07.zip"))
        #expect(!s.matches("antes_da_migracao"))
        #expect(!s.matches("loja1_20261127.zip"))
    }

    @Test func datedNamesMatchByShape() {
        let s = NamingScheme(setName: "loja1_20261127.zip")
        #expect(s.matches("loja7_20261120"))
        #expect(!s.matches("loja1_2026-11-20"))
        #expect(!s.matches("Quinta_07"))
        #expect(!NamingScheme(setName: "antes_da_migracao").matches("antes_da_troca"))
    }

    @Test func rcloneTimesParse() throws {
        let a = try #require(RemoteEntry.parseTime("2026-11-27T04:20:23Z"))
        let b = try #require(RemoteEntry.parseTime("2026-11-27T01:20:23.500000000-03:00"))
        #expect(b.timeIntervalSince(a) == 0.5)
        #expect(RemoteEntry.parseTime("ontem") == nil)
    }

    @Test func lsjsonDecodes() throws {
        let json = #"[{"Path":"Quinta_07.zip","Name":"Quinta_07.zip","Size":92233,"ModTime":"2026-11-27T04:38:03Z","IsDir":false,"Hashes":{"md5":"AB","sha1":""}}]"#
        let e = try RemoteEntry.decode(Data(json.utf8))
        #expect(e == [RemoteEntry(path: "Quinta_07.zip", name: "Quinta_07.zip", size: 92233,
                                  modified: RemoteEntry.parseTime("2026-11-27T04:38:03Z"), isDir: false, hashes: ["md5": "ab"])])
        #expect(LocalHasher.choose(from: ["md5": "ab", "sha1": "cd"])?.kind == "sha1")
        #expect(LocalHasher.choose(from: ["dropbox": "x"]) == nil)
    }

    @Test func missingRcloneIsSaidWithHowToInstall() {
        var r = Rclone(executable: nil)
        r.retry = RetryPolicy(attempts: 1)
        #expect(throws: CloudError.rcloneMissing) { try RemoteSets(rclone: r).list(RemotePath(remote: "mega", path: "")) }
        #expect(CloudError.rcloneMissing.message(in: .pt).contains("apt-get install rclone"))
        #expect(Rclone.locate(["RESGATE_RCLONE": "/nonexistent/rclone"]) == nil)
    }
}
