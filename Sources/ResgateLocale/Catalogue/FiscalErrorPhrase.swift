/// Input `resgate check`, `recreate` and `inutilizar` cannot use, as facts: the file and,
/// where it applies, the line, table, field and value. Fiscal throws it as `FiscalError`
/// (the same type; the command exits 2). The words are in `Portuguese+Fiscal.swift` /
/// `English+Fiscal.swift`.
public enum FiscalErrorPhrase: Error, Sendable, Hashable, CustomStringConvertible {
    /// `reason`: Foundation's or the system's (`strerror`) words, a foreign error; nil when
    /// none was given.
    case cannotRead(path: String, reason: String?)
    /// The TOML could not be parsed; `reason`: TOMLKit's own words (English).
    case configSyntax(file: String, line: Int, column: Int, reason: String)
    /// The TOML parsed but a value is missing or wrong; `entry`: the section as written
    /// (`[fiscal]`, `[[rule]] #2`), nil for the top level.
    case configValue(file: String, line: Int?, entry: String?, key: String, reason: ConfigProblem)
    case tableNotFound(table: String, folder: String, configFile: String?)
    case fieldNotFound(table: String, field: String, file: String, configFile: String?)
    /// A table that exists could not be read.
    case unreadableTable(file: String, reason: Cause)
    /// An XML file that `recreate` must read is not well-formed; `reason`: XMLParser's
    /// words (foreign).
    case unreadableXML(file: String, line: Int, reason: String)
    /// `recreate` without a `[recreate]` section in the config.
    case noRecreateMapping(configFile: String?)
    /// A note's value cannot be stored in the mapped field; `path`: the XML path the value
    /// came from (nil: a constant of the mapping).
    case cannotMap(xml: String, table: String, field: String, path: String?, text: String, reason: MapProblem)
    /// `inutilizar`: the justification is not 15–255 characters of one line.
    case badJustification(length: Int)
    /// `inutilizar`: no access key of the series tells the state (cUF).
    case noStateCode(series: String)
    /// `inutilizar`: the issuer is not a CNPJ (a voiding request needs one).
    case issuerNotCNPJ(series: String)
    /// `reason`: Foundation's words (a foreign error).
    case cannotWrite(path: String, reason: String)
    /// No config and no table that looks like one row per issued note.
    case nothingToCheck(folder: String)
    /// An XML file that `recreate` must read holds no `NFe/infNFe`.
    case xmlWithoutNFe(file: String)
    /// A folder was asked for and `path` is a file.
    case notAFolder(path: String)
    /// `inutilizar` needs the XML folder and neither `--xml` nor the config's `xml` gave it.
    case xmlFolderNeeded
}

/// Why a note's value cannot be stored in the field `[recreate]` maps it to.
public enum MapProblem: Sendable, Hashable {
    /// The XML's code is not a key of the field's `map`.
    case notInMap(known: [String])
    case notADecimal, notAnIntegerField, notANumber, notAnISODate, notAnISODateTime, badTimeOfDay, notALogical
    /// `recreate` does not write fields of this type (the type as XBase names it).
    case typeNotWritten(String)
}

public extension FiscalErrorPhrase {
    func text(in language: Language) -> String { Phrase.fiscalError(self).text(in: language) }
    var words: Words { Phrase.fiscalError(self).words }
    var description: String { text(in: .en) }
}
