import Foundation
import ResgateTestSupport
import StoreOps
import Testing

/// Pins the JSON document of every command (cli.md, docs/cli-json.md) on the demo store,
/// key for key and value for value, with its exit status: a refactor of the command line
/// or of the operations behind it must print exactly what scripts read today.
///
/// What differs from run to run is replaced before the comparison (see `Normaliser`): the
/// store's folder, undo ids, times, today's date, elapsed seconds. Key order and white
/// space are not part of the contract (any JSON reader ignores them), so each document is
/// compared in one canonical form: keys sorted, pretty-printed.
///
/// `RESGATE_UPDATE_GOLDEN=1 swift test --filter CommandJSONPinTests` rewrites
/// `Golden/demo-store.json` after an intended change of the contract.
@Suite(.serialized) struct CommandJSONPinTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/demo-store.json")

    /// One command of the walk: its arguments (with `$ROOT` for the demo folder).
    struct Step { var args: [String] }

    /// The demo's own walk leaves VENDAS restored, undo snapshots and two sets; VENDAS is
    /// then damaged again, and the steps run every command (and each kind of answer) once.
    static let steps: [[String]] = [
        ["scan", "$ROOT/dados", "--json"],
        ["scan", "$ROOT/dados", "--json", "--lang", "pt"],
        ["scan", "$ROOT/nao-existe", "--json"],
        ["repair", "$ROOT/dados", "--table", "VENDAS", "--dry-run", "--json"],
        ["backups", "$ROOT/backup", "--json"],
        ["show", "$ROOT/backup/Quinta_07.zip", "--json"],
        ["show", "$ROOT/backup/Quinta_07.zip", "CLIENTES", "--format", "json", "--limit", "3"],
        ["show", "$ROOT/dados/PRODUTOS.DBF", "--format", "json", "--limit", "3"],
        ["verify", "$ROOT/backup/Quinta_07.zip", "--json"],
        ["verify", "$ROOT/backup/Quinta_07.zip", "--json", "--lang", "pt"],
        ["verify", "$ROOT/damaged.zip", "--json"],
        ["restore", "$ROOT/backup/Quinta_07.zip", "--data", "$ROOT/dados", "--table", "VENDAS", "--dry-run", "--json"],
        ["restore", "$ROOT/backup/Quinta_07.zip", "--data", "$ROOT/dados", "--all", "--into", "$ROOT/into", "--yes", "--json"],
        ["restore", "$ROOT/backup/Quinta_07.zip", "--data", "$ROOT/dados", "--table", "NAOEXISTE", "--yes", "--json"],
        ["diff", "$ROOT/backup/Quinta_07.zip", "--data", "$ROOT/dados", "--table", "VENDAS", "--key", "NUMERO", "--examples", "3", "--json"],
        ["diff", "$ROOT/backup/Quinta_07.zip", "--data", "$ROOT/dados", "--table", "CLIENTES", "--json"],
        ["check", "--data", "$ROOT/dados", "--xml", "$ROOT/xml", "--json"],
        ["check", "--data", "$ROOT/dados", "--xml", "$ROOT/xml", "--json", "--lang", "pt"],
        ["reindex", "$ROOT/dados", "--check", "--json"],
        ["reindex", "$ROOT/dados", "--table", "CLIENTES", "--yes", "--json"],
        ["undo", "--data", "$ROOT/dados", "--list", "--json"],
        ["restore", "$ROOT/backup/Quinta_07.zip", "--data", "$ROOT/dados", "--table", "VENDAS", "--yes", "--json"],
        ["scan", "$ROOT/dados", "--json"],
        ["undo", "--data", "$ROOT/dados", "$LAST_ID", "--yes", "--json"],
        ["undo", "--data", "$ROOT/dados", "--prune", "$LAST_ID", "--yes", "--json"],
        ["backup", "--data", "$ROOT/dados", "--to", "$ROOT/novos", "--name", "Sexta_08", "--table", "CLIENTES", "--table", "PRODUTOS", "--yes", "--json"],
        ["backups", "$ROOT/novos", "--json"],
    ]

    @Test func everyCommandsJSONOnTheDemoStore() throws {
        let temp = try TempFolder("resgate-pin")
        let root = temp.path + "/demo"
        let demo = try ResgateBinary.run(["demo", root, "--lang", "en"])
        try #require(demo.status == 0, "resgate demo failed: \(demo.err)")
        try makeDamagedSet(root)
        // the demo ends with VENDAS restored; damage it again so scan's defects are pinned too
        try DemoStore(root: root).corruptSales()
        let normaliser = Normaliser(root: root)

        var lastID = ""
        var actual: [[String: Any]] = []
        for step in Self.steps {
            let args = step.map { $0.replacingOccurrences(of: "$ROOT", with: root).replacingOccurrences(of: "$LAST_ID", with: lastID) }
            let r = try ResgateBinary.run(args)
            var entry: [String: Any] = ["command": step.joined(separator: " "), "exit": Int(r.status)]
            if r.out.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                entry["stdout"] = NSNull()
            } else {
                let doc = try JSONSerialization.jsonObject(with: r.outData, options: [.fragmentsAllowed])
                if let id = (doc as? [String: Any])?["id"] as? String { lastID = id }
                entry["stdout"] = normaliser.normalise(doc)
            }
            actual.append(entry)
        }
        let text = try Normaliser.canonical(actual)
        if ProcessInfo.processInfo.environment["RESGATE_UPDATE_GOLDEN"] == "1" {
            try text.write(to: Self.golden, atomically: true, encoding: .utf8)
            Issue.record("golden rewritten: \(Self.golden.path) (unset RESGATE_UPDATE_GOLDEN to compare)")
            return
        }
        let expected = try String(contentsOf: Self.golden, encoding: .utf8)
        let want = try #require(try JSONSerialization.jsonObject(with: Data(expected.utf8)) as? [[String: Any]])
        #expect(want.count == actual.count, "the golden file has \(want.count) steps, the walk \(actual.count)")
        for (w, a) in zip(want, actual) {
            let ws = try Normaliser.canonical(w), as_ = try Normaliser.canonical(a)
            #expect(ws == as_, "\(a["command"] ?? "?"):\n\(Normaliser.firstDifference(ws, as_))")
        }
    }

    /// A set with a bad line, for verify's defects: the demo's newest set with one data
    /// line of CLIENTES cut in half.
    func makeDamagedSet(_ root: String) throws {
        let work = root + "/damaged"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let unzip = try ProcessRunner.run("/usr/bin/unzip", ["-q", root + "/backup/Quinta_07.zip", "-d", work])
        try #require(unzip.status == 0, "unzip: \(unzip.err)")
        let files = try FileManager.default.contentsOfDirectory(atPath: work)
        let name = try #require(files.first { $0.uppercased() == "CLIENTES.TXT" })
        var bytes = try Data(contentsOf: URL(fileURLWithPath: work + "/" + name))
        let cut = try #require(bytes.firstIndex(of: 0x0A))
        bytes.removeSubrange((cut - 10)..<cut)
        try bytes.write(to: URL(fileURLWithPath: work + "/" + name))
        let zip = try ProcessRunner.run("/usr/bin/zip", ["-q", "-X", "-r", root + "/damaged.zip", "."], directory: work)
        try #require(zip.status == 0, "zip: \(zip.err)")
        try FileManager.default.removeItem(atPath: work)
    }
}

