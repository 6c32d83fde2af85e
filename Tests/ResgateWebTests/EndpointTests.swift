import Foundation
import ResgateWeb
import Testing
import XBase

/// Every endpoint, over HTTP, against a real store: what the page shows and what it does.
@Suite("ui endpoints", .serialized)
struct EndpointTests {
    let f: WebFixture
    init() async throws { f = try await WebFixture().start() }

    @Test func infoNamesTheFolders() async throws {
        let r = try await f.get("/api/info").json
        #expect(r["data"] as? String == f.data)
        #expect(r["backups"] as? String == f.backups)
        #expect(r["running"] == nil, "nothing runs")
    }

    @Test func tablesAreTheScan() async throws {
        let r = try await f.get("/api/tables?lang=pt").json
        let tables = try #require(r["tables"] as? [[String: Any]])
        #expect(tables.map { $0["name"] as? String } == ["CLIENTES", "PRODUTOS", "VENDAS"])
        #expect(tables.map { $0["records"] as? Int } == [7, 3, 300])
        #expect(tables.allSatisfy { $0["health"] as? String == "ok" && $0["lastUpdate"] is String })
    }

    @Test func backupsListTheSetAndItsVerification() async throws {
        let before = try #require(await f.get("/api/backups").json["sets"] as? [[String: Any]])
        #expect(before.count == 1)
        #expect(before.first?["id"] as? String == "Quinta_07.zip")
        #expect(before.first?["slot"] as? String == "Quinta_07")
        #expect(before.first?["tables"] as? Int == 3)
        #expect(before.first?["verification"] == nil, "not verified yet")
        let op = try await f.run("/api/verify", ["set": "Quinta_07.zip", "lang": "en"])
        #expect(op["state"] as? String == "done")
        let result = try #require(op["result"] as? [String: Any])
        #expect(result["ok"] as? Bool == true)
        #expect((result["tables"] as? [[String: Any]])?.map { $0["records"] as? Int } == [5, 3, 300])
        let after = try #require(await f.get("/api/backups").json["sets"] as? [[String: Any]])
        let v = try #require(after.first?["verification"] as? [String: Any])
        #expect(v["ok"] as? Bool == true && v["defects"] as? Int == 0)
    }

    @Test func setNamesOutsideTheRootAreRefused() async throws {
        #expect(try await f.post("/api/verify", ["set": "../dados"]).status == 400)
        #expect(try await f.post("/api/restore", ["set": "/etc"]).status == 400)
        #expect(try await f.post("/api/compare", ["set": "Sexta_19.zip"]).status == 404)
        #expect(try await f.http.send("POST", "/api/restore", headers: f.auth, body: Data("not json".utf8)).status == 400)
        #expect(try await f.get("/api/operations/nope").status == 404)
        #expect(f.server.center.recent().isEmpty)
    }

    @Test func compareRestoresIntoASandboxAndDiffs() async throws {
        let live = try f.bytes("CLIENTES")
        let op = try await f.run("/api/compare", ["set": "Quinta_07.zip", "tables": ["CLIENTES", "VENDAS"], "key": ["CODIGO"]])
        #expect(op["state"] as? String == "done", "\(op)")
        let r = try #require(op["result"] as? [String: Any])
        let sandbox = try #require(r["sandbox"] as? String)
        #expect(sandbox.hasPrefix(f.data + "/.resgate/sandbox/"))
        #expect(try DBFTable.open(path: sandbox + "/CLIENTES.DBF").recordCount == 5)
        let diffs = try #require(r["diffs"] as? [[String: Any]])
        let clientes = try #require(diffs.first { $0["table"] as? String == "CLIENTES" })
        #expect(clientes["onlyInData"] as? Int == 2 && clientes["onlyInBackup"] as? Int == 0)
        #expect(clientes["same"] as? Int == 5)
        // VENDAS has no CODIGO field: its diff says so and the others still come
        #expect(diffs.first { $0["table"] as? String == "VENDAS" }?["error"] is String)
        #expect(try f.bytes("CLIENTES") == live, "DATA untouched")
        #expect(try f.records("CLIENTES") == 7)
    }

    @Test func restorePreviewThenRestoreThenUndo() async throws {
        let before = try f.bytes("CLIENTES")
        let preview = try await f.run("/api/restore", ["set": "Quinta_07.zip", "tables": ["clientes"], "dryRun": true])
        let pr = try #require((preview["result"] as? [String: Any])?["restore"] as? [String: Any])
        let pt = try #require((pr["tables"] as? [[String: Any]])?.first)
        #expect(pt["status"] as? String == "would-restore")
        #expect(pt["replaced"] as? Int == 7 && pt["records"] as? Int == 5)
        #expect(try f.bytes("CLIENTES") == before, "a preview writes nothing")

        let started = try await f.post("/api/restore", ["set": "Quinta_07.zip", "tables": ["CLIENTES"], "lang": "pt"])
        #expect(started.status == 202)
        let id = try #require(started.json["operation"] as? String)
        // the live stream: the ERP's words in order, then the end
        let stream = try await f.http.send("GET", "/api/operations/\(id)/events?token=\(f.token)")
        #expect(stream.header("Content-Type")?.hasPrefix("text/event-stream") == true)
        let text = stream.text
        let words = ["Processando TABELAS", "Incluindo registros nas tabelas", "Processamento efetuado."]
        let places = words.compactMap { text.range(of: $0)?.lowerBound }
        #expect(places.count == 3 && places == places.sorted(), "\(text)")
        #expect(text.contains("event: tableDone") && text.contains("event: end"))
        let op = try await f.get("/api/operations/\(id)").json
        #expect(op["state"] as? String == "done")
        let result = try #require(op["result"] as? [String: Any])
        let report = try #require(result["restore"] as? [String: Any])
        let undoID = try #require(report["id"] as? String)
        #expect(result.keys.contains("check"))
        #expect(try f.records("CLIENTES") == 5)

        let snaps = try #require(await f.get("/api/snapshots").json["snapshots"] as? [[String: Any]])
        #expect(snaps.first?["id"] as? String == undoID)
        #expect(snaps.first?["tables"] as? [String] == ["CLIENTES"])

        let undo = try await f.run("/api/undo", ["id": undoID])
        #expect(undo["state"] as? String == "done", "\(undo)")
        #expect((undo["result"] as? [String: Any])?["undone"] as? String == undoID)
        #expect(try f.bytes("CLIENTES") == before, "undo puts back the very bytes")
        let again = try await f.run("/api/undo", ["id": "19990101-000000-zzzz"])
        #expect(again["state"] as? String == "failed")
    }

    @Test func checkRunsThePostRestoreChecks() async throws {
        let op = try await f.run("/api/check", ["lang": "en"])
        let state = op["state"] as? String
        // the fixture has no fiscal tables: either a report or a clear "unusable input"
        if state == "done" {
            #expect((op["result"] as? [String: Any])?["checks"] is [Any])
        } else {
            #expect(state == "failed")
            #expect(((op["error"] as? [String: Any])?["en"] as? String)?.isEmpty == false)
        }
        let list = try #require(await f.get("/api/operations").json["operations"] as? [[String: Any]])
        #expect(list.first?["kind"] as? String == "check")
    }
}
