import ResgateLocale

/// The 44-character access key ("chave de acesso") of an NF-e/NFC-e.
///
/// Layout: cUF(2) AAMM(4) CNPJ(14) mod(2) serie(3) nNF(9) tpEmis(1) cNF(8) cDV(1).
/// Since July 2026 the issuer's CNPJ may be alphanumeric (`[A-Z0-9]{12}[0-9]{2}`); the
/// check digit then weighs each character by its ASCII code minus 48 ('A' = 17), which is
/// also exactly the value of a digit, so one rule covers both kinds of key.
public struct AccessKey: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The key as read (44 characters).
    public let text: String
    public let uf: Int
    /// `AAMM` of the issue date.
    public let yearMonth: String
    /// The issuer's CNPJ (14 characters, possibly alphanumeric). An issuer identified by
    /// CPF carries `000` + the 11 CPF digits here.
    public let issuer: String
    public let model: Int
    public let series: Int
    public let number: Int
    public let emissionType: Int
    public let code: String
    /// The check digit written in the key.
    public let checkDigit: Int
    /// The check digit the first 43 characters call for.
    public let expectedCheckDigit: Int

    public var isCheckDigitValid: Bool { checkDigit == expectedCheckDigit }
    public var description: String { text }

    /// Parses the layout; nil when it is wrong (see `layoutProblem(of:)` for why). A key
    /// whose check digit is wrong still parses, so its model/series/number can be compared.
    public init?(_ text: String) {
        guard AccessKey.layoutProblem(of: text) == nil else { return nil }
        let b = Array(text.utf8)
        func int(_ r: Range<Int>) -> Int { b[r].reduce(0) { $0 * 10 + Int($1 - 48) } }
        func str(_ r: Range<Int>) -> String { String(decoding: b[r], as: UTF8.self) }
        self.text = text
        uf = int(0..<2)
        yearMonth = str(2..<6)
        issuer = str(6..<20)
        model = int(20..<22)
        series = int(22..<25)
        number = int(25..<34)
        emissionType = int(34..<35)
        code = str(35..<43)
        checkDigit = int(43..<44)
        expectedCheckDigit = AccessKey.checkDigit(of: b[0..<43])!
    }

    /// Why `text` does not have the key's layout, or nil when it has.
    public static func layoutProblem(of text: String) -> AccessKeyProblem? {
        let b = Array(text.utf8)
        guard b.count == 44 else { return .wrongLength(b.count) }
        for (i, c) in b.enumerated() {
            let isDigit = c >= 48 && c <= 57
            let isUpper = c >= 65 && c <= 90
            // positions 6..<18 are the alphanumeric root + branch of the CNPJ
            let allowed = (i >= 6 && i < 18) ? (isDigit || isUpper) : isDigit
            if !allowed { return .badCharacter(position: i + 1, character: String(UnicodeScalar(c))) }
        }
        return nil
    }

    /// The modulo-11 check digit of 43 key characters: weights 2…9 repeating from the
    /// right, value of a character = ASCII − 48; remainder 0 or 1 gives 0, else 11 − it.
    /// Nil when a character is not `0-9`/`A-Z` or the count is not 43.
    public static func checkDigit<C: Collection>(of chars: C) -> Int? where C.Element == UInt8 {
        guard chars.count == 43 else { return nil }
        var sum = 0
        var weight = 2
        for c in chars.reversed() {
            guard (c >= 48 && c <= 57) || (c >= 65 && c <= 90) else { return nil }
            sum += Int(c - 48) * weight
            weight = weight == 9 ? 2 : weight + 1
        }
        let r = sum % 11
        return r < 2 ? 0 : 11 - r
    }

    /// True when `text` is a right key for the given fields, decided on its bytes without
    /// allocating: the common case when a million rows are checked. Any doubt returns
    /// false and `problems(of:…)` then says what is wrong.
    static func isClean(_ text: String, model: Int?, series: Int?, number: Int?, issuer: String?) -> Bool {
        var t = text
        return t.withUTF8 { isClean(bytes: $0, model: model, series: series, number: number, issuer: issuer) }
    }

    /// `isClean` on the key's bytes (e.g. straight from a DBF record).
    static func isClean(bytes b: UnsafeBufferPointer<UInt8>, model: Int?, series: Int?, number: Int?, issuer: String?) -> Bool {
        do {
            guard b.count == 44 else { return false }
            var sum = 0, weight = 2
            for i in stride(from: 42, through: 0, by: -1) {
                let c = b[i]
                let digit = c >= 48 && c <= 57
                guard digit || (i >= 6 && i < 18 && c >= 65 && c <= 90) else { return false }
                sum += Int(c - 48) * weight
                weight = weight == 9 ? 2 : weight + 1
            }
            let r = sum % 11
            guard b[43] >= 48, b[43] <= 57, Int(b[43] - 48) == (r < 2 ? 0 : 11 - r) else { return false }
            func int(_ lo: Int, _ hi: Int) -> Int { var v = 0; for i in lo..<hi { v = v * 10 + Int(b[i] - 48) }; return v }
            if let m = model, int(20, 22) != m { return false }
            if let s = series, int(22, 25) != s { return false }
            if let n = number, int(25, 34) != n { return false }
            if let iss = issuer, !iss.isEmpty {
                var ok = true
                var other = iss
                other.withUTF8 { ib in
                    if ib.count == 14 { ok = memcmpEqual(b, 6, ib) }
                    else if ib.count == 11 { ok = b[6] == 48 && b[7] == 48 && b[8] == 48 && memcmpEqual(b, 9, ib) }
                    else { ok = false }
                }
                if !ok { return false }
            }
            return true
        }
    }

    /// `tpEmis` (character 35) of a 44-character key, without parsing the rest; nil when
    /// the text is not 44 characters or that character is not a digit.
    public static func emission(of text: String) -> Int? {
        var t = text
        return t.withUTF8 { b in b.count == 44 && b[34] >= 48 && b[34] <= 57 ? Int(b[34] - 48) : nil }
    }

    /// `cUF` (the first two characters) of a 44-character key; nil when not two digits.
    public static func stateCode(of text: String) -> Int? {
        var t = text
        return t.withUTF8 { b in
            b.count == 44 && (48...57).contains(b[0]) && (48...57).contains(b[1]) ? Int(b[0] - 48) * 10 + Int(b[1] - 48) : nil
        }
    }

    /// The issuer (CNPJ) inside a key's text, without parsing the rest; nil when the text is
    /// not 44 characters.
    static func issuer(inKey text: String) -> String? {
        var t = text
        return t.withUTF8 { b in b.count == 44 ? String(decoding: UnsafeBufferPointer(rebasing: b[6..<20]), as: UTF8.self) : nil }
    }

    /// Everything wrong with `text` as a key of a note with the given fields (any nil is
    /// not compared): layout, check digit, then embedded model/series/number/issuer.
    public static func problems(of text: String, model: Int? = nil, series: Int? = nil,
                                number: Int? = nil, issuer: String? = nil) -> [AccessKeyProblem] {
        if isClean(text, model: model, series: series, number: number, issuer: issuer) { return [] }
        return fullProblems(of: text, model: model, series: series, number: number, issuer: issuer)
    }

    /// `problems(of:…)` without the byte-level shortcut (tests compare the two).
    static func fullProblems(of text: String, model: Int?, series: Int?, number: Int?, issuer: String?) -> [AccessKeyProblem] {
        if let p = layoutProblem(of: text) { return [p] }
        guard let key = AccessKey(text) else { return [] }
        var out: [AccessKeyProblem] = []
        if !key.isCheckDigitValid {
            out.append(.wrongCheckDigit(found: key.checkDigit, expected: key.expectedCheckDigit))
        }
        if let m = model, m != key.model { out.append(.modelDiffers(inKey: key.model, inRow: m)) }
        if let s = series, s != key.series { out.append(.seriesDiffers(inKey: key.series, inRow: s)) }
        if let n = number, n != key.number { out.append(.numberDiffers(inKey: key.number, inRow: n)) }
        if let i = issuer, !i.isEmpty, i != key.issuer, !(i.count == 11 && key.issuer == "000" + i) {
            out.append(.issuerDiffers(inKey: key.issuer, inRow: i))
        }
        return out
    }
}

/// What is wrong with an access key: the catalogue's fact (`FiscalPhrase.KeyProblem`).
public typealias AccessKeyProblem = FiscalPhrase.KeyProblem

@inline(__always) private func memcmpEqual(_ a: UnsafeBufferPointer<UInt8>, _ at: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    for i in 0..<b.count where a[at + i] != b[i] { return false }
    return true
}
