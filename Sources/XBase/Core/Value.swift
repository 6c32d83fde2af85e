/// A calendar date as stored in xBase (`YYYYMMDD`, or a Julian day number).
public struct DBFDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    // Stored narrow so a `DBFValue` fits in three registers and is returned in them, not
    // through memory (a full read returns twenty values per record). Out-of-range inputs
    // clamp to values `isValid` still rejects.
    private var y: Int32
    private var m: Int16
    private var d: Int16

    public var year: Int { get { Int(y) } set { y = Int32(clamping: newValue) } }
    public var month: Int { get { Int(m) } set { m = Int16(clamping: newValue) } }
    public var day: Int { get { Int(d) } set { d = Int16(clamping: newValue) } }

    public init(year: Int, month: Int, day: Int) {
        y = Int32(clamping: year); m = Int16(clamping: month); d = Int16(clamping: day)
    }

    /// For decoders whose parts are already in range of the narrow fields (8 digits).
    @inline(__always)
    init(narrowYear year: Int, month: Int, day: Int) {
        y = Int32(truncatingIfNeeded: year); m = Int16(truncatingIfNeeded: month); d = Int16(truncatingIfNeeded: day)
    }

    /// Whether the date exists in the proleptic Gregorian calendar.
    public var isValid: Bool {
        guard year >= 1, year <= 9999, month >= 1, month <= 12, day >= 1 else { return false }
        return day <= DBFDate.daysIn(month: month, year: year)
    }

    @inline(__always)
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Julian day number (as used by VFP DateTime and CDX date keys).
    public var julianDay: Int {
        let a = (14 - month) / 12
        let y = year + 4800 - a
        let m = month + 12 * a - 3
        return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
    }

    public init(julianDay jd: Int) {
        // Days from 0000-03-01 up to year 9999 take Neri and Schneider's calendar
        // algorithm (multiplications and shifts in 32 bits, no division by a variable);
        // a DateTime field decodes one date per record. Other days take the classic one.
        let n = jd - 1_721_120
        if n >= 0 && n < 3_652_425 {
            let n1 = 4 &* UInt32(n) &+ 3
            let century = n1 / 146_097
            let nc = n1 % 146_097 / 4
            let p2 = 2_939_745 &* UInt64(4 &* nc &+ 3)
            let yearOfCentury = UInt32(truncatingIfNeeded: p2 >> 32)
            let dayOfYear = UInt32(truncatingIfNeeded: p2) / 2_939_745 / 4
            let n3 = 2_141 &* dayOfYear &+ 197_913
            let m = n3 >> 16
            let d = (n3 & 0xFFFF) / 2_141
            let january = dayOfYear >= 306
            self.init(year: Int(100 &* century &+ yearOfCentury) + (january ? 1 : 0),
                      month: Int(january ? m &- 12 : m), day: Int(d) + 1)
            return
        }
        self.init(classicJulianDay: jd)
    }

    /// Fliegel–Van Flandern, valid for any day (the reference for the fast path).
    init(classicJulianDay jd: Int) {
        let a = jd + 32044
        let b = (4 * a + 3) / 146097
        let c = a - 146097 * b / 4
        let d = (4 * c + 3) / 1461
        let e = c - 1461 * d / 4
        let m = (5 * e + 2) / 153
        self.init(year: 100 * b + d - 4800 + m / 10, month: m + 3 - 12 * (m / 10), day: e - (153 * m + 2) / 5 + 1)
    }

    /// ISO 8601 `YYYY-MM-DD`.
    public var iso: String {
        pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }
    /// xBase `YYYYMMDD`.
    public var dtos: String { pad(year, 4) + pad(month, 2) + pad(day, 2) }
    public var description: String { iso }

    public static func < (l: DBFDate, r: DBFDate) -> Bool {
        (l.year, l.month, l.day) < (r.year, r.month, r.day)
    }
}

/// A VFP DateTime: a date plus milliseconds since midnight.
public struct DBFDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var date: DBFDate
    // narrow for the same reason as DBFDate's fields (a day has 86,400,000 ms)
    private var ms: Int32
    public var milliseconds: Int { get { Int(ms) } set { ms = Int32(clamping: newValue) } }

    public init(date: DBFDate, milliseconds: Int) {
        self.date = date; self.ms = Int32(clamping: milliseconds)
    }
    public init(date: DBFDate, hour: Int, minute: Int, second: Int, millisecond: Int = 0) {
        self.init(date: date, milliseconds: ((hour * 60 + minute) * 60 + second) * 1000 + millisecond)
    }
    public var hour: Int { milliseconds / 3_600_000 }
    public var minute: Int { milliseconds / 60_000 % 60 }
    public var second: Int { milliseconds / 1000 % 60 }
    public var millisecond: Int { milliseconds % 1000 }

    /// ISO 8601 `YYYY-MM-DDThh:mm:ss` (with `.mmm` when milliseconds are not zero).
    public var iso: String {
        var s = date.iso + "T" + pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2)
        if millisecond != 0 { s += "." + pad(millisecond, 3) }
        return s
    }
    /// xBase `YYYYMMDDhhmmss` (TTOC(…,1)).
    public var compact: String {
        date.dtos + pad(hour, 2) + pad(minute, 2) + pad(second, 2)
    }
    public var description: String { iso }
    public static func < (l: DBFDateTime, r: DBFDateTime) -> Bool {
        (l.date, l.milliseconds) < (r.date, r.milliseconds)
    }
}

