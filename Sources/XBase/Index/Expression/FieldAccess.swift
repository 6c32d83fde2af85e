/// Reads one field's value straight from the raw record bytes, the way FoxPro does when it
/// computes a key: character fields stay code-page bytes, numbers are parsed from their
/// ASCII digits without going through String.
struct FieldAccess: Sendable {
    let name: String
    let type: FieldType
    let offset: Int
    let length: Int
    /// Byte offset and bit of the NULL flag in `_NullFlags`, for nullable VFP fields.
    let nullFlag: (offset: Int, mask: UInt8)?
    let varLengthFlag: (offset: Int, mask: UInt8)?
    /// VFP keys a DateTime rounded to the nearest second (15:57:14.999 → 15:57:15);
    /// Harbour keeps the milliseconds.
    var roundsDateTimeToSecond = false

    /// `nullAware` false reads a NULL field's stored bytes (blanks), as Harbour and tags
    /// without VFP's null prefix do; true makes it `.null`.
    init(_ f: FieldDescriptor, nullFlags: FieldDescriptor?, nullAware: Bool) {
        name = f.name; type = f.type; offset = f.offset; length = f.length
        func flag(_ bit: Int?) -> (Int, UInt8)? {
            guard let bit, let nf = nullFlags, bit / 8 < nf.length else { return nil }
            return (nf.offset + bit / 8, UInt8(1) << UInt8(bit % 8))
        }
        nullFlag = nullAware ? flag(f.nullBit) : nil
        varLengthFlag = flag(f.varLengthBit)
    }

    var staticType: ExprType? {
        switch type {
        case .character, .varchar, .varbinary: .character
        case .numeric, .float, .double, .currency: .numeric
        // Harbour's `+` (int32 LE) keys as a number like `I`; its `@` (Julian day + ms LE)
        // as a DateTime like `T`. A CDX is never beside a dBASE 7 table, whose `+`/`@`
        // have other layouts.
        case .integer, .autoIncrement: .integer
        case .date: .date
        case .dateTime, .timestamp: .dateTime
        case .logical: .logical
        default: nil
        }
    }

    func isNull(_ r: UnsafeRawBufferPointer) -> Bool {
        guard let (o, m) = nullFlag, o < r.count else { return false }
        return r[o] & m != 0
    }

    func value(_ r: UnsafeRawBufferPointer) -> ExprValue {
        if isNull(r) { return .null }
        let end = min(offset + length, r.count)
        guard offset < end else { return .null }
        let bytes = UnsafeRawBufferPointer(rebasing: r[offset..<end])
        switch type {
        case .character: return .chars(Array(bytes))
        case .varchar, .varbinary:
            if let (o, m) = varLengthFlag, r[o] & m != 0, let last = bytes.last {
                return .chars(Array(bytes.prefix(min(Int(last), bytes.count - 1))))
            }
            return .chars(Array(bytes))
        case .numeric, .float: return .number(Self.parseNumber(bytes))
        case .date: return .date(Self.julian(bytes))
        case .logical:
            let b = bytes.first ?? 0x20
            return .logical(b == 0x54 || b == 0x74 || b == 0x59 || b == 0x79)
        case .integer, .autoIncrement: return .number(Double(Int32(bitPattern: Self.le32(bytes, 0))))
        case .double: return .number(Double(bitPattern: UInt64(Self.le32(bytes, 0)) | UInt64(Self.le32(bytes, 4)) << 32))
        case .currency:
            let raw = Int64(bitPattern: UInt64(Self.le32(bytes, 0)) | UInt64(Self.le32(bytes, 4)) << 32)
            return .number(Double(raw) / 10_000)
        case .dateTime, .timestamp:
            let day = Int32(bitPattern: Self.le32(bytes, 0)), ms = Int32(bitPattern: Self.le32(bytes, 4))
            if day == 0 && ms == 0 { return .dateTime(0) }
            guard roundsDateTimeToSecond else { return .dateTime(Double(day) + Double(ms) / 86_400_000) }
            // whole seconds give the same double either way (both divisions are exact-rounded)
            return .dateTime(Double(day) + Double((Int(ms) + 500) / 1000) / 86_400)
        default: return .null
        }
    }

    static func le32(_ b: UnsafeRawBufferPointer, _ i: Int) -> UInt32 {
        guard i + 4 <= b.count else { return 0 }
        return UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }

    /// ASCII number as FoxPro stores it (right-aligned, blanks, optional sign and point).
    /// Mantissa and power of ten are exact, so the division is correctly rounded and equals
    /// what a decimal-to-double conversion of the same text gives. Junk reads as 0.
    static func parseNumber(_ b: UnsafeRawBufferPointer) -> Double {
        var mantissa: UInt64 = 0, scale = 0, negative = false, seenPoint = false, digits = 0
        for c in b {
            switch c {
            case 0x30...0x39:
                if digits < 19 { mantissa = mantissa * 10 + UInt64(c - 0x30); digits += mantissa == 0 ? 0 : 1; if seenPoint { scale += 1 } }
                else if !seenPoint { scale -= 1 }
            case 0x2E, 0x2C: seenPoint = true
            case 0x2D: negative = true
            default: continue
            }
        }
        var v = Double(mantissa)
        if scale > 0 { v /= pow10(scale) } else if scale < 0 { v *= pow10(-scale) }
        return negative ? -v : v
    }

    static func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<n { r *= 10 }
        return r
    }

    /// Julian day of a YYYYMMDD field; 0 for blank or impossible dates (FoxPro's empty date).
    static func julian(_ b: UnsafeRawBufferPointer) -> Int {
        guard b.count >= 8 else { return 0 }
        var year = 0, month = 0, day = 0
        for i in 0..<8 {
            let c = b[i]
            guard c >= 0x30, c <= 0x39 else { return 0 }
            let digit = Int(c - 0x30)
            if i < 4 { year = year * 10 + digit } else if i < 6 { month = month * 10 + digit } else { day = day * 10 + digit }
        }
        let d = DBFDate(year: year, month: month, day: day)
        return d.isValid ? d.julianDay : 0
    }
}
