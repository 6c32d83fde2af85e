/// The common shapes of each field kind, read without any error path.
///
/// A full read calls `value(at:)` once per field per record. When every rule that can
/// throw lives in the same function, its frame, saved registers and error plumbing are
/// paid on every value, though errors are rare. `quickValue` reads only what cannot fail
/// (C text, plain numbers, valid dates and times, fixed-width binaries, empty memos) and
/// answers nil for anything else; `decode` then applies the full rules and words the
/// error. Where `quickValue` answers, its value is exactly `decode`'s.
extension DBFRecord {
    @inline(__always)
    func quickValue(at position: Int) -> DBFValue? {
        var v = DBFValue.null
        return quickStore(at: position, into: &v, overPlain: false) == .needsFullRules ? nil : v
    }

    /// What `quickStore` did.
    enum QuickStore {
        /// Nothing: the value needs the full rules (`out` is as it was).
        case needsFullRules
        /// Stored a value with no reference inside (a number, a date, a small string…).
        case plain
        /// Stored a value that holds a reference (a heap `String`, an array).
        case holdsReference
    }

    /// `quickValue` stored straight into `out` (initialized).
    ///
    /// `overPlain`: `out` holds a plain value, so the new one is stored without releasing
    /// it. That release is a call and a switch per field, and in a pass's row buffer most
    /// fields only ever hold plain values (see `decodeRow`).
    @inline(__always)
    func quickStore(at position: Int, into out: UnsafeMutablePointer<DBFValue>, overPlain: Bool) -> QuickStore {
        @inline(__always) func store(_ v: DBFValue, _ kind: QuickStore) -> QuickStore {
            if overPlain { out.initialize(to: v) } else { out.pointee = v }
            return kind
        }
        let s = UnsafePointer(context.pointee.slots + position)
        let nullBit = s.pointee.nullBit
        if nullBit >= 0 && flagBit(nullBit) { return store(.null, .plain) }
        // in bounds: every slot but `.outside` was checked against the record length
        switch s.pointee.kind {
        case .character:
            let p = bytes.baseAddress! + s.pointee.offset
            if s.pointee.length <= SmallText.capacity && context.pointee.smallText, let high = context.pointee.high,
               let small = SmallText.trimmedField(p, width: s.pointee.length, high: high) {
                return store(.string(small), .plain)
            }
            let t = trimTrailing(UnsafeRawBufferPointer(start: p, count: s.pointee.length))
            if t.count > SmallText.capacity, let pass = repeated {
                return store(.string(pass.pointee.text(t, column: position, record: index) { text($0) }), .holdsReference)
            }
            return store(.string(text(t)), .holdsReference)
        case .number:
            guard let v = QuickNumber.read(bytes.baseAddress! + s.pointee.offset, count: s.pointee.length) else { return .needsFullRules }
            return store(v, .plain)
        case .date:
            guard s.pointee.length == 8, let v = quickDate(bytes.baseAddress! + s.pointee.offset) else { return .needsFullRules }
            return store(v, .plain)
        case .logical:
            guard s.pointee.length > 0 else { return .needsFullRules }
            switch bytes.baseAddress!.load(fromByteOffset: s.pointee.offset, as: UInt8.self) {
            case UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: "Y"), UInt8(ascii: "y"): return store(.logical(true), .plain)
            case UInt8(ascii: "F"), UInt8(ascii: "f"), UInt8(ascii: "N"), UInt8(ascii: "n"): return store(.logical(false), .plain)
            case UInt8(ascii: "?"), 0x20, 0: return store(.logical(nil), .plain)
            default: return .needsFullRules
            }
        case .integer:
            guard s.pointee.length == 4 && s.pointee.decimals == 0 else { return .needsFullRules }
            let v = bytes.baseAddress!.loadUnaligned(fromByteOffset: s.pointee.offset, as: Int32.self)
            return store(.integer(Int64(Int32(littleEndian: v))), .plain)
        case .double:
            guard s.pointee.length == 8 else { return .needsFullRules }
            let v = bytes.baseAddress!.loadUnaligned(fromByteOffset: s.pointee.offset, as: UInt64.self)
            return store(.double(Double(bitPattern: v.littleEndian)), .plain)
        case .currency:
            guard s.pointee.length == 8 else { return .needsFullRules }
            let v = bytes.baseAddress!.loadUnaligned(fromByteOffset: s.pointee.offset, as: Int64.self)
            return store(.currency(DecimalNumber(mantissa: Int64(littleEndian: v), scale: 4)), .plain)
        case .dateTime:
            // `@` may be a dBASE 7 timestamp in disguise: `decode` checks it
            guard s.pointee.length == 8 && s.pointee.typeByte != UInt8(ascii: "@"),
                  let v = quickDateTime(bytes.baseAddress! + s.pointee.offset) else { return .needsFullRules }
            return store(v, .plain)
        case .textMemo, .binaryMemo:
            // most memo fields of a table are empty: a VFP pointer of block 0
            guard s.pointee.binaryPointer && s.pointee.length == 4,
                  bytes.baseAddress!.loadUnaligned(fromByteOffset: s.pointee.offset, as: UInt32.self) == 0 else { return .needsFullRules }
            // the empty string is a small one; the empty array is counted as holding storage
            return s.pointee.kind == .textMemo ? store(.string(""), .plain) : store(.bytes([]), .holdsReference)
        default:
            return .needsFullRules
        }
    }

    /// D of width 8: `YYYYMMDD` of a valid date; nil for blanks and errors.
    @inline(__always)
    func quickDate(_ p: UnsafeRawPointer) -> DBFValue? {
        // the eight characters as one word, read by N fields' rules: all digits, then
        // taken two by two: YY, YY, MM, DD
        let digits = p.loadUnaligned(as: UInt64.self) ^ 0x3030_3030_3030_3030
        guard QuickNumber.notDigits(digits) == 0 else { return nil }
        let pairs = QuickNumber.pairs(digits)
        let y = Int(truncatingIfNeeded: pairs & 0xFF) &* 100 &+ Int(truncatingIfNeeded: pairs &>> 16 & 0xFF)
        let m = Int(truncatingIfNeeded: pairs &>> 32 & 0xFF)
        let d = Int(truncatingIfNeeded: pairs &>> 48)
        // "00000000" is a blank date, which `decode` reads; `isValid`, inline
        guard y >= 1, m >= 1, m <= 12, d >= 1, d <= DBFDate.daysIn(month: m, year: y) else { return nil }
        return .date(DBFDate(narrowYear: y, month: m, day: d))
    }

    /// T: a valid Julian day and time, or blank (day 0); nil for anything `decode` refuses.
    @inline(__always)
    func quickDateTime(_ p: UnsafeRawPointer) -> DBFValue? {
        let day = Int(Int32(littleEndian: p.loadUnaligned(as: Int32.self)))
        let ms = Int(Int32(littleEndian: p.loadUnaligned(fromByteOffset: 4, as: Int32.self)))
        if day == 0 { return .dateTime(nil) }
        if p.loadUnaligned(as: UInt64.self) == 0x2020_2020_2020_2020 { return .dateTime(nil) }
        guard day > 0, ms >= 0, ms < 86_400_000 else { return nil }
        return .dateTime(DBFDateTime(date: DBFDate(julianDay: day), milliseconds: ms))
    }
}
