/// What is wrong with one key of `resgate.toml`, as a fact. The file, line, entry and key
/// are the error's (`FiscalErrorPhrase.configValue`, `MergeConfigFailure.value`); the words
/// are in `English+Config.swift` / `Portuguese+Config.swift`.
public enum ConfigProblem: Sendable, Hashable {
    /// The key is not one of `known` (a typo would silently turn a check off).
    case unknownKey(known: [String])
    /// The key is missing; `form`: what to write there (nil: the key alone says it).
    case required(ConfigForm?)
    case mustBe(ConfigForm)
    /// An array of tables written otherwise than with its double-bracket `header`.
    case writtenAs(header: String)
    case outOfRange(min: Int, max: Int)
    /// The value is none of the words the key takes.
    case oneOf([String])
    /// Neither the field `field` nor the constant `value` is given.
    case fieldOrValue(field: String, value: String)
    /// A field source of `[recreate]` gives both or neither of `xml` and `value`.
    case xmlOrValue
    case unknownRule(String, known: [String])
    /// `model_value` other than 55 (NF-e) or 65 (NFC-e).
    case modelValue(Int)
    /// The text is not an XML path such as `ide/nNF`.
    case notAPath(String)
}

/// What a value of `resgate.toml` must look like.
public enum ConfigForm: Sendable, Hashable, CaseIterable {
    case table, nonEmptyString, text, wholeNumber, folder, folderList
    case fieldName, fieldNames, fieldNameOrList
    /// A CNPJ as text, `"12345678000195"`.
    case cnpj
    /// `"TABLE.FIELD"`.
    case tableDotField
    /// `{ table = "T", field = "F" }` or `"T.F"`.
    case fieldRef
    /// `"TABLE.FIELD"`, with an example (`references`).
    case reference
    /// `field = "X"` or `fields = ["A", "B"]` (a `unique` rule).
    case uniqueFields
    /// `[recreate.sales]` with `table` and `fields`.
    case salesSection
    /// A table `[recreate.items]`.
    case itemsSection
    /// `{ field = "F", value = "TEXT" }`.
    case mark
    /// `{ FIELD = "xml/path", … }`.
    case fieldsMap
    /// `"xml/path"`, `{ xml = "path", map = {…} }` or `{ value = "constant" }`.
    case fieldSource
    /// A table `{ "XML" = "STORED" }`.
    case codeMap
}

public extension ConfigProblem {
    func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.configProblem(self)
        case .en: English.configProblem(self)
        }
    }
}
