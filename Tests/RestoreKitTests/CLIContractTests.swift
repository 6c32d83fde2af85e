import Foundation
import ResgateTestSupport
import Testing

/// The command line as scripts outside the project call it (cli.md): exit statuses and
/// the JSON keys they rely on, through the real `resgate` executable.
@Suite struct CLIContractTests {
    func resgate(_ args: [String]) throws -> ProcessRunner.Result { try ResgateBinary.run(args) }

    func json(_ s: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any])
    }

    @Test func badCommandLinesExit2() throws {
        #expect(try resgate(["restore"]).status == 2)
        #expect(try resgate(["restore", "SET", "--data", "D"]).status == 2) // neither --all nor --table
        #expect(try resgate(["scan", "/no/such/folder"]).status == 2)
        #expect(try resgate(["no-such-command"]).status == 2)
    }

    /// cli.md: with no terminal to ask (the test's stdin is not one), a restore into DATA
    /// without --yes is refused with exit 2 and DATA keeps every byte.
    @Test func restoreWithoutYesAndNoTerminalChangesNothing() throws {
        let s = try StoreFixture()
        try s.writeLiveClientes()
        try s.writeBackupClientes()
        let files = try FileManager.default.contentsOfDirectory(atPath: s.data).sorted()
        let before = try files.map { try Data(contentsOf: URL(fileURLWithPath: s.data + "/" + $0)) }
        let r = try resgate(["restore", s.backup, "--data", s.data, "--all", "--lang", "pt"])
        #expect(r.status == 2, "\(r.err)")
        #expect(r.err.contains("--yes"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.data).sorted() == files)
        #expect(try files.map { try Data(contentsOf: URL(fileURLWithPath: s.data + "/" + $0)) } == before)
    }

    @Test func scanAndRestoreJSONKeys() throws {
        let s = try StoreFixture()
        try s.writeLiveClientes()
        try s.writeBackupClientes()
        let scan = try resgate(["scan", s.data, "--json"])
        #expect(scan.status == 0, "\(scan.err)")
        let table = try #require((try json(scan.out)["tables"] as? [[String: Any]])?.first)
        for key in ["name", "file", "version", "lastUpdate", "records", "deleted", "bytes", "codepage", "memo", "index", "health", "defects"] {
            #expect(table.keys.contains(key), "scan JSON lacks \(key)")
        }
        #expect(table["health"] as? String == "ok")
        #expect(table["index"] is NSNull)

        let dry = try resgate(["restore", s.backup, "--data", s.data, "--all", "--dry-run", "--json"])
        #expect(dry.status == 0, "\(dry.err)")
        let doc = try json(dry.out)
        for key in ["id", "dryRun", "into", "tables"] { #expect(doc.keys.contains(key), "restore JSON lacks \(key)") }
        #expect(doc["id"] is NSNull)
        let t = try #require((doc["tables"] as? [[String: Any]])?.first)
        for key in ["name", "status", "records", "replaced", "dropped", "blank", "converted", "defects"] {
            #expect(t.keys.contains(key), "restore table JSON lacks \(key)")
        }
        #expect(t["status"] as? String == "would-restore")

        let real = try resgate(["restore", s.backup, "--data", s.data, "--all", "--yes", "--json"])
        #expect(real.status == 0, "\(real.err)")
        let id = try #require(try json(real.out)["id"] as? String)
        let list = try resgate(["undo", "--data", s.data, "--list", "--json"])
        let snaps = try #require(try json(list.out)["snapshots"] as? [[String: Any]])
        #expect(snaps.first?["id"] as? String == id)
        for key in ["id", "created", "tables"] { #expect(snaps.first?.keys.contains(key) == true) }
    }

    @Test func refusedRestoreExits3AndChangesNothing() throws {
        let s = try StoreFixture()
        try s.writeLiveClientes()
        try s.writeBackupClientes(extraLine: "4,\"x\",1.00,2026XX01,T", extraMemo: "m")
        let before = try StoreFixture.snapshot(s.data)
        let r = try resgate(["restore", s.backup, "--data", s.data, "--all", "--yes"])
        #expect(r.status == 3)
        #expect(r.out.contains("CLIENTES.TXT"))
        #expect(try StoreFixture.snapshot(s.data) == before)
    }

    @Test func portugueseFollowsLANG() throws {
        let s = try StoreFixture()
        try s.writeLiveClientes()
        try s.writeBackupClientes()
        let bin = try #require(CrashTests.resgateBinary)
        // empty LC_ALL / LC_MESSAGES do not count (Language.fromEnvironment): LANG decides
        let env = ["LANG": "pt_BR.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""]
        let out = try run(bin, ["restore", s.backup, "--data", s.data, "--all", "--yes"], env: env)
        #expect(out.contains("restaurada"))
        #expect(out.contains("Desfazer"))
    }
}
