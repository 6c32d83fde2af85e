import BackupSet
import Foundation
import ResgateWeb
import RestoreKit
import Testing

/// One operation at a time, and a cancelled restore leaves every table whole.
@Suite("ui operations", .serialized)
struct OperationTests {
    @Test func secondOperationIsRefusedWhileOneRuns() async throws {
        let f = try await WebFixture(vendas: 3).start()
        let release = DispatchSemaphore(value: 0)
        let id = try f.server.center.start(kind: "test", cancellable: false) { _ in
            release.wait()
            return Data("{}".utf8)
        }
        let busy = try await f.post("/api/check", [:])
        #expect(busy.status == 409 && busy.errorCode == "busy")
        let restore = try await f.post("/api/restore", ["set": "Quinta_07.zip", "tables": ["CLIENTES"]])
        #expect(restore.status == 409)
        #expect((try await f.get("/api/info").json["running"] as? String) == id)
        let notCancellable = try await f.post("/api/cancel", ["id": id])
        #expect(notCancellable.status == 409 && notCancellable.errorCode == "not-cancellable")
        release.signal()
        #expect(try await f.waitFor(id)?.state == .done)
        #expect(try await f.post("/api/cancel", [:]).errorCode == "nothing-running")
        #expect(try f.records("CLIENTES") == 7)
    }

    @Test func cancelStopsARunningOperation() async throws {
        let f = try await WebFixture(vendas: 3).start()
        let id = try f.server.center.start(kind: "test", cancellable: true) { ctx in
            while !ctx.isCancelled { usleep(5_000) }
            return Data("{}".utf8)
        }
        let r = try await f.post("/api/cancel", [:])
        #expect(r.status == 202)
        #expect(try await f.waitFor(id)?.state == .cancelled)
    }

    /// The engine hook: cancelled mid-table (after 256 records) or just before the swap,
    /// nothing of DATA changes and no staging is left behind.
    @Test(arguments: [1, 4])
    func cancelledRestoreLeavesEveryTableWhole(askedTimes: Int) async throws {
        let f = try WebFixture(vendas: 1000)
        let before = try ["CLIENTES", "PRODUTOS", "VENDAS"].map { try f.bytes($0) }
        let source = try BackupSetSource(path: f.backups + "/Quinta_07.zip")
        let restorer = Restorer(source: source, data: f.data, options: RestoreOptions())
        let counter = PortBox()
        restorer.isCancelled = {
            counter.port += 1
            return counter.port >= askedTimes
        }
        let report = try restorer.run().rendered(in: .en)
        #expect(report.id == nil)
        #expect(report.refusal?.contains("cancelled") == true)
        // VENDAS asks at records 256, 512 and 768, then the swap asks once more
        #expect(counter.port == askedTimes)
        #expect(try ["CLIENTES", "PRODUTOS", "VENDAS"].map { try f.bytes($0) } == before)
        let work = (try? FileManager.default.contentsOfDirectory(atPath: f.data + "/.resgate/work")) ?? []
        #expect(work.isEmpty, "staging dropped: \(work)")
        #expect(UndoStore(data: f.data).list().isEmpty)
    }

    @Test func eventsReachALateListener() async throws {
        let center = OperationCenter()
        let id = try center.start(kind: "test", cancellable: false) { ctx in
            ctx.emit(.message(.init(pt: "Processando TABELAS", en: "Processing tables")))
            return Data(#"{"x":1}"#.utf8)
        }
        _ = center.wait(id)
        let s = try #require(center.snapshot(id))
        #expect(s.events.map(\.type) == ["message", "end"])
        #expect(s.events.map(\.seq) == [1, 2])
        let json = try #require(JSONSerialization.jsonObject(with: s.json()) as? [String: Any])
        #expect((json["result"] as? [String: Any])?["x"] as? Int == 1)
        #expect(json["state"] as? String == "done")
    }
}

/// The same through the screen: a restore cancelled over HTTP while it writes.
@Suite("ui cancel over HTTP")
struct CancelOverHTTPTests {
    @Test func cancelledRestoreOverHTTPChangesNothing() async throws {
        // the restore holds after 1,000 records until the cancel arrives: the cancel lands
        // while it writes, however loaded the machine (the test pool can stall for seconds)
        setenv("RESGATE_WEB_TEST_HOLD_FOR_CANCEL", "1", 1)
        defer { unsetenv("RESGATE_WEB_TEST_HOLD_FOR_CANCEL") }
        let f = try await WebFixture(vendas: 150_000).start()
        let before = try ["CLIENTES", "PRODUTOS", "VENDAS"].map { try f.bytes($0) }
        let started = try await f.post("/api/restore", ["set": "Quinta_07.zip", "tables": ["CLIENTES", "VENDAS"]])
        let id = try #require(started.json["operation"] as? String)
        let cancel = try await f.post("/api/cancel", ["id": id])
        #expect(cancel.status == 202, "the restore was still running: \(cancel.text)")
        let end = try #require(try await f.waitFor(id))
        #expect(end.state == .cancelled)
        let op = try await f.get("/api/operations/\(id)").json
        let report = try #require((op["result"] as? [String: Any])?["restore"] as? [String: Any])
        #expect(report["id"] is NSNull, "no undo snapshot: nothing was swapped")
        #expect((report["refusal"] as? String)?.isEmpty == false)
        #expect(try ["CLIENTES", "PRODUTOS", "VENDAS"].map { try f.bytes($0) } == before)
        let work = (try? FileManager.default.contentsOfDirectory(atPath: f.data + "/.resgate/work")) ?? []
        #expect(work.isEmpty)
    }
}
