import Foundation
import ResgateTestSupport
import Testing

/// `resgate restore` writes the printable handover report as the web screen does (issue
/// 16): after a restore that replaced tables in DATA, `DATA/.resgate/relatorios/
/// restauracao-<id>.html`, its path printed (text) or under `handoverReport` (--json);
/// never after a dry run, `--into` or a refusal.
@Suite(.serialized) struct HandoverReportCLITests {
    func demo() throws -> (TempFolder, String) {
        let temp = try TempFolder("resgate-handover")
        let root = temp.path + "/demo"
        let r = try ResgateBinary.run(["demo", root, "--lang", "en", "--quiet"])
        try #require(r.status == 0, "resgate demo failed: \(r.err)")
        return (temp, root)
    }

    func reports(_ data: String) -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: data + "/.resgate/relatorios")) ?? [])
    }

    /// The report's text: an HTML document naming the set, the data folder and each table.
    func expectReport(_ path: String, tables: [String], undoID: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.hasPrefix("<!doctype html>"), sourceLocation: sourceLocation)
        #expect(html.contains("</html>"), sourceLocation: sourceLocation)
        #expect(html.contains("Quinta_07"), "names the set", sourceLocation: sourceLocation)
        #expect(html.contains(undoID), sourceLocation: sourceLocation)
        for t in tables { #expect(html.contains("<td>\(t)</td>"), "names \(t)", sourceLocation: sourceLocation) }
        #expect(!html.contains("<script"), sourceLocation: sourceLocation)
    }

    @Test func restoreSavesTheReportAndPrintsItsPath() throws {
        let (temp, root) = try demo()
        _ = temp
        let data = root + "/dados"
        let set = root + "/backup/Quinta_07.zip"
        let before = reports(data)

        // text, Portuguese: the path on its own line, in the catalogue's words
        let r = try ResgateBinary.run(["restore", set, "--data", data, "--table", "CLIENTES", "PRODUTOS", "--yes", "--lang", "pt"])
        #expect(r.status == 0 || r.status == 4, "\(r.err)")
        let line = try #require(r.out.split(separator: "\n").first { $0.hasPrefix("Relatório para imprimir e entregar: ") },
                                "\(r.out)")
        let path = String(line.dropFirst("Relatório para imprimir e entregar: ".count))
        #expect(path.hasPrefix(data + "/.resgate/relatorios/restauracao-") && path.hasSuffix(".html"))
        #expect(FileManager.default.fileExists(atPath: path))
        let id = String((path as NSString).lastPathComponent.dropFirst("restauracao-".count).dropLast(".html".count))
        try expectReport(path, tables: ["CLIENTES", "PRODUTOS"], undoID: id)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("lang=\"pt-BR\"") && html.contains("Relatório de restauração de backup"))
        #expect(reports(data).subtracting(before) == [(path as NSString).lastPathComponent])

        // --json: the same report under `handoverReport`, in English with --lang en
        let j = try ResgateBinary.run(["restore", set, "--data", data, "--table", "VENDAS", "--yes", "--json", "--lang", "en"])
        let doc = try #require(try JSONSerialization.jsonObject(with: j.outData) as? [String: Any], "\(j.out) \(j.err)")
        let jsonPath = try #require(doc["handoverReport"] as? String)
        let undoID = try #require(doc["id"] as? String)
        #expect(jsonPath == data + "/.resgate/relatorios/restauracao-\(undoID).html")
        try expectReport(jsonPath, tables: ["VENDAS"], undoID: undoID)
        #expect(try String(contentsOfFile: jsonPath, encoding: .utf8).contains("lang=\"en\""))
    }

    @Test func noReportWithoutAReplacedTable() throws {
        let (temp, root) = try demo()
        _ = temp
        let data = root + "/dados"
        let set = root + "/backup/Quinta_07.zip"
        let before = reports(data)
        for args in [["--table", "CLIENTES", "--dry-run"],
                     ["--table", "CLIENTES", "--into", root + "/sandbox", "--yes"],
                     ["--table", "NAOEXISTE", "--yes"]] {
            let j = try ResgateBinary.run(["restore", set, "--data", data, "--json"] + args)
            let doc = try #require(try JSONSerialization.jsonObject(with: j.outData) as? [String: Any], "\(j.out) \(j.err)")
            #expect(doc.keys.contains("handoverReport") && doc["handoverReport"] is NSNull, "\(args)")
            let t = try ResgateBinary.run(["restore", set, "--data", data, "--lang", "pt"] + args)
            #expect(!t.out.contains("Relatório para imprimir"), "\(args): \(t.out)")
        }
        #expect(reports(data) == before, "nothing saved")
    }

    /// A refused table kept what it had: its "after" column says "-", not 0.
    @Test func aRefusedTableHasNoAfterCount() throws {
        let (temp, root) = try demo()
        _ = temp
        let data = root + "/dados"
        let fd = open(data + "/VENDAS.DBF", O_RDONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0, "the test holds VENDAS.DBF as the ERP would")
        let t = try ResgateBinary.run(["restore", root + "/backup/Quinta_07.zip", "--data", data, "--table", "VENDAS",
                                       "--yes", "--lang", "pt"])
        #expect(t.status == 3, "\(t.out) \(t.err)")
        let row = try #require(t.out.split(separator: "\n").first { $0.hasPrefix("VENDAS ") }, "\(t.out)")
        let cells = row.split(separator: " ", omittingEmptySubsequences: true)
        #expect(cells.count >= 4 && cells[1] == "recusada" && cells[3] == "-", "\(row)")
    }
}
