import Foundation
import ResgateTestSupport
import StoreOps
import Testing

/// cli.md: messages are Portuguese unless `--lang en` or a locale starting with `en`. Every
/// command's help and main paths run on the demo store with `LANG`, `LC_ALL` and
/// `LC_MESSAGES` unset (a fresh machine, a service), and their human output (never
/// `--json`) must hold no English word of `EnglishLeaks.words`.
@Suite(.serialized) struct PortugueseByDefaultTests {
    /// The demo store after its own walk: VENDAS damaged, two sets, an XML folder.
    static func demo() throws -> (TempFolder, String) {
        let temp = try TempFolder("resgate-pt")
        let root = temp.path + "/demo"
        let r = try ResgateBinary.run(["demo", root, "--lang", "en"])
        try #require(r.status == 0, "resgate demo failed: \(r.err)")
        // the demo ends with VENDAS restored; damage it again, as before a restore
        try DemoStore(root: root).corruptSales()
        return (temp, root)
    }

    @Test func everyCommandsHelpIsPortuguese() throws {
        let commands = ["", "scan", "show", "backups", "verify", "backup", "restore", "undo", "diff", "reindex",
                        "check", "demo", "ui", "status", "recreate", "inutilizar", "salvage", "repair"]
        for c in commands {
            let args = (c.isEmpty ? [] : [c]) + ["--help"]
            let r = try ResgateBinary.runWithoutLocale(args)
            #expect(r.status == 0, "\(args): \(r.err)")
            #expect(r.out.contains("USO:") && r.out.contains("OPÇÕES:"), "\(args) is not Portuguese:\n\(r.out)")
            EnglishLeaks.expectNone(in: r.out + r.err, command: args)
        }
        // English when asked, by flag or by locale
        let en = try ResgateBinary.runWithoutLocale(["restore", "--help", "--lang", "en"])
        #expect(en.out.contains("USAGE:") && en.out.contains("Restore every table of the set."))
        let enLocale = try ResgateBinary.runWithoutLocale(["scan", "--help"], environment: ["LANG": "en_US.UTF-8"])
        #expect(enLocale.out.contains("OPTIONS:"))
        // C, C.UTF-8 and POSIX are no English request
        for l in ["C", "C.UTF-8", "POSIX"] {
            let r = try ResgateBinary.runWithoutLocale(["scan", "--help"], environment: ["LANG": l])
            #expect(r.out.contains("OPÇÕES:"), "LANG=\(l)")
        }
    }

    @Test func badCommandLinesAreSaidInPortuguese() throws {
        let (temp, root) = try Self.demo()
        defer { _ = temp }
        let cases: [([String], String)] = [
            (["restore", root + "/backup/Quinta_07.zip", "--data", root + "/dados"], "escolha --all ou --table"),
            (["restore", root + "/backup/Quinta_07.zip", "--all"], "informe --data"),
            (["undo", "--data", root + "/dados"], "informe --list"),
            (["restore"], "Falta o argumento"),
            (["scan", root + "/nao-existe"], "não"),
        ]
        for (args, expected) in cases {
            let r = try ResgateBinary.runWithoutLocale(args)
            #expect(r.status == 2, "\(args): \(r.status) \(r.err)")
            #expect((r.out + r.err).contains(expected), "\(args):\n\(r.err)")
            EnglishLeaks.expectNone(in: r.out + r.err, command: args)
        }
    }

