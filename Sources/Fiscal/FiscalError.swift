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

    /// The same, for a person, in both languages.
    public var words: Words {
        switch self {
        case let .cannotRead(p, r):
            Words(pt: "\(p): não foi possível ler: \(r)", en: "\(p): cannot read: \(r)")
        case let .configSyntax(f, l, c, r):
            Words(pt: "\(f):\(l):\(c): erro de sintaxe TOML: \(r)", en: "\(f):\(l):\(c): TOML syntax: \(r)")
        case let .configValue(f, l, e, k, r):
            Words(pt: "\(f)" + (l.map { ":\($0)" } ?? "") + ": \(e), chave '\(k)': \(r)",
                  en: "\(f)" + (l.map { ":\($0)" } ?? "") + ": \(e), key '\(k)': \(r)")
        case let .tableNotFound(t, d, cf):
            Words(pt: "tabela \(t) não encontrada em \(d)" + (cf.map { " (citada em \($0))" } ?? ""),
                  en: "table \(t) not found in \(d)" + (cf.map { " (named in \($0))" } ?? ""))
        case let .fieldNotFound(t, f, file, cf):
            Words(pt: "\(file): a tabela \(t) não tem o campo \(f)" + (cf.map { " (citado em \($0))" } ?? ""),
                  en: "\(file): table \(t) has no field \(f)" + (cf.map { " (named in \($0))" } ?? ""))
        case let .unreadableTable(f, r):
            Words(pt: "\(f): tabela ilegível: \(r)", en: "\(f): unreadable table: \(r)")
        case let .unreadableXML(f, l, r):
            Words(pt: "\(f):\(l): XML ilegível: \(r)", en: "\(f):\(l): unreadable XML: \(r)")
        case let .noRecreateMapping(cf):
            Words(pt: "falta a seção [recreate] (mapeamento XML → tabelas) em " + (cf ?? "resgate.toml (nenhum encontrado)") + "; veja docs/checks.md",
                  en: "no [recreate] section (XML → tables mapping) in " + (cf ?? "resgate.toml (none found)") + "; see docs/checks.md")
        case let .cannotMap(x, t, f, p, v, r):
            Words(pt: "\(x): o valor '\(v)' de \(p ?? "constante") não cabe em \(t).\(f): \(r)",
                  en: "\(x): value '\(v)' of \(p ?? "constant") cannot go into \(t).\(f): \(r)")
        case let .badJustification(n):
            Words(pt: "--just deve ter de 15 a 255 caracteres numa linha, sem espaços no início ou no fim (tem \(n))",
                  en: "--just must be 15 to 255 characters on one line, without leading or trailing blanks (it has \(n))")
        case let .noStateCode(s):
            Words(pt: "\(s): nenhuma chave de acesso da série informa a UF (cUF)", en: "\(s): no access key of the series tells the state (cUF)")
        case let .issuerNotCNPJ(s):
            Words(pt: "\(s): o emitente não é um CNPJ (a inutilização exige CNPJ)", en: "\(s): the issuer is not a CNPJ (voiding needs one)")
        case let .cannotWrite(p, r):
            Words(pt: "\(p): não foi possível gravar: \(r)", en: "\(p): cannot write: \(r)")
        case let .nothingToCheck(d):
            Words(pt: "sem configuração (resgate.toml) e nenhuma tabela em \(d) com campos como NUMERO/NNF/NUMNOTA, SERIE e MODELO/MOD: escreva um resgate.toml (veja docs/checks.md)",
                  en: "no config (resgate.toml) and no table in \(d) with fields like NUMERO/NNF/NUMNOTA, SERIE and MODELO/MOD: write a resgate.toml (see docs/checks.md)")
        }
    }
}
