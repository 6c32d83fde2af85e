/// What is wrong with a key of `resgate.toml` (`ConfigProblem`), in Brazilian Portuguese.
/// Keys, headers and TOML examples stay as they are written in the file.
extension Portuguese {
    static func configProblem(_ p: ConfigProblem) -> String {
        switch p {
        case .unknownKey(let known): "chave desconhecida (as válidas são: \(known.joined(separator: ", ")))"
        case .required(let form): "obrigatória" + (form.map { ": " + configForm($0) } ?? "")
        case .mustBe(let form): "deve ser " + configForm(form)
        case .writtenAs(let h): "deve ser escrita como \(h)"
        case let .outOfRange(lo, hi): "deve estar entre \(lo) e \(hi)"
        case .oneOf(let words): "deve ser " + words.map { "\"\($0)\"" }.joined(separator: " ou ")
        case let .fieldOrValue(f, v): "informe `\(f)` (um campo) ou `\(v)`"
        case .xmlOrValue: "informe só um dos dois: xml = \"caminho\" ou value = \"constante\""
        case let .unknownRule(k, known): "regra '\(k)' desconhecida (as válidas são: \(known.joined(separator: ", ")))"
        case .modelValue(let m): "deve ser 55 (NF-e) ou 65 (NFC-e), e não \(m)"
        case .notAPath(let p): "'\(p)' não é um caminho como \"ide/nNF\""
        }
    }

    static func configForm(_ f: ConfigForm) -> String {
        switch f {
        case .table: "uma tabela"
        case .nonEmptyString: "um texto não vazio"
        case .text: "um texto"
        case .wholeNumber: "um número inteiro"
        case .folder: "um texto (uma pasta)"
        case .folderList: "uma lista de pastas"
        case .fieldName: "um nome de campo"
        case .fieldNames: "uma lista de nomes de campos"
        case .fieldNameOrList: "um nome de campo ou uma lista deles"
        case .cnpj: "um texto como \"12345678000195\""
        case .tableDotField: "\"TABELA.CAMPO\""
        case .fieldRef: "{ table = \"T\", field = \"C\" } ou \"T.C\""
        case .reference: "\"TABELA.CAMPO\", por exemplo \"CLIENTES.CODIGO\""
        case .uniqueFields: "`field = \"X\"` ou `fields = [\"A\", \"B\"]`"
        case .salesSection: "[recreate.sales] com `table` e `fields`"
        case .itemsSection: "uma tabela [recreate.items]"
        case .mark: "{ field = \"C\", value = \"TEXTO\" }"
        case .fieldsMap: "{ CAMPO = \"caminho/no/xml\", … }"
        case .fieldSource: "\"caminho/no/xml\", { xml = \"caminho\", map = {…} } ou { value = \"constante\" }"
        case .codeMap: "uma tabela { \"XML\" = \"GRAVADO\" }"
        }
    }
}

/// `[merge.T]` of resgate.toml that cannot be used.
extension Portuguese {
    static func mergeConfig(_ f: MergeConfigFailure) -> String {
        switch f {
        case let .syntax(file, line, r): "\(file):\(line): erro de sintaxe TOML: \(r)"
        case let .value(file, line, e, k, r):
            "\(file)" + (line.map { ":\($0)" } ?? "") + ": \(e)" + (k.map { ", chave '\($0)'" } ?? "") + ": " + configProblem(r)
        }
    }
}
