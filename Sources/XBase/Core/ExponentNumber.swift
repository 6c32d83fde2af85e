/// N/F values in exponent notation (`1.3945052E+02`, `3.85141393728e+008`), as FoxPro
/// writes a value too wide for the field and shapefile writers write every F value.
///
/// One rule for the decoder and the health check: `[sign] digits [. digits] (e|E) [sign]
/// 1…3 digits`, nothing else, at least one mantissa digit.
enum ExponentNumber {
    /// The value of the trimmed bytes `r[s..<e]`, or nil when they are not that form.
    static func parse(_ r: UnsafeRawBufferPointer, _ s: Int, _ e: Int) -> Double? {
        var i = s
        if i < e && (r[i] == UInt8(ascii: "-") || r[i] == UInt8(ascii: "+")) { i += 1 }
        var mantissaDigits = 0, point = false
        while i < e, r[i] != UInt8(ascii: "e") && r[i] != UInt8(ascii: "E") {
            if r[i] &- 48 < 10 { mantissaDigits += 1 }
            else if r[i] == UInt8(ascii: ".") && !point { point = true }
            else { return nil }
            i += 1
        }
        guard mantissaDigits > 0, i < e else { return nil }
        i += 1
        if i < e && (r[i] == UInt8(ascii: "-") || r[i] == UInt8(ascii: "+")) { i += 1 }
        let expDigits = e - i
        guard (1...3).contains(expDigits) else { return nil }
        for j in i..<e where r[j] &- 48 >= 10 { return nil }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: r[s..<e]), as: UTF8.self)
        guard let v = Double(text), v.isFinite else { return nil }
        return v
    }
}
