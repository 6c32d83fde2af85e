/// Input `resgate check`, `recreate` and `inutilizar` cannot use (`Fiscal.FiscalError`), as
/// facts: the file and, where it applies, the line, table, field and value. The words are
/// in `Portuguese+Fiscal.swift` / `English+Fiscal.swift`.
public enum FiscalErrorPhrase: Sendable, Hashable {
    case cannotRead(path: String, reason: String)
    case configSyntax(file: String, line: Int, column: Int, reason: String)
    case configValue(file: String, line: Int?, entry: String, key: String, reason: String)
    case tableNotFound(table: String, folder: String, configFile: String?)
    case fieldNotFound(table: String, field: String, file: String, configFile: String?)
    case unreadableTable(file: String, reason: String)
    case unreadableXML(file: String, line: Int, reason: String)
    case noRecreateMapping(configFile: String?)
    /// `path`: the XML path the value came from (nil: a constant of the mapping).
    case cannotMap(xml: String, table: String, field: String, path: String?, text: String, reason: String)
    case badJustification(length: Int)
    case noStateCode(series: String)
    case issuerNotCNPJ(series: String)
    case cannotWrite(path: String, reason: String)
    case nothingToCheck(folder: String)
}

public extension FiscalErrorPhrase {
    func text(in language: Language) -> String { Phrase.fiscalError(self).text(in: language) }
    var words: Words { Phrase.fiscalError(self).words }
}
