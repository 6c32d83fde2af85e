import Foundation
import ResgateTestSupport
import Testing
import XBase

/// "Selecionar backup" browses any folder of the machine (issue 16): `/api/browse` lists a
/// folder's subfolders and zips only, behind the token; a browsed set or folder of tables
/// is described by `/api/set` and used by its absolute path.
@Suite("ui folder browser", .serialized)
struct FolderBrowserTests {
    /// A folder outside --backups holding a copy of the set, a folder of tables, a text
    /// file and a hidden folder.
    func elsewhere(_ f: WebFixture) throws -> String {
        let other = f.root + "/pendrive"
        let fm = FileManager.default
        try fm.createDirectory(atPath: other + "/corrigida", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: other + "/.oculta", withIntermediateDirectories: true)
        try fm.copyItem(atPath: f.backups + "/Quinta_07.zip", toPath: other + "/Copia_Quinta.ZIP")
        try Data("nota".utf8).write(to: URL(fileURLWithPath: other + "/leia-me.txt"))
        let w = try DBFWriter(path: other + "/corrigida/CLIENTES.DBF",
                              structure: TableStructure(version: 0x30, codePage: .cp1252, fields: WebFixture.clientes))
        for i in 1...2 { try w.append([.integer(Int64(i)), .string("Corrigido \(i)"), .number(DecimalNumber(text: "1.00"))]) }
        try w.finish()
        return other
    }

    @Test func listsOnlyFoldersAndZipsBehindTheToken() async throws {
        let f = try await WebFixture().start()
        let other = try elsewhere(f)
        let q = "/api/browse?path=" + (other.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? other)
        let noToken = try await f.http.send("GET", q)
        #expect(noToken.status == 401, "the browser is behind the token: \(noToken.status)")

        let doc = try await f.get(q)
        #expect(doc.status == 200, "\(doc.text)")
        let json = doc.json
        #expect(json["path"] as? String == other)
        #expect(json["parent"] as? String == f.root)
        #expect(json["truncated"] as? Bool == false)
        let entries = try #require(json["entries"] as? [[String: Any]])
        #expect(entries.map { $0["name"] as? String ?? "?" } == ["corrigida", "Copia_Quinta.ZIP"], "\(entries)")
        #expect(entries.map { $0["kind"] as? String ?? "?" } == ["folder", "zip"])

        // without a path: the backup root
        #expect(try await f.get("/api/browse").json["path"] as? String == f.backups)
        // not a folder
        #expect(try await f.get("/api/browse?path=%2Fnao%2Fexiste").status == 404)
        #expect(try await f.get("/api/browse?path=relativo").status == 404)
    }

    @Test func aBrowsedZipAndFolderAreUsedByTheirPath() async throws {
        let f = try await WebFixture().start()
        let other = try elsewhere(f)
        let enc = { (p: String) in p.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? p }

        let zip = try await f.get("/api/set?path=" + enc(other + "/Copia_Quinta.ZIP")).json
        #expect(zip["id"] as? String == other + "/Copia_Quinta.ZIP", "\(zip)")
        #expect(zip["content"] as? String == "set")
        #expect(zip["tables"] as? Int == 3)
        let folder = try await f.get("/api/set?path=" + enc(other + "/corrigida")).json
        #expect(folder["content"] as? String == "tables", "\(folder)")
        #expect(folder["tables"] as? Int == 1)
        #expect(try await f.get("/api/set?path=" + enc(other + "/leia-me.txt")).status == 400, "a text file is no set")
        #expect(try await f.get("/api/set?path=" + enc(other + "/.oculta")).status == 400, "an empty folder is no set")

        // compare against the zip found elsewhere: CLIENTES has 2 more live records
        let cmp = try await f.run("/api/compare", ["set": other + "/Copia_Quinta.ZIP", "tables": ["CLIENTES"]])
        #expect(cmp["state"] as? String == "done", "\(cmp)")
        // restore the folder of tables found elsewhere
        let op = try await f.run("/api/restore", ["set": other + "/corrigida", "tables": ["CLIENTES"]])
        let report = try #require((op["result"] as? [String: Any])?["restore"] as? [String: Any], "\(op)")
        #expect(report["id"] is String, "\(op)")
        #expect(try f.records("CLIENTES") == 2)
        // a relative name still means a set under --backups only
        let bad = try await f.post("/api/verify", ["set": "../pendrive/Copia_Quinta.ZIP"])
        #expect(bad.status == 400)
    }
}
