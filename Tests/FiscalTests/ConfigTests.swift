import Testing
@testable import Fiscal

@Suite struct ConfigTests {
    @Test func theSpecExampleParses() throws {
        let cfg = try ConfigParser.parse("""
        [[fiscal.sequence]]
        table  = "VENDAS"      # the table holding one row per issued note
        number = "NUMERO"      # nNF
        series = "SERIE"
        model  = "MODELO"      # or: model_value = "65" when the table holds one model only
        key    = "CHAVE"       # optional: 44-char access key, checked when present
        cnpj_value = "12345678000195"  # optional: the issuer, when not derivable from the key
        counter = { table = "PARAM", field = "ULTNFCE" }

        [[fiscal.sequence]]
        table = "NFE"
        number = "NNF"
        series_value = 1
        model_value = "55"
        counter = "PARAM.ULTNFE"
        first = 1000

        [[rule]]
        kind = "reference"
        table = "VENDAS"
        field = "CLIENTE"
        references = "CLIENTES.CODIGO"

        [[rule]]
        kind = "unique"
        table = "VENDAS"
        fields = ["SERIE", "NUMERO"]

        [[rule]]
        kind = "freshness"
        table = "VENDAS"
        field = "DATA"
        max_age_days = 2

        [[rule]]
        kind = "not-empty"
        table = "PRODUTOS"
        min = 10
        severity = "warning"
        """)
        #expect(cfg.sequences.count == 2)
        #expect(cfg.sequences[0] == SequenceConfig(table: "VENDAS", number: "NUMERO", series: "SERIE", model: "MODELO", key: "CHAVE",
                                                    cnpjValue: "12345678000195", counter: FieldRef(table: "PARAM", field: "ULTNFCE")))
        #expect(cfg.sequences[1] == SequenceConfig(table: "NFE", number: "NNF", seriesValue: 1, modelValue: 55,
                                                    counter: FieldRef(table: "PARAM", field: "ULTNFE"), first: 1000))
        #expect(cfg.rules.map(\.kind) == [.reference, .unique, .freshness, .notEmpty])
        #expect(cfg.rules[0].references == FieldRef(table: "CLIENTES", field: "CODIGO"))
        #expect(cfg.rules[1].fields == ["SERIE", "NUMERO"])
        #expect(cfg.rules[2].maxAgeDays == 2 && cfg.rules[2].severity == .warning)
        #expect(cfg.rules[3].min == 10 && cfg.rules[3].severity == .warning)
        #expect(cfg.rules[0].severity == .fail)
    }

    @Test func syntaxErrorNamesLineAndColumn() {
        #expect {
            try ConfigParser.parse("[[fiscal.sequence]]\ntable = \"VENDAS\"\nnumber = \n", file: "x.toml")
        } throws: { e in
            guard case let .configSyntax(file, line, _, _) = e as? FiscalError else { return false }
            return file == "x.toml" && line == 3
        }
    }

    @Test func unknownKeyIsRefusedWithItsEntryAndLine() {
        #expect(throws: FiscalError.configValue(file: "resgate.toml", line: 6, entry: "[[fiscal.sequence]] #2", key: "numero",
                                               reason: .unknownKey(known: ["table", "number", "series", "series_value", "model", "model_value", "key",
                                                                            "cnpj", "cnpj_value", "counter", "first"]))) {
            try ConfigParser.parse("""
            [[fiscal.sequence]]
            table = "A"
            number = "N"
            model_value = 65
            series_value = 1
            [[fiscal.sequence]]
            table = "B"
            numero = "N"
            """)
        }
    }

    @Test func missingRequiredValues() {
        #expect(throws: FiscalError.self) { try ConfigParser.parse("[[fiscal.sequence]]\ntable = \"V\"\nnumber = \"N\"\nseries = \"S\"\n") }
        #expect(throws: FiscalError.self) { try ConfigParser.parse("[[rule]]\nkind = \"reference\"\ntable = \"V\"\nfield = \"C\"\n") }
        #expect(throws: FiscalError.self) { try ConfigParser.parse("[[rule]]\nkind = \"exists\"\ntable = \"V\"\n") }
        #expect(throws: FiscalError.self) { try ConfigParser.parse("[[fiscal.sequence]]\ntable = \"V\"\nnumber = \"N\"\nseries = \"S\"\nmodel_value = 59\n") }
    }
}
