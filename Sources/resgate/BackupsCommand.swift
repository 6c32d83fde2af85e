import ArgumentParser
import BackupSet
import Foundation

/// `resgate backups ROOT`: the sets in ROOT, newest first.
struct BackupsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backups", abstract: "Lists the backup sets in ROOT, newest first.")
    @Argument(help: "Folder holding backup sets.") var root: String
    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.language
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root) else {
            Console.err(lang == .pt ? "não foi possível ler a pasta \(root)" : "cannot read the folder \(root)")
            throw ExitStatus.badInput
        }
        var sets: [BackupSet] = []
        var problems: [String] = []
        for n in names.sorted() where !n.hasPrefix(".") {
            let p = root + "/" + n
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: p, isDirectory: &isDir)
            guard isDir.boolValue || n.lowercased().hasSuffix(".zip") else { continue }
            do {
                let s = try BackupSet.open(p)
                if isDir.boolValue && s.tables.isEmpty { continue }
                sets.append(s)
            } catch { problems.append("\(n): " + error.defects.map { $0.message(in: lang) }.joined(separator: "; ")) }
        }
        sets.sort { ($0.date ?? .distantPast) > ($1.date ?? .distantPast) }
        if common.json {
            print(JSONOut.object([("sets", .array(sets.map { s in
                .object([("name", .string(s.name)), ("path", .string(s.path)), ("kind", .string(s.kind.rawValue)),
                         ("date", JSONOut.date(s.date)), ("bytes", .number(String(s.bytes))),
                         ("tables", .number(String(s.tables.count))), ("manifest", .bool(s.manifest != nil)),
                         ("slot", s.slot.map { .string($0.name) } ?? .null)])
            }))]).render())
        } else {
            let f = DateFormatter()
            f.dateFormat = "yyyy-MM-dd HH:mm"
            for s in sets {
                let date = s.date.map { f.string(from: $0) } ?? "?"
                print("\(s.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(date)  \(s.kind.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)) \(String(s.bytes).leftPad(12)) B  \(s.tables.count) \(lang == .pt ? "tabelas" : "tables")  manifest: \(s.manifest != nil ? (lang == .pt ? "sim" : "yes") : (lang == .pt ? "não" : "no"))")
            }
            for p in problems { Console.err(p) }
        }
    }
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
