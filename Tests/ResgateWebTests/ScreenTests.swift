import Fiscal
import Foundation
import ResgateLocale
import ResgateTestSupport
import ResgateWeb
import RestoreKit
import StoreOps
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 16's server-side parts: the handover report (content, escaping, saved and
/// served), the numbering verdict's words, locked tables in Portuguese, a busy port, and
/// the page embedded in the binary.
@Suite struct ScreenTests {
    static func restoreReport(_ json: String) throws -> RestoreReport {
        try JSONDecoder().decode(RestoreReport.self, from: Data(json.utf8))
    }

    /// A check whose NFC-e series lost notes 41…52 (the tax authority has them, the
    /// restored data stops at 40).
    static func failingCheck(issuer: String = "12345678000195") throws -> CheckReport {
        func note(_ n: Int, cancelled: Bool = false) -> String {
            #"{"number":\#(n),"key":"3526\#(n)","issued":"2026-12-03T10:\#(n)","protocolNumber":"1","cancelled":\#(cancelled),"denied":false,"file":"x.xml"}"#
        }
        let notes = (41...52).map { note($0) } + [note(60, cancelled: true)]
        let json = """
        {"language":"pt","data":"/d","xmlFolder":"/x","configFile":null,"status":"fail","checks":[
        {"name":"fiscal-sequence","status":"fail","message":"x","messages":{"pt":"faltam notas","en":"notes missing"},
         "subject":"\(issuer) mod 65 série 1","issuer":"\(issuer)","cnpj":"\(issuer)","model":65,"series":1,"table":"VENDAS",
         "lastInData":40,"lastAuthorized":52,"counter":null,"nextSafe":53,"gaps":[],"duplicates":[],"duplicateRecords":[],
         "authorizedAfterData":[\(notes.joined(separator: ","))],"authorizedMissingInData":[],"authorizedMissingInDataCount":0,
         "wrongKeys":[],"wrongKeyCount":0,"voided":[],"verdicts":[{"from":53,"to":55,"verdict":"void","deadline":"2026-12-10","deadlineRule":"tenth-of-next-month","daysLeft":6}],"rowsInData":40,"documentsInXML":52,"comparedWithXML":true}]}
        """
        return try JSONDecoder().decode(CheckReport.self, from: Data(json.utf8))
    }

    @Test func verdictSaysDoNotReleaseWithTheNotesToReenter() throws {
        let v = NumberingVerdict(check: try Self.failingCheck(), data: "/d")
        #expect(v.state == .doNotRelease)
        #expect(v.lines.first?.pt == "NÃO LIBERE O SISTEMA: NFC-e série 1, CNPJ 12.345.678/0001-95 — próxima nota 53; notas a redigitar 41–52")
        #expect(v.lines.first?.en.hasPrefix("DO NOT RELEASE THE SYSTEM: NFC-e series 1") == true)
        #expect(v.series.first?.reenter.map(\.number) == Array(41...52), "a cancelled note is not re-entered")
        #expect(!v.lines[0].pt.contains("mod 65"))
    }

    @Test func verdictWithoutACheckSaysItWasNotChecked() {
        let v = NumberingVerdict(check: nil, data: "/loja/dados")
        #expect(v.state == .notChecked)
        #expect(v.lines.first?.pt.contains("NÃO foi conferida") == true)
        #expect(v.howTo?.pt.contains("--xml") == true && v.howTo?.pt.contains("/loja/dados") == true)
    }

    @Test func cnpjIsFormattedNumericAndAlphanumeric() {
        #expect(NumberingVerdict.formatCNPJ("12345678000195") == "12.345.678/0001-95")
        #expect(NumberingVerdict.formatCNPJ("12abc34501de35") == "12.ABC.345/01DE-35")
        #expect(NumberingVerdict.formatCNPJ("12345678909") == "123.456.789-09")
        #expect(NumberingVerdict.formatCNPJ("123") == "123")
        #expect(NumberingVerdict.ranges([52, 41, 42, 43, 50, 51]) == "41–43, 50–52")
        #expect(NumberingVerdict.documentName(model: 55) == "NF-e")
    }

