import ResgateLocale
import Testing

/// cli.md: Portuguese unless `--lang en` or a locale starting with `en`; numbers, dates
/// and CNPJs as a Brazilian reads them.
@Suite struct LocaleTests {
    @Test func portugueseUnlessEnglishIsAskedFor() {
        #expect(Language.fromEnvironment([:]) == .pt)
        for v in ["C", "C.UTF-8", "POSIX", "pt_BR.UTF-8", "de_DE.UTF-8"] {
            #expect(Language.fromEnvironment(["LANG": v]) == .pt, "LANG=\(v)")
        }
        #expect(Language.fromEnvironment(["LANG": "en_US.UTF-8"]) == .en)
        #expect(Language.fromEnvironment(["LANG": "en_US.UTF-8", "LC_ALL": "C.UTF-8"]) == .pt)   // LC_ALL wins
        #expect(Language.fromEnvironment(["LANG": "pt_BR.UTF-8", "LC_MESSAGES": "en_GB"]) == .en)
        #expect(Language.fromEnvironment(["LANG": "en_US.UTF-8", "LC_ALL": ""]) == .en)           // empty does not count
        #expect(Language.fromArguments(["scan", "--lang", "en"], environment: [:]) == .en)
        #expect(Language.fromArguments(["scan", "--lang=en"], environment: [:]) == .en)
        #expect(Language.fromArguments(["scan", "--lang", "pt"], environment: ["LANG": "en_US"]) == .pt)
        #expect(Language.fromArguments(["scan"], environment: ["LANG": "en_US"]) == .en)
    }

    @Test func formats() {
        #expect(Format.seconds(0.0123, in: .pt) == "0,01 s")
        #expect(Format.seconds(0.0123, in: .en) == "0.01 s")
        #expect(Format.date("2026-11-26T07:00:12-03:00", in: .pt) == "26/11/2026 07:00")
        #expect(Format.date("2026-11-26", in: .pt) == "26/11/2026")
        #expect(Format.date("2026-11-26 07:00", in: .en) == "2026-11-26 07:00")
        #expect(Format.date("?", in: .pt) == "?")
        #expect(Format.count(1, "tabela", "tabelas") == "1 tabela")
        #expect(Format.count(0, "danificada", "danificadas") == "0 danificadas")
        #expect(Format.cnpj("12345678000195") == "12.345.678/0001-95")
        #expect(Format.cnpj("12abc345000108") == "12.ABC.345/0001-08")   // the alphanumeric CNPJ
        #expect(Format.cnpj("12345678901") == "123.456.789-01")          // a CPF
        #expect(Format.cnpj("1234") == "1234")
        #expect(Format.fiscalModel(65) == "NFC-e" && Format.fiscalModel(55) == "NF-e")
    }

    @Test func helpHasPortugueseAndTheParsersWordsAreTranslated() {
        #expect(HelpText.text("Restore every table of the set.", in: .pt) == "Restaura todas as tabelas do backup.")
        #expect(HelpText.text("Restore every table of the set.", in: .en) == "Restore every table of the set.")
        let help = "USAGE: resgate restore [<options>] <set>\n\nOPTIONS:\n  --table <table>         Restaura só estas tabelas. (default: x)\n"
        let pt = HelpText.parserOutput(help, in: .pt)
        #expect(pt == "USO: resgate restore [<opções>] <backup>\n\nOPÇÕES:\n  --table <tabela>        Restaura só estas tabelas. (padrão: x)\n")
        #expect(HelpText.parserOutput(help, in: .en) == help)
    }
}
