/// What is wrong with a key of `resgate.toml` (`ConfigProblem`), in English.
extension English {
    static func configProblem(_ p: ConfigProblem) -> String {
        switch p {
        case .unknownKey(let known): "unknown key (known: \(known.joined(separator: ", ")))"
        case .required(let form): "required" + (form.map { ": " + configForm($0) } ?? "")
        case .mustBe(let form): "must be " + configForm(form)
        case .writtenAs(let h): "must be written as \(h)"
        case let .outOfRange(lo, hi): "must be \(lo)…\(hi)"
        case .oneOf(let words): "must be " + words.map { "\"\($0)\"" }.joined(separator: " or ")
        case let .fieldOrValue(f, v): "give `\(f)` (a field) or `\(v)`"
        case .xmlOrValue: "give exactly one of xml = \"path\" or value = \"constant\""
        case let .unknownRule(k, known): "unknown rule '\(k)' (known: \(known.joined(separator: ", ")))"
        case .modelValue(let m): "must be 55 (NF-e) or 65 (NFC-e), not \(m)"
        case .notAPath(let p): "'\(p)' is not a path such as \"ide/nNF\""
        }
    }

    static func configForm(_ f: ConfigForm) -> String {
        switch f {
        case .table: "a table"
        case .nonEmptyString: "a non-empty string"
        case .text: "a string"
        case .wholeNumber: "a whole number"
        case .folder: "a string (a folder)"
        case .folderList: "a list of folders"
        case .fieldName: "a field name"
        case .fieldNames: "a list of field names"
        case .fieldNameOrList: "a field name or a list of them"
        case .cnpj: "a string such as \"12345678000195\""
        case .tableDotField: "\"TABLE.FIELD\""
        case .fieldRef: "{ table = \"T\", field = \"F\" } or \"T.F\""
        case .reference: "\"TABLE.FIELD\", e.g. \"CLIENTES.CODIGO\""
        case .uniqueFields: "`field = \"X\"` or `fields = [\"A\", \"B\"]`"
        case .salesSection: "[recreate.sales] with table and fields"
        case .itemsSection: "a table [recreate.items]"
        case .mark: "{ field = \"F\", value = \"TEXT\" }"
        case .fieldsMap: "{ FIELD = \"xml/path\", … }"
        case .fieldSource: "\"xml/path\" or { xml = \"path\", map = {…} } or { value = \"constant\" }"
        case .codeMap: "a table { \"XML\" = \"STORED\" }"
        }
    }
}

/// `[merge.T]` of resgate.toml that cannot be used.
extension English {
    static func mergeConfig(_ f: MergeConfigFailure) -> String {
        switch f {
        case let .syntax(file, line, r): "\(file):\(line): \(r)"
        case let .value(file, line, e, k, r):
            "\(file)" + (line.map { ":\($0)" } ?? "") + ": \(e)" + (k.map { ", key '\($0)'" } ?? "") + ": " + configProblem(r)
        }
    }
}
