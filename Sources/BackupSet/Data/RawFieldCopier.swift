import XBase

/// Writes one text value straight into a DBF record's field bytes, without a `String` or a
/// `DBFValue` in between, for a live field of the same type, width and decimals as the
/// backup's (the restore's fast path).
///
/// The contract that keeps the fast path exact: `copy` returns true only when the typed
/// path would decode the text to a value (same checks as `TextValueDecoder`, reusing its
/// parsers for everything but text) and the writer would store exactly the bytes written
/// (XBase's `NumberLayout` for N/F, the layout `FieldEncoder` uses). Whenever it cannot
/// promise that (a NULL, a form
/// the fast code does not know, a value the writer refuses) it returns false and the
/// caller types the value instead, which also finds and words any defect.
public struct RawFieldCopier {
    enum Kind { case text, number, date, logical, integer, double, dateTime }
    let kind: Kind
    /// The live field's width and decimals (equal to the backup field's).
    let length: Int
    let decimals: Int
    /// Text: the writer's byte for each byte of the text's code page (>0xFF: refused);
    /// nil when every byte maps to itself. Owned by the caller, outlives the copier.
    let map: UnsafePointer<UInt16>?

    /// A copier from `backup` to `live`, or nil when this field must be typed: the shapes
    /// differ, the type has no fast form here, or it is an autoincrement (whose counter
    /// the writer tracks from typed values). `textMap` is `DBFWriter.textByteMap(from:)`
    /// for the text's code page, in memory the caller keeps alive; nil: text is typed.
    public init?(backup: FieldDescriptor, live: FieldDescriptor, textMap: UnsafePointer<UInt16>?) {
        guard backup.type == live.type, backup.length == live.length, backup.decimals == live.decimals,
              !live.isMemo, !live.flags.contains(.autoIncrement) else { return nil }
        var identity = false
        switch live.type {
        case .character:
            guard let m = textMap else { return nil }
            kind = .text
            identity = (0..<256).allSatisfy { m[$0] == UInt16($0) }
        case .numeric, .float: kind = .number
        case .date where live.length == 8: kind = .date
        case .logical where live.length >= 1: kind = .logical
        case .integer where live.length == 4: kind = .integer
        case .double where live.length == 8: kind = .double
        case .dateTime where live.length == 8: kind = .dateTime
        default: return nil
        }
        length = live.length
        decimals = live.decimals
        map = identity ? nil : textMap
    }

    /// Writes the value of `raw` (decoded by `decoder`, the backup field's) into `slot`;
    /// false when the caller must type it (nothing promised about `slot` then).
    @inline(__always)
    func copy(_ raw: UnsafeRawBufferPointer, quoted: Bool, decoder: TextValueDecoder,
              into slot: UnsafeMutableRawBufferPointer) -> Bool {
        // nothing at all in a nullable field is NULL: the typed path sets the NULL bit
        if raw.isEmpty && !quoted && decoder.field.isNullable { return false }
        switch kind {
        case .text: return text(raw, decoder.field.length, slot)
        case .number:
            // `TextValueDecoder.number` without its `Result`: same scan, same checks
            let t = decoder.trimmed(raw)
            if t.isEmpty { slot.initializeMemory(as: UInt8.self, repeating: 0x20); return true }
            if plainNumber(t, slot) { return true }
            guard let sc = TextValueDecoder.scan(t, comma: decoder.decimalComma), !sc.overflow else { return false }
            var n = DecimalNumber(mantissa: sc.m, scale: sc.scale)
            while n.scale > decoder.field.decimals && n.mantissa % 10 == 0 { n.mantissa /= 10; n.scale -= 1 }
            let width = max(sc.intDigits, 1) + (n.scale > 0 ? n.scale + 1 : 0) + (sc.neg ? 1 : 0)
            guard width <= decoder.field.length else { return false }
            return NumberLayout.write(n, decimals: decimals, into: slot) == .written
        case .date:
            let t = decoder.trimmed(raw)
            if t.count == 8, let (y, m, d, zero) = Self.digits8(t) {
                // all zeros is the blank date; else `YYYYMMDD` of a real day, as written
                if zero { slot.initializeMemory(as: UInt8.self, repeating: 0x20); return true }
                guard DBFDate(year: y, month: m, day: d).isValid else { return false }
                slot.copyMemory(from: t)
                return true
            }
            guard case .success(.date(let d)) = TextDateParser.date(t) else { return false }
            guard let d else { slot.initializeMemory(as: UInt8.self, repeating: 0x20); return true }
            guard d.isValid else { return false }
            digits(d.year, 4, slot, 0); digits(d.month, 2, slot, 4); digits(d.day, 2, slot, 6)
            return true
        case .logical:
            switch TextValueDecoder.logicalText(decoder.trimmed(raw)) {
            case .yes: slot[0] = UInt8(ascii: "T")
            case .no: slot[0] = UInt8(ascii: "F")
            case .unknown: slot[0] = UInt8(ascii: "?")
            case nil: return false
            }
            return true
        case .integer:
            let t = decoder.trimmed(raw)
            var v: Int64 = 0
            if !t.isEmpty {
                guard let sc = TextValueDecoder.scan(t), sc.scale == 0, !sc.overflow,
                      sc.m >= Int64(Int32.min), sc.m <= Int64(Int32.max) else { return false }
                v = sc.m
            }
            slot.storeBytes(of: UInt32(bitPattern: Int32(v)).littleEndian, as: UInt32.self)
            return true
        case .double:
            // the decoder's exact fast path only; `strtod`'s forms are typed
            let t = decoder.trimmed(raw)
            var d = 0.0
            if !t.isEmpty {
                guard let sc = TextValueDecoder.scan(t, comma: decoder.decimalComma), !sc.overflow,
                      sc.m.magnitude < (1 << 53), sc.scale <= 22 else { return false }
                d = sc.m == 0 && sc.neg ? -0.0 : Double(sc.m) / TextValueDecoder.powersOfTen[sc.scale]
            }
            slot.storeBytes(of: d.bitPattern.littleEndian, as: UInt64.self)
            return true
        case .dateTime:
            let t = decoder.trimmed(raw)
            let jd: Int, ms: Int
            if t.count == 14, let (y, m, d, zero) = Self.digits8(t), let time = Self.hhmmss(t) {
                // `YYYYMMDDhhmmss`, the canonical text; all zeros is blank
                if zero && time == 0 { slot.initializeMemory(as: UInt8.self, repeating: 0); return true }
                let date = DBFDate(year: y, month: m, day: d)
                guard date.isValid else { return false }
                jd = date.julianDay; ms = time
            } else {
                guard case .success(.dateTime(let v)) = TextDateParser.dateTime(t) else { return false }
                guard let v else { slot.initializeMemory(as: UInt8.self, repeating: 0); return true }
                guard v.date.isValid, v.milliseconds >= 0, v.milliseconds < 86_400_000 else { return false }
                jd = v.date.julianDay; ms = v.milliseconds
            }
            slot.storeBytes(of: UInt32(jd).littleEndian, as: UInt32.self)
            slot.storeBytes(of: UInt32(ms).littleEndian, toByteOffset: 4, as: UInt32.self)
            return true
        }
    }

