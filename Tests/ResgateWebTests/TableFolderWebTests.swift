import Foundation
import ResgateWeb
import Testing
import XBase

/// "Selecionar backup" offers a folder of DBF tables (a corrected table brought back) and
/// the restore says where the table came from (issue 21).
@Suite("ui table folder", .serialized)
struct TableFolderWebTests {
    @Test func aFolderOfTablesIsOfferedAndRestored() async throws {
        let f = try await WebFixture().start()
        // the technician's folder: CLIENTES with 3 records, put in the backup folder
        let folder = f.backups + "/corrigida"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let w = try DBFWriter(path: folder + "/CLIENTES.DBF",
                              structure: TableStructure(version: 0x30, codePage: .cp1252, fields: WebFixture.clientes))
        for i in 1...3 { try w.append([.integer(Int64(i)), .string("Corrigido \(i)"), .number(DecimalNumber(text: "1.00"))]) }
        try w.finish()

        let sets = try #require(await f.get("/api/backups").json["sets"] as? [[String: Any]])
        let entry = try #require(sets.first { $0["id"] as? String == "corrigida" }, "\(sets)")
        #expect(entry["content"] as? String == "tables")
        #expect(entry["tables"] as? Int == 1)
        #expect(sets.first { $0["id"] as? String == "Quinta_07.zip" }?["content"] as? String == "set")

        let before = try f.bytes("CLIENTES")
        let preview = try await f.run("/api/restore", ["set": "corrigida", "tables": ["CLIENTES"], "dryRun": true])
        let pr = try #require((preview["result"] as? [String: Any])?["restore"] as? [String: Any])
        #expect(pr["sourceKind"] as? String == "tables")
        #expect(try f.bytes("CLIENTES") == before, "a preview writes nothing")
        let op = try await f.run("/api/restore", ["set": "corrigida", "tables": ["CLIENTES"]])
        let report = try #require((op["result"] as? [String: Any])?["restore"] as? [String: Any])
        #expect(report["id"] is String, "\(op)")
        #expect(try f.records("CLIENTES") == 3)
    }
}
