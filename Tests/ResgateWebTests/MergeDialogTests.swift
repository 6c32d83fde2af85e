import Foundation
import ResgateTestSupport
import ResgateWeb
import Testing
import XBase

/// The restore dialog's "Restaurar sem perder o que foi feito depois do backup" (issue 17):
/// the merge dry run's counts and default, and the merging restore itself, over HTTP.
///
/// The fixture's backup has CLIENTES 1–5; the live CLIENTES has 1–7 (two clients made
/// after the backup); PRODUTOS and VENDAS are as backed up.
@Suite("ui merge restore", .serialized)
struct MergeDialogTests {
    static func preview(_ f: WebFixture, _ tables: [String], key: [String] = []) async throws -> [String: Any] {
        let snap = try await f.run("/api/restore", ["set": "Quinta_07.zip", "tables": tables, "dryRun": true,
                                                   "mergePreview": true, "key": key, "lang": "pt"])
        #expect(snap["state"] as? String == "done", "\(snap)")
        return (snap["result"] as? [String: Any]) ?? [:]
    }

    static func advice(_ result: [String: Any]) -> [String: Any] {
        ((result["merge"] as? [String: Any])?["advice"] as? [String: Any]) ?? [:]
    }

    static func table(_ advice: [String: Any], _ name: String) -> [String: Any] {
        ((advice["tables"] as? [[String: Any]]) ?? []).first { $0["table"] as? String == name } ?? [:]
    }

    @Test func previewCountsAndCheckedWhenLiveHasNewerRecords() async throws {
        let f = try await WebFixture(vendas: 20).start()
        let before = try ["CLIENTES", "PRODUTOS"].map { try f.bytes($0) }
        let result = try await Self.preview(f, ["CLIENTES", "PRODUTOS"])
        let advice = Self.advice(result)
        #expect(advice["possible"] as? Bool == true)
        #expect(advice["recommended"] as? Bool == true, "\(advice)")
        #expect(((advice["reason"] as? [String: String])?["pt"] ?? "").hasPrefix("Marcado"))
        let c = Self.table(advice, "CLIENTES")
        #expect(c["verdict"] as? String == "keepsNewer")
        #expect(c["fromBackup"] as? Int == 5 && c["fromLive"] as? Int == 2, "\(c)")
        #expect(c["conflicts"] as? Int == 0 && c["unreadable"] as? Int == 0)
        #expect(c["records"] as? Int == 7)
        #expect((c["key"] as? [String: Any])?["source"] as? String == "none")
        #expect(((c["keyWords"] as? [String: String])?["pt"] ?? "").hasPrefix("sem chave"))
        let p = Self.table(advice, "PRODUTOS")
        #expect(p["verdict"] as? String == "nothingNewer" && p["fromLive"] as? Int == 0 && p["fromBackup"] as? Int == 3)
        // the merge dry run's own report rides along; the plain dry run is still `restore`
        let mergeReport = (result["merge"] as? [String: Any])?["restore"] as? [String: Any]
        #expect(mergeReport?["dryRun"] as? Bool == true)
        let plain = ((result["restore"] as? [String: Any])?["tables"] as? [[String: Any]]) ?? []
        #expect(plain.first { $0["name"] as? String == "CLIENTES" }?["records"] as? Int == 5)
        #expect(plain.allSatisfy { $0["fromLive"] == nil }, "the plain dry run is not a merge")
        // two dry runs wrote nothing
        #expect(try ["CLIENTES", "PRODUTOS"].map { try f.bytes($0) } == before)
    }

    @Test func uncheckedWhenNothingIsNewer() async throws {
        let f = try await WebFixture(vendas: 20).start()
        let advice = Self.advice(try await Self.preview(f, ["PRODUTOS", "VENDAS"]))
        #expect(advice["possible"] as? Bool == true)
        #expect(advice["recommended"] as? Bool == false)
        #expect(((advice["reason"] as? [String: String])?["pt"] ?? "").hasPrefix("Desmarcado"))
        #expect(Self.table(advice, "VENDAS")["verdict"] as? String == "nothingNewer")
    }

    /// No key, and the live table is shorter than the backup: not append-only, so the
    /// option is left off and says which table, even though another table has news.
    @Test func keylessTableThatIsNotAppendOnlyLeavesItOff() async throws {
        let f = try await WebFixture(vendas: 20).start()
        try f.writeClientes(count: 3)
        try f.table("VENDAS", [FieldDescriptor(name: "NUMERO", type: .integer, length: 4),
                               FieldDescriptor(name: "TOTAL", type: .numeric, length: 10, decimals: 2)],
                    (1...23).map { [.integer(Int64($0)), .number(DecimalNumber(text: "\($0).50"))] })
        let advice = Self.advice(try await Self.preview(f, ["CLIENTES", "VENDAS"]))
        #expect(Self.table(advice, "VENDAS")["verdict"] as? String == "keepsNewer")
        #expect(Self.table(advice, "VENDAS")["fromLive"] as? Int == 3)
        let c = Self.table(advice, "CLIENTES")
        #expect(c["verdict"] as? String == "noKeyNotAppendOnly", "\(c)")
        #expect(advice["possible"] as? Bool == true && advice["recommended"] as? Bool == false)
        let reason = (advice["reason"] as? [String: String])?["pt"] ?? ""
        #expect(reason.contains("CLIENTES") && reason.contains("sem chave"), "\(reason)")
    }

