import ResgateLocale

/// Input the check cannot use: the command exits 2 and nothing is reported as checked.
/// Each case names the file and, where it applies, the line, table, record and field.
public enum FiscalError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotRead(path: String, reason: String)
    /// The TOML could not be parsed.
    case configSyntax(file: String, line: Int, column: Int, reason: String)
    /// The TOML parsed but a value is missing or wrong.
    case configValue(file: String, line: Int?, entry: String, key: String, reason: String)
    case tableNotFound(table: String, folder: String, configFile: String?)
    case fieldNotFound(table: String, field: String, file: String, configFile: String?)
    /// A table that exists could not be read.
    case unreadableTable(file: String, reason: String)
    /// No config and no table that looks like one row per issued note.
    case nothingToCheck(folder: String)
    /// An XML file that `recreate` must read is not well-formed.
    case unreadableXML(file: String, line: Int, reason: String)
    /// `recreate` without a `[recreate]` section in the config.
    case noRecreateMapping(configFile: String?)
    /// A note's value cannot be stored in the mapped field.
    case cannotMap(xml: String, table: String, field: String, path: String?, text: String, reason: String)
    /// `inutilizar`: the justification is not 15–255 characters of one line.
    case badJustification(length: Int)
    /// `inutilizar`: no access key of the series tells the state (cUF).
    case noStateCode(series: String)
    /// `inutilizar`: the issuer is not a CNPJ (a voiding request needs one).
    case issuerNotCNPJ(series: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotRead(p, r): "\(p): cannot read: \(r)"
        case let .configSyntax(f, l, c, r): "\(f):\(l):\(c): TOML syntax: \(r)"
        case let .configValue(f, l, e, k, r): "\(f)" + (l.map { ":\($0)" } ?? "") + ": \(e), key '\(k)': \(r)"
        case let .tableNotFound(t, d, cf): "table \(t) not found in \(d)" + (cf.map { " (named in \($0))" } ?? "")
        case let .fieldNotFound(t, f, file, cf): "\(file): table \(t) has no field \(f)" + (cf.map { " (named in \($0))" } ?? "")
        case let .unreadableTable(f, r): "\(f): \(r)"
        case let .unreadableXML(f, l, r): "\(f):\(l): XML: \(r)"
        case let .noRecreateMapping(cf): "no [recreate] mapping in " + (cf ?? "the config (none found)")
        case let .cannotMap(x, t, f, p, v, r): "\(x): \(p ?? "value") '\(v)' cannot go into \(t).\(f): \(r)"
        case let .badJustification(n): "--just must be 15 to 255 characters on one line, without leading or trailing blanks (it has \(n))"
        case let .noStateCode(s): "\(s): no access key tells the state (cUF)"
        case let .issuerNotCNPJ(s): "\(s): the issuer is not a CNPJ"
        case let .cannotWrite(p, r): "\(p): cannot write: \(r)"
        case let .nothingToCheck(d): "no config (resgate.toml) and no table in \(d) with fields like NUMERO/NNF/NUMNOTA, SERIE and MODELO/MOD"
        }
    }

    /// The same as the catalogue's fact (the words are `ResgateLocale`'s).
    public var phrase: FiscalErrorPhrase {
        switch self {
        case let .cannotRead(p, r): .cannotRead(path: p, reason: r)
        case let .configSyntax(f, l, c, r): .configSyntax(file: f, line: l, column: c, reason: r)
        case let .configValue(f, l, e, k, r): .configValue(file: f, line: l, entry: e, key: k, reason: r)
        case let .tableNotFound(t, d, cf): .tableNotFound(table: t, folder: d, configFile: cf)
        case let .fieldNotFound(t, f, file, cf): .fieldNotFound(table: t, field: f, file: file, configFile: cf)
        case let .unreadableTable(f, r): .unreadableTable(file: f, reason: r)
        case let .unreadableXML(f, l, r): .unreadableXML(file: f, line: l, reason: r)
        case let .noRecreateMapping(cf): .noRecreateMapping(configFile: cf)
        case let .cannotMap(x, t, f, p, v, r): .cannotMap(xml: x, table: t, field: f, path: p, text: v, reason: r)
        case let .badJustification(n): .badJustification(length: n)
        case let .noStateCode(s): .noStateCode(series: s)
        case let .issuerNotCNPJ(s): .issuerNotCNPJ(series: s)
        case let .cannotWrite(p, r): .cannotWrite(path: p, reason: r)
        case let .nothingToCheck(d): .nothingToCheck(folder: d)
        }
    }

    /// The same, for a person, in both languages (from the catalogue).
    public var words: Words { phrase.words }
}
