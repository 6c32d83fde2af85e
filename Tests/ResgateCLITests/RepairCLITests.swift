import Foundation
import ResgateTestSupport
import Testing

/// `resgate repair` through the real executable: no terminal and no --yes refuses, a dry
/// run writes nothing, a repair lists what it fixed, exits 1, and `undo` puts it back.
@Suite struct RepairCLITests {
    /// The binary with no locale (Portuguese unless `--lang en`) and stdin on /dev/null.
    static func run(_ args: [String]) throws -> ProcessRunner.Result { try ResgateBinary.runWithoutLocale(args) }

    @Test func repairThroughTheBinary() throws {
        let t = try DamagedTable()
        try t.setHeaderCount(t.rows - 2)
        try t.setField(5, "EMISSAO", Array("2026X101".utf8))
        let damaged = try t.files()

        let refused = try Self.run(["repair", t.data, "--table", "VENDAS", "--lang", "pt"])
        #expect(refused.status == 2)
        #expect(refused.err.contains("--yes"))
        #expect(try t.files() == damaged)

        let dry = try Self.run(["repair", t.data, "--table", "vendas", "--dry-run", "--json"])
        #expect(dry.status == 1)
        #expect(try t.files() == damaged)
        let dryDoc = try #require(try JSONSerialization.jsonObject(with: Data(dry.out.utf8)) as? [String: Any])
        #expect(dryDoc["status"] as? String == "would-repair")
        #expect(dryDoc["dryRun"] as? Bool == true)
        #expect(dryDoc["id"] is NSNull)

        let done = try Self.run(["repair", t.data, "--table", "VENDAS", "--yes", "--json"])
        #expect(done.status == 1, "\(done.err)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(done.out.utf8)) as? [String: Any])
        #expect(doc["status"] as? String == "repaired")
        #expect(doc["recordsAfter"] as? Int == t.rows)
        let findings = try #require(doc["findings"] as? [[String: Any]])
        #expect(findings.map { $0["kind"] as? String } == ["headerCount", "fieldBytes"])
        #expect(findings[1]["record"] as? Int == 6)
        #expect(findings[1]["bytes"] as? String == "3230323658313031")
        let id = try #require(doc["id"] as? String)

        let again = try Self.run(["repair", t.data, "--table", "VENDAS", "--yes", "--lang", "pt"])
        #expect(again.status == 0)
        #expect(again.out.contains("nada a consertar"))

        let undo = try Self.run(["undo", "--data", t.data, id, "--yes", "--json"])
        #expect(undo.status == 0, "\(undo.err)")
        #expect(try t.files() == damaged)

        let missing = try Self.run(["repair", t.data, "--table", "NAOEXISTE", "--yes"])
        #expect(missing.status == 2)
    }
}