/// An exact decimal: `mantissa × 10^-scale`. N/F fields and Currency are exact decimals on
/// disk; holding them as Double would change values (pgdbf's `B` bug is the warning).
public struct DecimalNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var mantissa: Int64
    // narrow so `DecimalNumber?` and `DBFValue` stay small (see DBFDate)
    private var digitsAfterPoint: Int16
    public var scale: Int { get { Int(digitsAfterPoint) } set { digitsAfterPoint = Int16(clamping: newValue) } }

    public init(mantissa: Int64, scale: Int) {
        self.mantissa = mantissa; self.digitsAfterPoint = Int16(clamping: scale)
    }
    public init(_ int: Int64) { mantissa = int; digitsAfterPoint = 0 }
    /// For decoders that know the scale is small (a field's width).
    @inline(__always)
    init(mantissa: Int64, narrowScale: Int16) { self.mantissa = mantissa; digitsAfterPoint = narrowScale }

    /// Parses plain decimal text (`-12.50`, `.5`, `7.`), as FoxPro writes numbers.
    /// Returns nil on anything else (thousands separators, exponents, letters) or on more
    /// than 18 significant digits.
    public init?(text: some StringProtocol) {
        var m: Int64 = 0
        var sc = 0
        var neg = false
        var seenDigit = false
        var seenPoint = false
        var first = true
        for b in text.utf8 {
            defer { first = false }
            if b == UInt8(ascii: "-") || b == UInt8(ascii: "+") {
                guard first else { return nil }
                neg = b == UInt8(ascii: "-")
            } else if b == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
            } else if b >= 48 && b <= 57 {
                let (p, o1) = m.multipliedReportingOverflow(by: 10)
                let (s, o2) = p.addingReportingOverflow(Int64(b - 48))
                guard !o1, !o2 else { return nil }
                m = s
                seenDigit = true
                if seenPoint { sc += 1 }
            } else {
                return nil
            }
        }
        guard seenDigit else { return nil }
        mantissa = neg ? -m : m
        digitsAfterPoint = Int16(clamping: sc)
    }

    public var doubleValue: Double {
        var d = Double(mantissa)
        for _ in 0..<scale { d /= 10 }
        return d
    }

    /// The value with trailing fractional zeros removed (`1.50` → `1.5`, `2.00` → `2`).
    public var normalized: DecimalNumber {
        var r = self
        while r.scale > 0 && r.mantissa % 10 == 0 { r.mantissa /= 10; r.scale -= 1 }
        return r
    }

    /// Plain text with exactly `scale` decimals, `.` as point.
    public var description: String { formatted(decimals: scale) }

    /// Plain text with `decimals` digits after the point (rounded half away from zero).
    public func formatted(decimals: Int) -> String {
        var m = mantissa
        var sc = scale
        while sc < decimals { m = m.multipliedReportingOverflow(by: 10).partialValue; sc += 1 }
        while sc > decimals {
            let r = m % 10
            m /= 10
            if r >= 5 { m += 1 } else if r <= -5 { m -= 1 }
            sc -= 1
        }
        let neg = m < 0
        var digits = String(m.magnitude)
        if sc > 0 {
            if digits.count <= sc { digits = String(repeating: "0", count: sc - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -sc))
        }
        return neg ? "-" + digits : digits
    }

    public static func == (l: DecimalNumber, r: DecimalNumber) -> Bool {
        let a = l.normalized, b = r.normalized
        return a.mantissa == b.mantissa && a.scale == b.scale
    }
    public func hash(into h: inout Hasher) {
        let n = normalized
        h.combine(n.mantissa); h.combine(n.scale)
    }
    public static func < (l: DecimalNumber, r: DecimalNumber) -> Bool {
        l.doubleValue < r.doubleValue
    }
}

/// One decoded field value.
///
/// Blank values keep their type (`.number(nil)`, `.date(nil)`…); `.null` is a real SQL NULL
/// (VFP `_NullFlags`), which only nullable fields can hold.
public enum DBFValue: Sendable, Hashable {
    case null
    /// C, V, and text memos: decoded from the table's code page, trailing blanks of C removed.
    case string(String)
    /// Q, W, binary C/V/M (NOCPTRANS), G and P: raw bytes.
    case bytes([UInt8])
    /// N and F: exact decimal; nil when blank. An overflow (`***`) is reported as a defect
    /// and read as nil.
    case number(DecimalNumber?)
    /// I and dBASE 7 `+`.
    case integer(Int64)
    /// B (VFP double) and dBASE 7 `O`.
    case double(Double)
    /// Y: int64 ÷ 10 000, exact.
    case currency(DecimalNumber)
    case date(DBFDate?)
    case dateTime(DBFDateTime?)
    /// L: nil is unknown (`?` or blank).
    case logical(Bool?)

    /// True for blank values of any type (and NULL, and empty strings).
    public var isBlank: Bool {
        switch self {
        case .null: true
        case .string(let s): s.isEmpty
        case .bytes(let b): b.isEmpty
        case .number(let n): n == nil
        case .date(let d): d == nil
        case .dateTime(let t): t == nil
        case .logical(let l): l == nil
        case .integer, .double, .currency: false
        }
    }
}

@inline(__always)
func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
