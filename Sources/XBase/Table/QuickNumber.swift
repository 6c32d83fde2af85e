/// N/F in their usual shape: blanks, then `[-]digits[.digits]` up to the field's end, at
/// most 18 characters (so no overflow). Anything else is nil, left to `DBFRecord.number`.
enum QuickNumber {
    @inline(__always)
    static func read(_ p: UnsafeRawPointer, count n: Int) -> DBFValue? {
        if n <= 16, let v = lastWord(p, count: n) { return v }
        return scan(p, count: n)
    }

    /// `read` character by character: any width, any length of digits.
    @inline(never)
    static func scan(_ p: UnsafeRawPointer, count n: Int) -> DBFValue? {
        var i = 0
        // right-aligned: skip the leading blanks eight at a time, the last word by its bits
        while i &+ 8 <= n {
            let x = p.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ 0x2020_2020_2020_2020
            if x != 0 { i &+= x.trailingZeroBitCount &>> 3; break }
            i &+= 8
        }
        while i < n && p.load(fromByteOffset: i, as: UInt8.self) == 0x20 { i &+= 1 }
        if i == n { return .number(nil) }
        guard n &- i <= 18 else { return nil }
        let neg = p.load(fromByteOffset: i, as: UInt8.self) == UInt8(ascii: "-")
        if neg { i &+= 1 }
        let intStart = i
        var m: Int64 = 0
        while i < n, case let d = p.load(fromByteOffset: i, as: UInt8.self) &- 48, d < 10 { m = m &* 10 &+ Int64(d); i &+= 1 }
        if i == n {
            guard i != intStart else { return nil }
            return .number(DecimalNumber(mantissa: neg ? 0 &- m : m, narrowScale: 0))
        }
        guard p.load(fromByteOffset: i, as: UInt8.self) == UInt8(ascii: ".") else { return nil }
        i &+= 1
        let fracStart = i
        while i < n, case let d = p.load(fromByteOffset: i, as: UInt8.self) &- 48, d < 10 { m = m &* 10 &+ Int64(d); i &+= 1 }
        // "." or "-." alone: the general reading decides
        guard i == n && (i != fracStart || fracStart &- 1 != intStart) else { return nil }
        return .number(DecimalNumber(mantissa: neg ? 0 &- m : m, narrowScale: Int16(truncatingIfNeeded: n &- fracStart)))
    }

    /// `read` of a field of at most 16 bytes whose text fits in its last eight (nearly
    /// every N value); nil when the text is longer.
    ///
    /// The last eight bytes are one word (a narrower field is padded with blanks in
    /// front), read as a whole: the blanks before the text, the sign, the check that the
    /// rest is digits with at most one point, closing the point's gap and the value of the
    /// digits are each a few word operations. More instructions than the loop over the
    /// characters, but no branch on each: the loop's exit, at a different digit in every
    /// value, was mispredicted once or twice per number (the hottest spot of a read).
    @inline(__always)
    static func lastWord(_ p: UnsafeRawPointer, count n: Int) -> DBFValue?? {
        let blanks: UInt64 = 0x2020_2020_2020_2020
        let x: UInt64
        if n >= 8 {
            // the bytes before the last eight must be blanks
            if n > 8 && (p.loadUnaligned(as: UInt64.self) ^ blanks) & below(n &- 8) != 0 { return nil }
            x = p.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
        } else {
            if n == 0 { return .some(.number(nil)) }
            x = SmallText.words(p, count: n).0 &<< UInt64(8 &* (8 &- n)) | blanks & below(8 &- n)
        }
        // byte k is the k-th of the eight; the text starts at the first that is not a blank
        var start = (x ^ blanks).trailingZeroBitCount &>> 3
        if start == 8 { return .some(.number(nil)) }
        let neg = UInt8(truncatingIfNeeded: x &>> UInt64(8 &* start)) == UInt8(ascii: "-")
        if neg { start &+= 1 }
        let body = ~below(start)
        let d = x ^ 0x3030_3030_3030_3030
        let notDigits = Self.notDigits(d) & body
        var digits = d & body
        var scale = 0
        if notDigits != 0 {
            // one point and nothing else: the digits before it move up one byte
            let point = notDigits.trailingZeroBitCount &>> 3
            guard notDigits & (notDigits &- 1) == 0, UInt8(truncatingIfNeeded: x &>> UInt64(8 &* point)) == UInt8(ascii: "."),
                  point != start || point != 7 else { return .some(nil) }  // "." or "-." alone: the general reading decides
            digits = (digits & below(point)) &<< 8 | digits & ~below(point &+ 1)
            scale = 7 &- point
        } else if start == 8 {
            return .some(nil)  // "-" alone
        }
        let m = Int64(bitPattern: eight(digits))
        return .some(.number(DecimalNumber(mantissa: neg ? 0 &- m : m, narrowScale: Int16(truncatingIfNeeded: scale))))
    }

    /// For eight characters already XOR-ed with "0" (digits become 0…9): the top bit of
    /// each byte that was not a digit. A byte is not a digit when it is 10 or more: its top
    /// bit is set after adding 0x76 to its low seven bits (which cannot carry), or was set
    /// already.
    @inline(__always)
    static func notDigits(_ d: UInt64) -> UInt64 {
        ((d & 0x7F7F_7F7F_7F7F_7F7F &+ 0x7676_7676_7676_7676) | d) & 0x8080_8080_8080_8080
    }

    /// Eight digits (0…9, one a byte, the most significant in the low byte) taken two by
    /// two: each pair's value in the low byte of its 16-bit lane, the high byte zero.
    @inline(__always)
    static func pairs(_ v: UInt64) -> UInt64 {
        (v &* (10 &<< 8 &+ 1)) &>> 8 & 0x00FF_00FF_00FF_00FF
    }

    /// The value of eight digits (0…9, one a byte, the most significant in the low byte):
    /// pairs, then fours, then the eight, each step one multiplication.
    @inline(__always)
    static func eight(_ v: UInt64) -> UInt64 {
        let fours = (pairs(v) &* (100 &<< 16 &+ 1)) &>> 16
        return ((fours & 0x0000_FFFF_0000_FFFF) &* (10_000 &<< 32 &+ 1)) &>> 32
    }

    /// The bytes below byte `k` (0…8) set.
    @inline(__always)
    static func below(_ k: Int) -> UInt64 {
        k == 0 ? 0 : UInt64.max &>> UInt64(truncatingIfNeeded: 64 &- 8 &* k)
    }
}
