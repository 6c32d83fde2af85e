import Foundation
import ResgateTestSupport
import Testing

/// cli.md: with no terminal to ask, a change without `--yes` is refused (exit 2) and
/// nothing is written; a restore whose post-restore check failed exits 4; without an XML
/// folder or resgate.toml the restore says the numbering was not checked.
@Suite(.serialized) struct ConfirmationTests {
    /// Every file under `folder` (recursively) with its bytes.
    static func snapshot(_ folder: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: folder)
        while let f = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: folder + "/" + f, isDirectory: &isDir)
            if !isDir.boolValue { out[f] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + f)) }
        }
        return out
    }

    @Test func undoAndPruneWithoutYesAndNoTerminalChangeNothing() throws {
        let (temp, root) = try PortugueseByDefaultTests.demo()
        defer { _ = temp }
        let data = root + "/dados"
        let restore = try ResgateBinary.run(["restore", root + "/backup/Quinta_07.zip", "--data", data, "--table", "VENDAS",
                                             "--yes", "--json"])
        #expect(restore.status == 0, "\(restore.err)")
        let doc = try #require(try JSONSerialization.jsonObject(with: restore.outData) as? [String: Any])
        let id = try #require(doc["id"] as? String)
        let before = try Self.snapshot(data)

        let pt = try ResgateBinary.runWithoutLocale(["undo", "--data", data, id])
        #expect(pt.status == 2, "\(pt.out)\(pt.err)")
        #expect(pt.err.contains("Sem terminal para confirmar") && pt.err.contains("--yes"), "\(pt.err)")
        let en = try ResgateBinary.run(["undo", "--data", data, id])
        #expect(en.status == 2)
        #expect(en.err.contains("No terminal to ask") && en.err.contains("--yes"), "\(en.err)")
        let prune = try ResgateBinary.runWithoutLocale(["undo", "--data", data, "--prune"])
        #expect(prune.status == 2, "\(prune.err)")
        #expect(try Self.snapshot(data) == before, "a refused undo or prune changed DATA")

        // with --yes it is done
        let yes = try ResgateBinary.runWithoutLocale(["undo", "--data", data, id, "--yes"])
        #expect(yes.status == 0, "\(yes.err)")
        #expect(yes.out.contains("Tabelas devolvidas: VENDAS"))
    }

    /// On a terminal (a pseudo-terminal from util-linux `script`), `undo ID` asks first: "n"
    /// changes nothing (exit 3), "s" puts the tables back.
    @Test func undoOnATerminalAsks() throws {
        guard let script = ProcessRunner.which("script"), let bin = ResgateBinary.path else { return }
        let (temp, root) = try PortugueseByDefaultTests.demo()
        defer { _ = temp }
        let data = root + "/dados"
        let list = try ResgateBinary.run(["undo", "--data", data, "--list", "--json"])
        let doc = try #require(try JSONSerialization.jsonObject(with: list.outData) as? [String: Any])
        // the re-creation's snapshot (VENDAS and ITENSVENDA): ids made in the same second do
        // not sort by time, so "the first" is not one fixed snapshot
        let id = try #require((doc["snapshots"] as? [[String: Any]])?
            .first { ($0["tables"] as? [Any])?.count ?? 0 > 1 }?["id"] as? String)
        func answer(_ a: String) throws -> ProcessRunner.Result {
            // the answer comes after the question is on the terminal, and the input stays open
            // until the command has said its last line (a pipe closed at once races the pty)
            try ProcessRunner.run("/bin/sh", ["-c", "(sleep 1; printf '\(a)\\n'; sleep 1) | \(script) -qec '\(bin) undo --data \(data) \(id)' /dev/null"],
                                  removing: ["LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"])
        }
        let before = try Self.snapshot(data).filter { !$0.key.hasPrefix(".resgate") }
        let no = try answer("n")
        #expect(no.status == 3, "\(no.out)")
        #expect(no.out.contains("Devolver as tabelas") && no.out.contains("[s/N]") && no.out.contains("Nada foi alterado."), "\(no.out)")
        #expect(try Self.snapshot(data).filter { !$0.key.hasPrefix(".resgate") } == before)
        let yes = try answer("s")
        #expect(yes.status == 0, "\(yes.out)")
        #expect(yes.out.contains("Tabelas devolvidas:"), "\(yes.out)")
        #expect(try Self.snapshot(data).filter { !$0.key.hasPrefix(".resgate") } != before)
    }

    @Test func restoreWhoseCheckFailsExits4AndSaysSoFirst() throws {
        let (temp, root) = try PortugueseByDefaultTests.demo()
        defer { _ = temp }
        let r = try ResgateBinary.run(["restore", root + "/backup/Quinta_07.zip", "--data", root + "/dados",
                                       "--table", "VENDAS", "--yes"])
        #expect(r.status == 4, "\(r.out)\(r.err)")
        #expect(r.out.hasPrefix("DO NOT RELEASE THE SYSTEM: NFC-e series 1, CNPJ 12.345.678/0001-95 — next note 65; notes to re-enter 41–46, 48–52, 56, 62–64"),
                "\(r.out)")
        #expect(r.out.contains("exit status 4"))
        // the table was replaced all the same (4 is "done, but do not open the store")
        let scan = try ResgateBinary.run(["scan", root + "/dados", "--json"])
        #expect(scan.out.contains("\"health\" : \"damaged\"") == false, "\(scan.out)")
    }

    @Test func restoreWithoutXMLOrConfigSaysTheNumberingWasNotChecked() throws {
        let (temp, root) = try PortugueseByDefaultTests.demo()
        defer { _ = temp }
        try FileManager.default.removeItem(atPath: root + "/dados/resgate.toml")
        let r = try ResgateBinary.runWithoutLocale(["restore", root + "/backup/Quinta_07.zip", "--data", root + "/dados",
                                                    "--table", "CLIENTES", "--yes"])
        #expect(r.status == 0, "\(r.out)\(r.err)")
        #expect(r.out.hasPrefix("A NUMERAÇÃO FISCAL NÃO FOI CONFERIDA"), "\(r.out)")
        #expect(r.out.contains("resgate check --data \(root)/dados --xml PASTA_DOS_XML"))
    }
}
