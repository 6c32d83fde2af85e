import Foundation

/// Numbers, counts, times and dates as a person reads them in each language: Portuguese
/// writes `0,01 s`, `26/11/2026 07:00`, `1 tabela`/`2 tabelas`; English `0.01 s`,
/// `2026-11-26 07:00`, `1 table`/`2 tables`. JSON keeps ISO dates and plain numbers.
public enum Format {
    /// `n` with its noun in the singular or the plural (Portuguese: only 1 is singular, so
    /// `0 danificadas`, `1 danificada`).
    public static func count(_ n: Int, _ one: String, _ many: String) -> String {
        "\(n) " + (n == 1 ? one : many)
    }

    /// Seconds with two decimals and the language's decimal mark: `0,01 s` / `0.01 s`.
    public static func seconds(_ s: Double, in l: Language) -> String {
        decimal(s, digits: 2, in: l) + " s"
    }

    /// A decimal number with `digits` decimals and the language's decimal mark.
    public static func decimal(_ v: Double, digits: Int = 1, in l: Language) -> String {
        String(format: "%.\(digits)f", v).replacingOccurrences(of: ".", with: l.rules.decimalMark)
    }

    /// A whole number with its thousands grouped as the language writes them:
    /// `1.350.000` / `1,350,000`.
    public static func grouped(_ n: Int, in l: Language) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(l.rules.groupingMark) }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A moment on this machine's clock as a person reads it: `26/11/2026 07:00` /
    /// `2026-11-26 07:00`.
    public static func dateTime(_ date: Date, in l: Language) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: l.rules.localeIdentifier)
        f.dateFormat = l.rules.dateTimePattern
        return f.string(from: date)
    }

    /// An ISO 8601 date or date-time (`2026-11-26`, `2026-11-26T07:00:12-03:00`, `2026-11-26 07:00`)
    /// for a person: `26/11/2026 07:00` in Portuguese, `2026-11-26 07:00` in English. Text
    /// that is not such a date is returned as it is.
    public static func date(_ iso: String, in l: Language) -> String {
        let chars = Array(iso)
        guard chars.count >= 10, chars[4] == "-", chars[7] == "-",
              chars[0..<4].allSatisfy(\.isNumber), chars[5..<7].allSatisfy(\.isNumber), chars[8..<10].allSatisfy(\.isNumber)
        else { return iso }
        let y = String(chars[0..<4]), m = String(chars[5..<7]), d = String(chars[8..<10])
        var time = ""
        if chars.count >= 16, chars[10] == "T" || chars[10] == " ", chars[13] == ":" {
            time = " " + String(chars[11..<16])
        }
        let day = switch l {
        case .pt: "\(d)/\(m)/\(y)"
        case .en: "\(y)-\(m)-\(d)"
        }
        return day + time
    }

    /// A CNPJ as printed on a note: 14 characters (digits, or the alphanumeric CNPJ whose
    /// first 12 may be letters) as `12.345.678/0001-95`; a CPF (11 digits) as
    /// `123.456.789-09`; anything else as it is.
    public static func cnpj(_ raw: String) -> String {
        let c = Array(raw.uppercased())
        if c.count == 14, c[0..<12].allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter) }),
           c[12..<14].allSatisfy({ $0.isASCII && $0.isNumber }) {
            return String(c[0..<2]) + "." + String(c[2..<5]) + "." + String(c[5..<8]) + "/" + String(c[8..<12]) + "-" + String(c[12..<14])
        }
        if c.count == 11, c.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return String(c[0..<3]) + "." + String(c[3..<6]) + "." + String(c[6..<9]) + "-" + String(c[9..<11])
        }
        return raw
    }

    /// The fiscal document's name for its model: 65 NFC-e, 55 NF-e.
    public static func fiscalModel(_ model: Int, in l: Language = .pt) -> String {
        switch model {
        case 65: "NFC-e"
        case 55: "NF-e"
        default:
            switch l {
            case .pt: "modelo \(model)"
            case .en: "model \(model)"
            }
        }
    }
}

/// What differs by language but is not words — marks, date patterns, the page's language
/// tag — one row per language, in one place (the words are the catalogue's).
public struct LanguageRules: Sendable {
    /// The decimal mark: `0,5` / `0.5`.
    public var decimalMark: String
    /// The thousands mark: `1.350` / `1,350`.
    public var groupingMark: String
    /// A date and time as `DateFormatter` writes it (`Format.dateTime`).
    public var dateTimePattern: String
    /// The locale of `DateFormatter`.
    public var localeIdentifier: String
    /// An HTML page's `lang` attribute.
    public var htmlTag: String
}

public extension Language {
    var rules: LanguageRules {
        switch self {
        case .pt: LanguageRules(decimalMark: ",", groupingMark: ".", dateTimePattern: "dd/MM/yyyy HH:mm",
                                localeIdentifier: "pt_BR", htmlTag: "pt-BR")
        case .en: LanguageRules(decimalMark: ".", groupingMark: ",", dateTimePattern: "yyyy-MM-dd HH:mm",
                                localeIdentifier: "en_US_POSIX", htmlTag: "en")
        }
    }
}