/// Replaces what changes from run to run, so two runs of the same walk compare equal.
struct Normaliser {
    let root: String
    let today: String

    init(root: String) {
        self.root = root
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd"
        today = f.string(from: Date())
    }

    static let patterns: [(NSRegularExpression, String)] = [
        (try! NSRegularExpression(pattern: #"\d{8}-\d{6}-[0-9a-f]{4}"#), "$$ID"),
        (try! NSRegularExpression(pattern: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?"#), "$$TIME"),
        (try! NSRegularExpression(pattern: #"sandbox/[0-9a-f-]{8,}"#), "sandbox/$$ID"),
        // a voiding deadline counted from today (the demo's notes keep their dates)
        (try! NSRegularExpression(pattern: #"(faltam|vencido há) \d+ dia\(s\)|overdue by \d+ day\(s\)|\d+ day\(s\) left"#), "$$DAYS"),
    ]

    func normalise(_ value: Any, key: String? = nil) -> Any {
        switch value {
        case let o as [String: Any]:
            var out: [String: Any] = [:]
            for (k, v) in o { out[k] = normalise(v, key: k) }
            return out
        case let a as [Any]:
            let items = a.map { normalise($0) }
            // undo snapshots made in the same second sort by their random suffix
            if key == "snapshots" { return items.sorted { Self.sortKey($0) < Self.sortKey($1) } }
            // a zip's size moves by a few bytes with the times it holds (manifest); the demo's
            // two sets may be written within one second, so "newest first" may not decide
            if key == "sets" {
                return items.map { item -> Any in
                    guard var o = item as? [String: Any], o["kind"] as? String == "zip" else { return item }
                    o["bytes"] = 0
                    return o
                }.sorted { Self.sortKey($0) < Self.sortKey($1) }
            }
            return items
        case let s as String:
            var t = s.replacingOccurrences(of: root, with: "$ROOT")
            for (re, with) in Self.patterns {
                t = re.stringByReplacingMatches(in: t, range: NSRange(t.startIndex..., in: t), withTemplate: with)
            }
            return t.replacingOccurrences(of: today, with: "$TODAY")
        default:
            if key == "seconds" || key == "daysLeft", value is NSNumber { return 0 }
            return value
        }
    }

    static func sortKey(_ v: Any) -> String { (try? canonical(v)) ?? "" }

    static func canonical(_ v: Any) throws -> String {
        let d = try JSONSerialization.data(withJSONObject: v, options: [.prettyPrinted, .sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])
        return String(decoding: d, as: UTF8.self) + "\n"
    }

    /// The first line where two canonical documents part, with a little context.
    static func firstDifference(_ a: String, _ b: String) -> String {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false)
        let y = b.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(x.count, y.count) where i >= x.count || i >= y.count || x[i] != y[i] {
            let lo = max(0, i - 3)
            return "golden:\n" + x[lo..<min(x.count, i + 3)].joined(separator: "\n")
                + "\nnow:\n" + y[lo..<min(y.count, i + 3)].joined(separator: "\n")
        }
        return "(same)"
    }
}