    /// N/F text already in the form `NumberLayout` writes, copied right-aligned: `[-]digits`,
    /// then `.` and exactly the field's decimals when it has any (no point when it has none),
    /// no leading zero but a lone `0`, no negative zero, at most 18 digits, no wider than the
    /// field. For such text the full path (scan, width check, layout) writes exactly blanks
    /// and these bytes; anything else returns false and goes the full path.
    @inline(__always)
    private func plainNumber(_ t: UnsafeRawBufferPointer, _ slot: UnsafeMutableRawBufferPointer) -> Bool {
        let n = t.count
        guard n > 0, n <= slot.count else { return false }
        var i = t[0] == 0x2D ? 1 : 0
        let intStart = i
        while i < n && t[i] &- 48 < 10 { i += 1 }
        let intDigits = i - intStart
        guard intDigits >= 1, intDigits + decimals <= 18 else { return false }
        // `007` is laid out `7`, `-0.50` as `-0.50` only after a scan: the full path decides
        if t[intStart] == 0x30 && (intDigits > 1 || intStart == 1) { return false }
        if decimals > 0 {
            guard i < n, t[i] == 0x2E, n - i - 1 == decimals else { return false }
            i += 1
            while i < n { guard t[i] &- 48 < 10 else { return false }; i += 1 }
        } else {
            guard i == n else { return false }
        }
        let pad = slot.count - n
        let base = slot.baseAddress!
        if pad > 0 { base.initializeMemory(as: UInt8.self, repeating: 0x20, count: pad) }
        (base + pad).copyMemory(from: t.baseAddress!, byteCount: n)
        return true
    }

    /// The first 8 bytes as `YYYYMMDD` digits, and whether they are all zeros.
    @inline(__always)
    static func digits8(_ t: UnsafeRawBufferPointer) -> (Int, Int, Int, Bool)? {
        var any: UInt8 = 0
        for i in 0..<8 {
            let b = t[i]
            guard b >= 0x30 && b <= 0x39 else { return nil }
            any |= b - 0x30
        }
        @inline(__always) func d(_ i: Int) -> Int { Int(t[i] - 0x30) }
        return (d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3), d(4) * 10 + d(5), d(6) * 10 + d(7), any == 0)
    }

    /// Bytes 8–13 as `hhmmss` in milliseconds (the parser's limits: h < 24, m < 60, s < 60).
    @inline(__always)
    static func hhmmss(_ t: UnsafeRawBufferPointer) -> Int? {
        for i in 8..<14 { guard t[i] >= 0x30 && t[i] <= 0x39 else { return nil } }
        @inline(__always) func d(_ i: Int) -> Int { Int(t[i] - 0x30) * 10 + Int(t[i + 1] - 0x30) }
        let h = d(8), m = d(10), s = d(12)
        guard h < 24, m < 60, s < 60 else { return nil }
        return ((h * 60 + m) * 60 + s) * 1000
    }

    /// C: trailing blanks and NULs go, the rest must fit the backup's width (the decoder's
    /// check) and every byte must have one in the live code page (the writer's).
    @inline(__always)
    private func text(_ raw: UnsafeRawBufferPointer, _ width: Int, _ slot: UnsafeMutableRawBufferPointer) -> Bool {
        var end = raw.count
        while end > 0 && (raw[end - 1] == 0x20 || raw[end - 1] == 0) { end -= 1 }
        guard end <= width, end <= slot.count else { return false }
        if let map {
            for k in 0..<end {
                let b = map[Int(raw[k])]
                guard b <= 0xFF else { return false }
                slot[k] = UInt8(truncatingIfNeeded: b)
            }
        } else if end > 0 {
            slot.baseAddress!.copyMemory(from: raw.baseAddress!, byteCount: end)
        }
        if end < slot.count {
            UnsafeMutableRawBufferPointer(rebasing: slot[end...]).initializeMemory(as: UInt8.self, repeating: 0x20)
        }
        return true
    }

    @inline(__always)
    private func digits(_ v: Int, _ width: Int, _ slot: UnsafeMutableRawBufferPointer, _ at: Int) {
        var x = v
        for i in stride(from: at + width - 1, through: at, by: -1) { slot[i] = UInt8(48 + x % 10); x /= 10 }
    }
}