    @Test func handoverReportEscapesEveryValueAndCarriesTheChecklist() throws {
        let hostile = #"<script>alert('x')</script>&\"#
        let report = try Self.restoreReport("""
        {"id":"20261204-101010-abcd","dryRun":false,"into":null,"sourceKind":"set","source":"/b/Quinta_07.zip\(hostile.replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\\", with: "\\\\"))",
         "refusal":null,"tables":[
          {"status":"restored","name":"VENDAS","records":52,"replaced":40,"dropped":[],"blank":["OBS"],"converted":[],"defects":[],"reason":null,"seconds":0.1},
          {"status":"refused","name":"CAIXA","records":0,"replaced":7,"dropped":[],"blank":[],"converted":[],"defects":[],"reason":"<b>travado</b>","seconds":null}]}
        """)
        let h = HandoverReport(restore: report, check: try Self.failingCheck(), data: "/loja/<dados>", language: .pt)
        let html = h.html()
        #expect(!html.contains("<script>"), "no value reaches the page unescaped")
        #expect(!html.contains("<b>travado"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"))
        #expect(html.contains("/loja/&lt;dados&gt;"))
        #expect(html.contains("NÃO LIBERE O SISTEMA: NFC-e série 1, CNPJ 12.345.678/0001-95 — próxima nota 53; notas a redigitar 41–52"))
        #expect(html.contains("Quinta_07.zip"))
        for item in ["As vendas baixam corretamente", "A sequência numérica NFC-e / NF-e está correta",
                     "Entradas de notas fiscais (compras)", "Demais movimentações", "O que falta conferir à mão"] {
            #expect(html.contains(item), "checklist item \(item)")
        }
        #expect(html.contains("3526" + "41"), "the notes to re-enter, with their keys")
        #expect(html.contains("<tr><th>Série</th><th>Número</th>"), "the notes table's first column is the series, not a checklist sentence")
        #expect(html.contains("53–55 (3): inutilizar"), "the verdict of every missing number (issue 18)")
        // CAIXA was refused: its "after" is a dash, not 0, and its reason is listed
        #expect(h.rows.first { $0.table == "CAIXA" }?.after == nil)
        #expect(html.contains("<td class=\"num\">7</td><td class=\"num\">—</td>"))
        #expect(html.contains("<strong>CAIXA</strong>: &lt;b&gt;travado&lt;/b&gt;"))
        #expect(h.checklist.count == 4 && h.checklist[1].status == "fail")
        let en = HandoverReport(restore: report, check: nil, data: "/d", language: .en).html()
        #expect(en.contains("Backup restore report") && en.contains("was NOT checked"))
        #expect(HandoverReport.escape("a\u{0}b\u{1B}c\n") == "abc\n")
    }

