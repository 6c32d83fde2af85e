/// A table's name as FoxPro allows it: 1–128 ASCII letters, digits and `_`, compared
/// without case. (A leading digit is accepted: DOS-era ERPs name tables `01CAIXA.DBF`.)
///
/// Why a type: a table name arrives from many places (a zip member, a file in DATA, the
/// command line, a web request) and ends up in a file path. Validating once, here, means
/// no `..`, `/`, dot-names or terminal escapes can reach a path or a screen, and comparing
/// `Vendas`, `VENDAS` and `vendas.dbf`'s stem is one `==`, not an `uppercased()` on each side.
public struct TableName: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// The name in upper case, as FoxPro shows it (`VENDAS`).
    public let canonical: String

    /// Nil when `raw` is not a valid table name (see `problem(with:)`).
    public init?(_ raw: some StringProtocol) {
        guard TableName.problem(with: raw) == nil else { return nil }
        canonical = String(raw).uppercased()
    }

    /// The name of the table stored in `fileName` (`vendas.dbf` → `VENDAS`), or nil when the
    /// file is not a `.dbf` or its stem is not a valid name.
    public init?(fileName: some StringProtocol) {
        let s = String(fileName)
        guard s.count > 4, s.lowercased().hasSuffix(".dbf") else { return nil }
        self.init(s.dropLast(4))
    }

    /// Why `raw` is not a table name, or nil when it is one.
    public static func problem(with raw: some StringProtocol) -> Problem? {
        if raw.isEmpty { return .empty }
        if raw.utf8.count > 128 { return .tooLong(raw.utf8.count) }
        for b in raw.utf8 where !(isLetter(b) || (b >= 0x30 && b <= 0x39) || b == 0x5F) {
            return .badCharacter(b)
        }
        return nil
    }

    /// What makes a text not a table name: a fact for the edge to put in words.
    public enum Problem: Sendable, Hashable {
        case empty
        case tooLong(Int)
        /// The first byte (of the UTF-8 text) that is not a letter, digit or `_`.
        case badCharacter(UInt8)
    }

    /// The DBF file name in canonical case (`VENDAS.DBF`).
    public var dbfFileName: String { canonical + ".DBF" }
    public var description: String { canonical }

    public static func < (a: TableName, b: TableName) -> Bool { a.canonical < b.canonical }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let n = TableName(raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a table name"))
        }
        self = n
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(canonical)
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
}

/// Renders any text for a terminal or a log line: control characters and non-printable
/// bytes as `\xNN`, so a hostile name cannot move the cursor or change colours.
public func printableEscaped(_ s: some StringProtocol) -> String {
    var out = ""
    for u in s.unicodeScalars {
        if u.value < 0x20 || u.value == 0x7F || (u.value >= 0x80 && u.value < 0xA0) {
            out += "\\x" + String(u.value, radix: 16, uppercase: true).leftPadded(to: 2)
        } else if u == "\\" {
            out += "\\\\"
        } else {
            out.unicodeScalars.append(u)
        }
    }
    return out
}

private extension String {
    func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
