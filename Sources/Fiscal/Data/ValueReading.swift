import XBase

/// How the checks read values whatever the field's type: an ERP may keep a note number
/// in N, I or C ("000123") fields, a model as "65" or 65, a date as D or T.
extension DBFValue {
    /// A whole number, or nil when blank or not a whole number.
    var wholeNumber: Int? {
        switch self {
        case .integer(let v): return Int(exactly: v)
        case .number(let d?), .currency(let d):
            let n = d.normalized
            return n.scale == 0 ? Int(exactly: n.mantissa) : nil
        case .double(let v): return v.rounded() == v && abs(v) < 1e15 ? Int(v) : nil
        case .string(let s):
            let t = s.trimmingSpaces
            guard !t.isEmpty, t.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), t.utf8.count <= 18 else { return nil }
            return Int(t)
        default: return nil
        }
    }

    /// Text with surrounding blanks removed; numbers in plain notation; nil when blank.
    var text: String? {
        switch self {
        case .string(let s): let t = s.trimmingSpaces; return t.isEmpty ? nil : t
        case .integer(let v): return String(v)
        case .number(let d?), .currency(let d): return d.normalized.description
        case .double(let v): return String(v)
        case .date(let d?): return d.iso
        case .dateTime(let t?): return t.iso
        case .logical(let l?): return l ? "T" : "F"
        case .bytes(let b): return b.isEmpty ? nil : b.map { String($0, radix: 16) }.joined()
        default: return nil
        }
    }

    /// A moment, for `freshness`: dates and datetimes, and ISO/`YYYYMMDD` text.
    var moment: DBFDateTime? {
        switch self {
        case .date(let d?): return DBFDateTime(date: d, milliseconds: 0)
        case .dateTime(let t?): return t
        case .string(let s): return DBFDateTime(isoText: s.trimmingSpaces)
        default: return nil
        }
    }

    /// Human text for an offending value in a report.
    var shown: String { text ?? "(blank)" }
}

extension DBFDateTime {
    /// Parses `YYYY-MM-DD`, `YYYYMMDD` or `YYYY-MM-DDThh:mm:ss` (anything after seconds is
    /// ignored, so a `-03:00` offset from an XML date is accepted).
    public init?(isoText s: String) {
        let b = Array(s.utf8)
        func num(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= b.count else { return nil }
            var v = 0
            for c in b[r] { guard c >= 48 && c <= 57 else { return nil }; v = v * 10 + Int(c - 48) }
            return v
        }
        let date: DBFDate
        var rest = 0
        if b.count >= 10, b[4] == 45, b[7] == 45, let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) {
            date = DBFDate(year: y, month: m, day: d); rest = 10
        } else if b.count == 8, let y = num(0..<4), let m = num(4..<6), let d = num(6..<8) {
            date = DBFDate(year: y, month: m, day: d); rest = 8
        } else { return nil }
        guard date.isValid else { return nil }
        if b.count >= rest + 9, b[rest] == 84 || b[rest] == 32, let h = num((rest + 1)..<(rest + 3)),
           let mi = num((rest + 4)..<(rest + 6)), let se = num((rest + 7)..<(rest + 9)) {
            self.init(date: date, hour: h, minute: mi, second: se)
        } else {
            self.init(date: date, milliseconds: 0)
        }
    }
}

extension String {
    var trimmingSpaces: String {
        // most values are already trimmed: return them without copying
        if let f = utf8.first, let l = utf8.last, f != 32, f != 9, f != 0, l != 32, l != 9, l != 0 { return self }
        var u = Substring(self)
        while let f = u.first, f == " " || f == "\t" || f == "\0" { u = u.dropFirst() }
        while let l = u.last, l == " " || l == "\t" || l == "\0" { u = u.dropLast() }
        return String(u)
    }
}