    @Test func restoreOverHTTPSavesAndServesTheReportAndSaysNotChecked() async throws {
        let f = try await WebFixture().start()
        let snap = try await f.run("/api/restore", ["set": "Quinta_07.zip", "tables": ["CLIENTES"], "lang": "pt"])
        let result = try #require(snap["result"] as? [String: Any])
        let verdict = try #require(result["verdict"] as? [String: Any])
        #expect(verdict["state"] as? String == "not-checked")
        let handover = try #require(result["handover"] as? [String: String])
        let path = try #require(handover["path"])
        #expect(path.hasPrefix(f.data + "/.resgate/relatorios/restauracao-"))
        #expect(FileManager.default.fileExists(atPath: path))
        let reply = try await f.get(try #require(handover["url"]))
        #expect(reply.status == 200)
        #expect(reply.header("Content-Type")?.hasPrefix("text/html") == true)
        #expect(reply.header("Content-Security-Policy")?.contains("script-src") == false)
        #expect(reply.header("Content-Security-Policy")?.hasPrefix("default-src 'none'") == true)
        #expect(reply.text.contains("Relatório de restauração de backup") && reply.text.contains("CLIENTES"))
        #expect(reply.text.contains("NÃO foi conferida"))
        // only a report's file name is served, never a path
        #expect(try await f.get("/api/reports/..%2F..%2Fetc%2Fpasswd").status >= 400)
        #expect(try await f.get("/api/reports/restauracao-nada.html").status == 404)
        #expect(try await f.get("/api/reports/outro.html").status == 400)
        // and it needs the token
        #expect(try await f.http.send("GET", try #require(handover["url"])).status == 401)
    }

    @Test func dryRunAndComparisonNeverSayProcessamentoEfetuado() async throws {
        let f = try await WebFixture().start()
        let preview = try await f.run("/api/restore", ["set": "Quinta_07.zip", "tables": ["CLIENTES"], "dryRun": true, "lang": "pt"])
        let previewID = try #require(preview["id"] as? String)
        let compare = try await f.run("/api/compare", ["set": "Quinta_07.zip", "tables": ["CLIENTES"], "lang": "pt"])
        let compareID = try #require(compare["id"] as? String)
        let real = try await f.run("/api/restore", ["set": "Quinta_07.zip", "tables": ["CLIENTES"], "lang": "pt"])
        let realID = try #require(real["id"] as? String)
        func messages(_ id: String) async throws -> String {
            try await f.get("/api/operations/\(id)/events").text
        }
        let p = try await messages(previewID), c = try await messages(compareID), r = try await messages(realID)
        #expect(!p.contains("Processamento efetuado.") && p.contains("Simulação concluída"))
        #expect(!c.contains("Processamento efetuado.") && c.contains("Comparação pronta."))
        #expect(r.contains("Processamento efetuado."))
    }

    @Test func aLockedTableIsMarkedAndRefusedInPortuguese() async throws {
        let f = try await WebFixture().start()
        let fd = open(f.data + "/CLIENTES.DBF", O_RDONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let tables = try await f.get("/api/tables?lang=pt").json
        let locks = try #require(tables["locks"] as? [[String: Any]])
        #expect(locks.count == 1 && locks.first?["table"] as? String == "CLIENTES")
        let words = try #require(locks.first?["message"] as? [String: String])
        #expect(words["pt"]?.hasPrefix("em uso pelo ERP: CLIENTES.DBF") == true)
        let leaks = ["flock", "whole-file", "held by", "lock held"]
        for l in leaks { #expect(words["pt"]?.contains(l) == false, "English in: \(words["pt"] ?? "")") }

        let snap = try await f.run("/api/restore", ["set": "Quinta_07.zip", "dryRun": true, "lang": "pt"])
        let result = try #require(snap["result"] as? [String: Any])
        let report = try #require(result["restore"] as? [String: Any])
        let rows = try #require(report["tables"] as? [[String: Any]])
        #expect(!rows.isEmpty && rows.allSatisfy { $0["status"] as? String == "refused" })
        for r in rows {
            let reason = try #require(r["reason"] as? String, "every refused table says why: \(r["name"] ?? "")")
            for l in leaks { #expect(!reason.contains(l), "English in: \(reason)") }
        }
        #expect((result["locks"] as? [[String: Any]])?.first?["table"] as? String == "CLIENTES")
        #expect(result["verdict"] is NSNull, "no verdict when nothing was restored")
    }

    @Test func holderWordsComeFromTheCatalogue() {
        #expect(TableLocks.Holder.wholeFileLock.phrase.text(in: .pt).contains("travado por inteiro por outro programa"))
        #expect(!TableLocks.Holder.wholeFileLock.phrase.text(in: .pt).contains("flock"))
        let me = getpid()
        let words = TableLocks.Holder.recordLock(pid: me).phrase.text(in: .pt)
        #expect(words.hasPrefix("travado pelo processo \(me) ("), "the program's name when the system tells it: \(words)")
    }

    /// A socket listening on a free port of 127.0.0.1; closed by the caller.
    static func occupiedPort() throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && listen(fd, 1) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard ok else { throw RawHTTP.Failure(description: "no port") }
        return (fd, Int(UInt16(bigEndian: addr.sin_port)))
    }

    @Test func aPortInUseIsSaidInPortuguese() async throws {
        let (fd, port) = try Self.occupiedPort()
        defer { close(fd) }
        var c = WebServer.Configuration(data: "/tmp", backups: nil)
        c.port = port
        do {
            try await WebServer(configuration: c).run { _ in }
            Issue.record("served on a port in use")
        } catch let e as WebServer.PortInUse {
            #expect(e.port == port)
            #expect(e.text(in: .pt).hasPrefix("a porta \(port) já está em uso"))
        }
        // through the command: exit 3, the sentence, nothing on stdout
        let folder = try TempFolder()
        let r = try ResgateBinary.run(["ui", "--data", folder.path, "--port", "\(port)", "--lang", "pt"])
        #expect(r.status == 3)
        #expect(r.err.contains("a porta \(port) já está em uso"), "stderr: \(r.err)")
        #expect(!r.out.contains("http://"))
    }

    @Test func uiHelpSaysATokenIsPrintedAndWhatToOpen() throws {
        let pt = try ResgateBinary.run(["ui", "--help"], environment: ["LANG": "pt_BR.UTF-8"])
        #expect(pt.out.contains("token") && pt.out.contains("Abra esse endereço inteiro"), "\(pt.out)")
        let en = try ResgateBinary.run(["ui", "--help"], environment: ["LANG": "en_US.UTF-8"])
        #expect(en.out.contains("Open that whole address (token included)"), "\(en.out)")
    }

    @Test func theEmbeddedPageEqualsStaticAndIsServed() async throws {
        let dir = PackagePaths.root.appendingPathComponent("Sources/ResgateWeb/Static").path
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { !$0.hasPrefix(".") }.sorted()
        #expect(names.contains("index.html") && names.contains("screen.js"))
        let f = try await WebFixture().start()
        for name in names {
            let disk = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
            let served = try await f.http.send("GET", "/" + name)
            #expect(served.status == 200, "\(name) is served")
            #expect(served.body == disk, "the embedded \(name) differs from Static/: run scripts/embed-static.py")
        }
    }
}