    /// A key field the table lacks: the merge would be refused, so the option cannot be
    /// chosen, and the preview itself still succeeds (the plain restore stays possible).
    @Test func unusableKeyMakesTheOptionImpossible() async throws {
        let f = try await WebFixture(vendas: 20).start()
        let result = try await Self.preview(f, ["CLIENTES"], key: ["NAOEXISTE"])
        let plain = (result["restore"] as? [String: Any])?["tables"] as? [[String: Any]]
        #expect(plain?.first?["status"] as? String == "would-restore")
        let advice = Self.advice(result)
        #expect(advice["possible"] as? Bool == false && advice["recommended"] as? Bool == false)
        #expect(((advice["reason"] as? [String: String])?["pt"] ?? "").contains("NAOEXISTE"), "\(advice)")
    }

    /// An unreadable live record (a delete flag that is neither ' ' nor '*') is counted
    /// and named by number.
    @Test func previewCountsUnreadableLiveRecords() async throws {
        let f = try await WebFixture(vendas: 20).start()
        let path = f.data + "/CLIENTES.DBF"
        let live = try DBFTable.open(path: path)
        let (headerLength, recordLength) = (live.header.headerLength, live.header.recordLength)
        let h = try #require(FileHandle(forUpdatingAtPath: path))
        try h.seek(toOffset: UInt64(headerLength + recordLength * 6))   // record 7
        try h.write(contentsOf: Data([0x58]))
        try h.close()
        let c = Self.table(Self.advice(try await Self.preview(f, ["CLIENTES"])), "CLIENTES")
        #expect(c["unreadable"] as? Int == 1 && c["fromLive"] as? Int == 1, "\(c)")
    }

    /// `merge: true` restores as `restore --merge --key CODIGO`: every backup row, the live
    /// rows the backup lacks, the live version of a changed row (a conflict: nothing proves
    /// it newer). Read back by dbfread, an outside reader.
    @Test func mergeRestoreKeepsLiveOnlyRows() async throws {
        try #require(Oracle.available, "python3 with dbfread is required")
        let f = try await WebFixture(vendas: 20).start()
        try f.table("CLIENTES", WebFixture.clientes, (1...7).map {
            [.integer(Int64($0)), .string($0 == 3 ? "Cliente 3 novo nome" : "Cliente \($0)"),
             .number(DecimalNumber(text: "\($0 * 10).00"))]
        })
        let snap = try await f.run("/api/restore", ["set": "Quinta_07.zip", "tables": ["CLIENTES"], "merge": true,
                                                   "key": ["CODIGO"], "lang": "pt"])
        #expect(snap["state"] as? String == "done", "\(snap)")
        let result = try #require(snap["result"] as? [String: Any])
        let restore = try #require(result["restore"] as? [String: Any])
        #expect(restore["id"] is String, "a real restore keeps an undo snapshot")
        let t = try #require((restore["tables"] as? [[String: Any]])?.first)
        #expect(t["status"] as? String == "restored" && t["records"] as? Int == 7)
        #expect(t["fromBackup"] as? Int == 4 && t["fromLive"] as? Int == 3, "\(t)")
        #expect((t["conflicts"] as? [Any])?.count == 1)
        let words = Self.table(Self.advice(result), "CLIENTES")
        #expect(((words["keyWords"] as? [String: String])?["pt"] ?? "") == "chave CODIGO (informada)")

        let rows = try Oracle.dbfreadRows(f.data + "/CLIENTES.DBF")
        #expect(rows.compactMap { $0["CODIGO"] as? Int }.sorted() == Array(1...7))
        #expect(rows.first { $0["CODIGO"] as? Int == 3 }?["NOME"] as? String == "Cliente 3 novo nome")
        #expect(rows.first { $0["CODIGO"] as? Int == 7 }?["NOME"] as? String == "Cliente 7")

        // the printable handover report says it was a merge, with its counts
        let handover = try #require((result["handover"] as? [String: String])?["path"])
        let html = try String(contentsOfFile: handover, encoding: .utf8)
        #expect(html.contains("restaurada sem perder o que foi feito depois do backup"))
        #expect(html.contains("4 do backup + 3 da tabela atual"), "\(html)")
        #expect(html.contains("1 conflito(s)"))
    }
}
