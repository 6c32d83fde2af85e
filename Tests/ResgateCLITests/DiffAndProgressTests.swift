import Foundation
import ResgateTestSupport
import StoreOps
import Testing

/// `restore --into SANDBOX` then `diff SANDBOX` (issue 16): diff reads a restored folder of
/// tables as it reads a set, and its examples show each changed field's values; and the
/// progress of `verify`, `diff` and `check` (shown only on a terminal, or with
/// `RESGATE_PROGRESS=lines`; never with --json or --quiet).
@Suite(.serialized) struct DiffAndProgressTests {
    /// The demo store with VENDAS damaged again (record 45's date bytes, header count 60).
    func demo() throws -> (TempFolder, String) {
        let temp = try TempFolder("resgate-diff")
        let root = temp.path + "/demo"
        let r = try ResgateBinary.run(["demo", root, "--lang", "en"])
        try #require(r.status == 0, "resgate demo failed: \(r.err)")
        try DemoStore(root: root).corruptSales()
        return (temp, root)
    }

    /// Writes `text` (right-aligned to the field's width) into field `field` of record
    /// `record` (1-based) of a DBF, in place: a sale changed after the backup.
    func patch(_ path: String, record: Int, field: String, _ text: String) throws {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        let recordLength = Int(bytes[10]) | Int(bytes[11]) << 8
        var offset = 1, at = 32
        while bytes[at] != 0x0D {
            let name = String(decoding: bytes[at..<at + 11].prefix { $0 != 0 }, as: UTF8.self)
            let length = Int(bytes[at + 16])
            if name == field {
                let padded = String(repeating: " ", count: max(0, length - text.count)) + text
                let start = headerLength + recordLength * (record - 1) + offset
                bytes.replaceSubrange(start..<start + length, with: Data(padded.utf8))
                try bytes.write(to: URL(fileURLWithPath: path))
                return
            }
            offset += length
            at += 32
        }
        Issue.record("no field \(field) in \(path)")
    }

    @Test func diffOfARestoredSandboxShowsValuesBeforeAndAfter() throws {
        let temp = try TempFolder("resgate-diff")
        let root = temp.path + "/demo"
        let demo = try ResgateBinary.run(["demo", root, "--lang", "en"])
        try #require(demo.status == 0, "resgate demo failed: \(demo.err)")
        let sandbox = root + "/sandbox-vendas"
        let restore = try ResgateBinary.run(["restore", root + "/backup/Quinta_07.zip", "--data", root + "/dados",
                                             "--table", "VENDAS", "--into", sandbox, "--yes"])
        try #require(restore.status == 0, "restore --into: \(restore.out) \(restore.err)")
        // sale 2 (TOTAL 50.00 in the backup) changed in the live table after the backup
        try patch(root + "/dados/VENDAS.DBF", record: 2, field: "TOTAL", "99.90")

        let text = try ResgateBinary.run(["diff", sandbox, "--data", root + "/dados", "--table", "VENDAS", "--key", "NUMERO"])
        #expect(text.status == 1, "differences found: \(text.out) \(text.err)")
        #expect(!text.out.contains("not in the backup"), "\(text.out)")
        #expect(text.err.contains("folder of tables"), "says what SET is: \(text.err)")
        let changed = String(try #require(text.out.split(separator: "\n").first { $0.contains("~ changed 2") }, "\(text.out)"))
        // the backup's value → the live value, field by field
        #expect(changed.contains(#"TOTAL: backup "50.00" → live "99.90""#), "\(changed)")

        let pt = try ResgateBinary.run(["diff", sandbox, "--data", root + "/dados", "--table", "VENDAS", "--key", "NUMERO", "--lang", "pt"])
        #expect(pt.out.contains(#"TOTAL: backup "50.00" → atual "99.90""#), "\(pt.out)")

        let json = try ResgateBinary.run(["diff", sandbox, "--data", root + "/dados", "--table", "VENDAS", "--key", "NUMERO", "--json"])
        let doc = try #require(try JSONSerialization.jsonObject(with: json.outData) as? [String: Any], "\(json.out)")
        #expect(doc["table"] as? String == "VENDAS")
        #expect(doc["changed"] as? Int == 1)
        let examples = try #require(doc["examples"] as? [[String: Any]])
        let ex = try #require(examples.first { $0["kind"] as? String == "changed" })
        #expect(ex["key"] as? [String] == ["2"])
        let changes = try #require(ex["changes"] as? [[String: Any]])
        #expect(changes.count == 1, "\(changes)")
        #expect(changes.first?["field"] as? String == "TOTAL")
        #expect(changes.first?["backup"] as? String == "50.00")
        #expect(changes.first?["data"] as? String == "99.90")
        #expect(json.err.isEmpty, "nothing on stderr with --json: \(json.err)")
    }

    @Test func verifyDiffAndCheckReportProgress() throws {
        let (temp, root) = try demo()
        _ = temp
        let lines = ["RESGATE_PROGRESS": "lines"]
        let verify = try ResgateBinary.run(["verify", root + "/backup/Quinta_07.zip"], environment: lines)
        #expect(verify.err.contains("Verifying VENDAS: 100% ("), "\(verify.err)")
        #expect(verify.err.range(of: #"Verifying CLIENTES: 100% \([\d,]+ of [\d,]+ records\)"#, options: .regularExpression) != nil, "\(verify.err)")

        let diff = try ResgateBinary.run(["diff", root + "/backup/Quinta_07.zip", "--data", root + "/dados", "--table", "VENDAS"],
                                         environment: lines)
        #expect(diff.err.contains("Comparing VENDAS: 100% ("), "\(diff.err)")

        let check = try ResgateBinary.run(["check", "--data", root + "/dados", "--xml", root + "/xml", "--lang", "pt"], environment: lines)
        #expect(check.err.range(of: #"Lendo os XML: 100% \([\d.]+ de [\d.]+ arquivos?\)"#, options: .regularExpression) != nil, "\(check.err)")

        // never with --json or --quiet, and nothing extra without a terminal
        for args in [["verify", root + "/backup/Quinta_07.zip", "--json"], ["verify", root + "/backup/Quinta_07.zip", "--quiet"]] {
            let r = try ResgateBinary.run(args, environment: lines)
            #expect(!r.err.contains("Verifying"), "\(args): \(r.err)")
        }
        let plain = try ResgateBinary.run(["verify", root + "/backup/Quinta_07.zip"])
        #expect(!plain.err.contains("Verifying"), "\(plain.err)")
    }
}
