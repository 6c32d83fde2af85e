import XBase

/// Formats values the canonical way (section 4A): `,` between fields, text between quote
/// characters with trailing blanks removed, numbers plain, dates `YYYYMMDD`, logicals T/F.
///
/// What makes it exact where FoxPro is not: NULL is nothing, a blank non-NULL value of a
/// nullable field is an empty quoted value `""`; DateTime keeps milliseconds as
/// `YYYYMMDDhhmmss.fff`; a Double is written with as many digits as it takes to come
/// back identical (FoxPro rounds it to the field's decimals).
enum CanonicalText {
    /// Appends one field. Returns false when a text value contains the quote character
    /// (the table is then written again with another quote).
    static func append(_ v: DBFValue, field f: FieldDescriptor, raw: UnsafeRawBufferPointer?, quote: UInt8,
                       codePage: CodePage, to out: inout [UInt8]) -> Bool {
        switch v {
        case .null: return true
        case .string(let s):
            out.append(quote)
            if f.type == .character, let raw {
                var end = raw.count
                while end > 0 && (raw[end - 1] == 0x20 || raw[end - 1] == 0) { end -= 1 }
                let bytes = UnsafeRawBufferPointer(rebasing: raw[0..<end])
                if bytes.contains(quote) { return false }
                out.append(contentsOf: bytes)
            } else {
                let bytes = codePage.encode(s)
                if bytes.contains(quote) { return false }
                out.append(contentsOf: bytes)
            }
            out.append(quote)
        case .bytes(let b):
            if b.contains(quote) { return false }
            out.append(quote); out.append(contentsOf: b); out.append(quote)
        case .number(let n):
            if let n { out.append(contentsOf: n.description.utf8) } else if f.isNullable { out.append(quote); out.append(quote) }
        case .integer(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d): out.append(contentsOf: plain(d).utf8)
        case .currency(let c): out.append(contentsOf: c.formatted(decimals: 4).utf8)
        case .date(let d):
            if let d { out.append(contentsOf: d.dtos.utf8) } else if f.isNullable { out.append(quote); out.append(quote) }
        case .dateTime(let t):
            if let t {
                out.append(contentsOf: t.compact.utf8)
                if t.millisecond != 0 {
                    let ms = String(t.millisecond)
                    out.append(0x2E); out.append(contentsOf: (String(repeating: "0", count: 3 - ms.count) + ms).utf8)
                }
            } else if f.isNullable { out.append(quote); out.append(quote) }
        case .logical(let l):
            if let l { out.append(l ? 0x54 : 0x46) } else if f.isNullable { out.append(quote); out.append(quote) }
        }
        return true
    }

    /// A Double as plain decimal text that reads back to the same Double (no exponent).
    static func plain(_ d: Double) -> String {
        guard d.isFinite else { return d.isNaN ? "nan" : (d < 0 ? "-inf" : "inf") }
        let s = "\(d)"
        var text = s
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            let exp = Int(s[s.index(after: e)...])!
            var mant = String(s[..<e])
            let neg = mant.hasPrefix("-")
            if neg { mant.removeFirst() }
            let parts = mant.split(separator: ".", omittingEmptySubsequences: false)
            let intPart = String(parts[0])
            let frac = parts.count > 1 ? String(parts[1]) : ""
            var digits = intPart + frac
            var point = intPart.count + exp
            if point <= 0 { digits = String(repeating: "0", count: 1 - point) + digits; point = 1 }
            if point >= digits.count { digits += String(repeating: "0", count: point - digits.count) }
            var r = String(digits.prefix(point))
            let rest = String(digits.dropFirst(point))
            if !rest.isEmpty && rest.contains(where: { $0 != "0" }) { r += "." + rest }
            text = (neg ? "-" : "") + r
        }
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// The structure file, variant A with every `#` key.
    static func structure(table: String, fields: [FieldDescriptor], codePage: CodePage, version: UInt8,
                          records: Int, updated: DBFDate?, quote: UInt8) -> [UInt8] {
        let hex = String(version, radix: 16, uppercase: false)
        var s = "# table=\(table) codepage=\(codePage.number) version=0x\(hex.count < 2 ? "0" + hex : hex) records=\(records)"
        if let updated { s += " updated=\(updated.iso)" }
        s += " separator=, quote=\(quote == 0x22 ? "\"" : "0x" + String(quote, radix: 16))\r\n"
        s += "FIELD_NAME;FIELD_TYPE;FIELD_LEN;FIELD_DEC;FIELD_NULL;FIELD_NOCP;FIELD_NEXT;FIELD_STEP\r\n"
        for f in fields where !f.isSystem {
            s += "\(f.name);\(f.type.letter);\(f.length);\(f.decimals);\(f.isNullable ? "Y" : "N");\(f.flags.contains(.binary) ? "Y" : "N")"
            s += ";\(f.flags.contains(.autoIncrement) ? Int(f.autoIncrementNext) : 0);\(f.flags.contains(.autoIncrement) ? Int(f.autoIncrementStep) : 0)\r\n"
        }
        return Array(s.utf8)
    }

    /// Quote characters tried in order; none can start a bare number, date or logical.
    static let quotes: [UInt8] = Array("\"~^`|'#$%&@!{}<>[]".utf8)
}