    /// The main paths, in the order a technician takes them, each checked for leaks and
    /// for the Portuguese it must say.
    @Test func mainPathsSpeakPortugueseWithNoLocale() throws {
        let (temp, root) = try Self.demo()
        defer { _ = temp }
        let set = root + "/backup/Quinta_07.zip", data = root + "/dados"
        try FileManager.default.createDirectory(atPath: root + "/vazio", withIntermediateDirectories: true)
        struct Step { var args: [String]; var exit: Int32; var says: [String]; var records = false }
        let steps: [Step] = [
            Step(args: ["scan", data], exit: 1, says: ["12 tabelas, 1 danificada.", "[erro]", "DANIFICADA"]),
            Step(args: ["backups", root + "/backup"], exit: 0, says: ["NOME", "TABELAS", "MANIFESTO", "Quinta_07", "sim"]),
            Step(args: ["backups", root + "/vazio"], exit: 1, says: ["nenhum backup encontrado em"]),
            Step(args: ["show", set], exit: 0, says: ["6000 registros", "delimitado, separador vírgula"]),
            Step(args: ["show", set, "CLIENTES", "--limit", "2"], exit: 0, says: ["CLIENTES (delimitada)"], records: true),
            Step(args: ["show", data + "/PRODUTOS.DBF", "--limit", "2"], exit: 0, says: ["página de código"], records: true),
            Step(args: ["verify", set], exit: 0, says: ["Nenhum defeito encontrado."]),
            Step(args: ["restore", set, "--data", data, "--table", "VENDAS", "--dry-run"], exit: 0,
                 says: ["seria restaurada", "Simulação concluída.", "Simulação: nada foi gravado."]),
            Step(args: ["restore", set, "--data", data, "--table", "VENDAS", "--into", root + "/comparar", "--yes"], exit: 0,
                 says: ["restaurada", "Processamento efetuado."]),
            Step(args: ["restore", set, "--data", data, "--table", "VENDAS"], exit: 2, says: ["--yes"]),
            Step(args: ["diff", set, "--data", data, "--table", "VENDAS", "--key", "NUMERO", "--examples", "3"], exit: 1,
                 says: ["só nos dados"]),
            Step(args: ["reindex", data, "--check"], exit: 0, says: ["situação"]),
            Step(args: ["backup", "--data", data, "--to", root + "/novos", "--name", "Sexta_08", "--table", "CLIENTES", "--yes"],
                 exit: 0, says: ["60 registros"]),
            Step(args: ["check", "--data", data, "--xml", root + "/xml"], exit: 1,
                 says: ["numeração fiscal  NFC-e série 1, CNPJ 12.345.678/0001-95", "Resultado: FALHA"]),
            // the restore in the store: the numbering verdict first, then exit 4
            Step(args: ["restore", set, "--data", data, "--table", "VENDAS", "--yes"], exit: 4,
                 says: ["NÃO LIBERE O SISTEMA: NFC-e série 1, CNPJ 12.345.678/0001-95 — próxima nota 65; notas a redigitar 41–46, 48–52, 56, 62–64",
                        "Processamento efetuado.", "Resultado: FALHA"]),
            Step(args: ["undo", "--data", data, "--list"], exit: 0, says: ["restauração (Quinta_07)", "CRIADO"]),
        ]
        for step in steps {
            let r = try ResgateBinary.runWithoutLocale(step.args)
            let all = r.out + r.err
            #expect(r.status == step.exit, "\(step.args): exit \(r.status)\n\(all)")
            for s in step.says { #expect(all.contains(s), "\(step.args) does not say \(s):\n\(all)") }
            EnglishLeaks.expectNone(in: all, command: step.args, records: step.records)
        }
        // the verdict is the first line of the restore's output
        let again = try ResgateBinary.runWithoutLocale(["restore", set, "--data", data, "--table", "VENDAS", "--yes"])
        #expect(again.out.hasPrefix("NÃO LIBERE O SISTEMA"), "\(again.out)")
    }
}

/// English words that must not reach a Portuguese reader. Words are matched whole and not
/// as part of a flag (`--yes`), a path or a file name; `resgate COMMAND` hints are allowed.
enum EnglishLeaks {
    static let words = [
        "the", "error", "Error", "errors", "warning", "warnings", "WARNING", "records", "record", "table", "tables",
        "backup set", "committed", "separator", "choose", "give", "USAGE", "Usage", "OPTIONS", "ARGUMENTS",
        "SUBCOMMANDS", "OVERVIEW", "default", "Show", "found", "Done", "would", "not", "and", "with", "of",
        "Nothing", "Undo", "Dry run", "delimited", "manifest", "structure", "fields", "field", "mod", "fiscal-sequence",
        "not-empty", "yes", "restore", "restored", "refused", "header", "says", "holds", "missing", "cannot",
        "Missing", "Unknown", "expected", "Help", "See", "information", "left", "more", "only", "same", "changed",
        "Checking", "Verifying", "Comparing", "Result", "FAIL", "version", "code page", "quote", "canonical",
        "rec/s", "free it",
    ]

    static func expectNone(in text: String, command: [String], records: Bool = false,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        // command hints (`resgate undo --data …`), the one literal value of --format and
        var t = text.replacingOccurrences(of: #"resgate [a-z]+"#, with: "resgate", options: .regularExpression)
        t = t.replacingOccurrences(of: "table (tabela)", with: "")
        // the command names listed by `resgate --help`
        t = t.replacingOccurrences(of: #"(?m)^  [a-z]+ {2,}"#, with: "  ", options: .regularExpression)
        for w in words {
            let pattern = #"(?<![-\w/.<])"# + NSRegularExpression.escapedPattern(for: w) + #"(?![\w>])"#
            if let r = t.range(of: pattern, options: .regularExpression) {
                let line = t[t.lineRange(for: r)].trimmingCharacters(in: .newlines)
                Issue.record("English \"\(w)\" in `resgate \(command.joined(separator: " "))`: \(line)", sourceLocation: sourceLocation)
            }
        }
        // English number and time formats, ISO dates outside record values
        for (pattern, what) in [(#"\d\.\d+ ?s\b"#, "seconds with a decimal point"), (#"\d\.\d (KB|MB|GB)"#, "size with a decimal point")]
            + (records ? [] : [(#"\b\d{4}-\d{2}-\d{2}\b"#, "ISO date")]) {
            if let r = t.range(of: pattern, options: .regularExpression) {
                let line = t[t.lineRange(for: r)].trimmingCharacters(in: .newlines)
                Issue.record("\(what) in `resgate \(command.joined(separator: " "))`: \(line)", sourceLocation: sourceLocation)
            }
        }
    }
}
