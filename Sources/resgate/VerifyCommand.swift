import ArgumentParser
import BackupSet
import Foundation

/// `resgate verify SET`: reads everything, lists every defect; exit 1 when there is any.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Reads every member of SET completely and lists every defect.")
    @Argument(help: "A backup set: .zip, folder or REMOTE:path.") var set: String
    @Option(help: "Cache folder for sets fetched from a remote.") var cache: String?
    @Option(name: .long, help: "Write every defect to this file, one per line (the output lists the first 1000 per table).")
    var defectsFile: String?
    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.language
        let set = try SourceOpener.localPathOrExit(self.set, cache: cache, common: common)
        guard FileManager.default.fileExists(atPath: set) else {
            Console.err(lang == .pt ? "\(set): não existe" : "\(set): does not exist")
            throw ExitStatus.badInput
        }
        var options = ReadOptions()
        var file: DefectFile?
        if let path = defectsFile {
            do { file = try DefectFile(path: path, language: lang) } catch {
                Console.err(lang == .pt ? "\(path): não foi possível criar" : "\(path): cannot create")
                throw ExitStatus.badInput
            }
            options.defectSink = file
        }
        let report = SetVerifier.verify(set, options: options)
        file?.finish()
        if common.json {
            print(JSONOut.object([
                ("ok", .bool(report.ok)),
                ("tables", .array(report.tables.map { .object([("name", .string($0.name)), ("records", .number(String($0.records)))]) })),
                ("defects", .array(report.defects.map { d in
                    .object([("table", d.table.map(JSONOut.string) ?? .null), ("file", d.file.map(JSONOut.string) ?? .null),
                             ("line", d.line.map { .number(String($0)) } ?? .null), ("field", d.field.map(JSONOut.string) ?? .null),
                             ("kind", .string(d.kind.rawValue)), ("message", .string(d.words.text(in: lang)))])
                })),
                ("defectCount", .number(String(report.defectTotal))),
                ("omittedDefects", .number(String(report.omittedDefects))),
                ("defectCounts", .object(report.defectCounts.sorted { $0.key.rawValue < $1.key.rawValue }
                    .map { ($0.key.rawValue, .number(String($0.value))) })),
            ]).render())
        } else {
            if !common.quiet {
                for t in report.tables { print("\(t.name): \(t.records) \(lang == .pt ? "registros" : "records")") }
            }
            for d in report.defects { print((d.table.map { "[\($0)] " } ?? "") + d.message(in: lang)) }
            if report.omittedDefects > 0 {
                let more = report.omittedDefects
                print(lang == .pt ? "… e mais \(more) defeito(s) não listados (os primeiros 1000 por tabela; a lista completa com --defects-file)."
                      : "… and \(more) more defect(s) not listed (the first 1000 per table; the full list with --defects-file).")
            }
            let n = report.defectTotal
            print(report.ok ? (lang == .pt ? "Nenhum defeito encontrado." : "No defects found.")
                  : (lang == .pt ? "\(n) defeito(s) encontrado(s)." : "\(n) defect(s) found."))
        }
        if !report.ok { throw ExitStatus.defects }
    }
}
