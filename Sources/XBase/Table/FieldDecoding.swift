import ResgateLocale
/// The decoding rule of each field kind, applied to a record's bytes in place.
///
/// Every rule reads only the `DecodeSlot` (plain integers) and the record's bytes; the
/// field's name is asked for only when an error is built.
extension DBFRecord {
    @inline(__always)
    func decode(_ s: DecodeSlot, name: @autoclosure () -> String) throws(XBaseError) -> DBFValue {
        if s.nullBit >= 0 && flagBit(s.nullBit) { return .null }
        // in bounds: every slot was checked against the record length (else `.outside`)
        let r = s.kind == .outside ? UnsafeRawBufferPointer(start: nil, count: 0)
            : UnsafeRawBufferPointer(start: bytes.baseAddress! + s.offset, count: s.length)
        switch s.kind {
        case .character:
            return .string(text(trimTrailing(r)))
        case .varchar, .varbinary:
            var len = r.count
            if s.varLengthBit >= 0, flagBit(s.varLengthBit), r.count > 0 {
                len = min(Int(r[r.count - 1]), r.count - 1)
            }
            let slice = UnsafeRawBufferPointer(rebasing: r[0..<len])
            // V with the binary flag (NOCPTRANS) is still text, only untranslated; Q is bytes
            if s.kind == .varbinary { return .bytes(Array(slice)) }
            return .string(text(slice))
        case .number: return try number(r, name)
        case .date: return try date(r, name)
        case .logical: return try logical(r, name)
        case .integer:
            if r.count == 4 && s.decimals == 0 { return .integer(Int64(Int32(littleEndian: r.loadUnaligned(as: Int32.self)))) }
            return try harbourInteger(r, decimals: Int(s.decimals), name)
        case .rowVersion:
            guard r.count == 8 else { throw invalid(name(), .badWidth(.rowVersion, width: r.count)) }
            return .integer(Int64(littleEndian: r.loadUnaligned(as: Int64.self)))
        case .integerBigEndian:
            guard r.count == 4 else { throw invalid(name(), .badWidth(.integer, width: r.count)) }
            let u = r.loadUnaligned(as: UInt32.self).bigEndian ^ 0x8000_0000
            return .integer(Int64(Int32(bitPattern: u)))
        case .double:
            guard r.count == 8 else { throw invalid(name(), .badWidth(.doubleB, width: r.count)) }
            return .double(Double(bitPattern: r.loadUnaligned(as: UInt64.self).littleEndian))
        case .doubleDBase7:
            guard r.count == 8 else { throw invalid(name(), .badWidth(.doubleO, width: r.count)) }
            var bits = r.loadUnaligned(as: UInt64.self).bigEndian
            bits = bits & (1 << 63) != 0 ? bits & ~(1 << 63) : ~bits
            return .double(Double(bitPattern: bits))
        case .currency:
            guard r.count == 8 else { throw invalid(name(), .badWidth(.currency, width: r.count)) }
            return .currency(DecimalNumber(mantissa: Int64(littleEndian: r.loadUnaligned(as: Int64.self)), scale: 4))
        case .dateTime:
            if s.typeByte == UInt8(ascii: "@") && !TimestampLayout.isJulianPairOrBlank(r) {
                throw invalid(name(), Self.ambiguousTimestamp(r))
            }
            return try dateTime(r, name)
        case .timestamp: return try timestamp(r, name)
        case .textMemo: return try memo(r, s, textual: true, name)
        case .binaryMemo: return try memo(r, s, textual: false, name)
        case .nullFlags: return .bytes(Array(r))
        case .unknown:
            throw invalid(name(), .unknownType(s.typeByte))
        case .outside:
            throw invalid(name(), .outsideRecord(offset: s.offset, width: s.length))
        }
    }

    /// N/F: right-aligned ASCII. Blank (spaces/NULs) is nil. `*` fill is an overflow
    /// marker FoxPro writes when a value did not fit: read as nil, flagged by the health
    /// check. A comma is accepted as decimal point when there is no `.` (trap 6).
    ///
    /// The usual shape is read in one pass by `QuickNumber`; anything else goes to
    /// `trimmedNumber`, which accepts the same values and words the errors.
    @inline(__always)
    func number(_ r: UnsafeRawBufferPointer, _ name: () -> String) throws(XBaseError) -> DBFValue {
        if let p = r.baseAddress, let v = QuickNumber.read(p, count: r.count) { return v }
        return try trimmedNumber(r, name)
    }

    /// `number` for every other shape: NUL padding, trailing blanks, and all `anyNumber` reads.
    func trimmedNumber(_ r: UnsafeRawBufferPointer, _ name: () -> String) throws(XBaseError) -> DBFValue {
        var start = 0, end = r.count
        // right-aligned: most of a wide N field is leading blanks, eight at a time first
        while start + 8 <= end && r.loadUnaligned(fromByteOffset: start, as: UInt64.self) == 0x2020_2020_2020_2020 { start += 8 }
        while start < end && (r[start] == 0x20 || r[start] == 0) { start += 1 }
        while end > start && (r[end - 1] == 0x20 || r[end - 1] == 0) { end -= 1 }
        if start == end { return .number(nil) }
        if let v = plainNumber(r, start, end) { return .number(v) }
        return try anyNumber(r, start, end, name)
    }

    /// Every form `number` accepts (sign, comma point, CodeBase's inner blanks, `*`
    /// overflow, more than 18 digits), checked byte by byte; `start..<end` is trimmed.
    func anyNumber(_ r: UnsafeRawBufferPointer, _ start: Int, _ end: Int, _ name: () -> String) throws(XBaseError) -> DBFValue {
        var m: Int64 = 0
        var scale = 0
        var neg = false
        var point = false
        var digits = 0
        var i = start
        if r[i] == UInt8(ascii: "-") || r[i] == UInt8(ascii: "+") {
            neg = r[i] == UInt8(ascii: "-")
            i += 1
        }
        var gap = false
        while i < end {
            let b = r[i]
            let d = b &- 48
            if d < 10 {
                if gap { throw invalid(name(), .notANumber(shown: quoted(r))) }
                if digits >= 18 {
                    let (p, o1) = m.multipliedReportingOverflow(by: 10)
                    let (s, o2) = p.addingReportingOverflow(Int64(d))
                    if o1 || o2 { return try wide(r, start, end, name) }
                    m = s
                } else {
                    m = m &* 10 &+ Int64(d)
                }
                digits += 1
                if point { scale += 1 }
            } else if (b == UInt8(ascii: ".") || b == UInt8(ascii: ",")) && !point {
                point = true; gap = false
            } else if b == 0x20 {
                // "0   . " (CodeBase): spaces may stand between the digits and the point,
                // or pad after it; never between two digits
                gap = true
            } else if b == UInt8(ascii: "*") && isAllStars(r, start, end) {
                return .number(nil)
            } else if (b == UInt8(ascii: "e") || b == UInt8(ascii: "E")) && digits > 0 {
                return try exponent(r, start, end, name)
            } else {
                throw invalid(name(), .notANumber(shown: quoted(r)))
            }
            i += 1
        }
        if digits == 0 { return .number(nil) }
        // at most the field's width (< 256) digits after the point: no clamping needed
        return .number(DecimalNumber(mantissa: neg ? -m : m, narrowScale: Int16(truncatingIfNeeded: scale)))
    }

    /// The common form `[-]digits[.digits]` of at most 18 characters (so no overflow is
    /// possible), with no per-byte checks beyond "is a digit"; nil for anything else, which
    /// the general loop then reads (and words the error for).
    @inline(__always)
    func plainNumber(_ r: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> DecimalNumber? {
        guard end - start <= 18 else { return nil }
        var i = start
        let neg = r[i] == UInt8(ascii: "-")
        if neg { i += 1 }
        var m: Int64 = 0
        let intStart = i
        while i < end, case let d = r[i] &- 48, d < 10 { m = m &* 10 &+ Int64(d); i += 1 }
        var scale = 0
        if i < end {
            guard r[i] == UInt8(ascii: ".") else { return nil }
            i += 1
            let fracStart = i
            while i < end, case let d = r[i] &- 48, d < 10 { m = m &* 10 &+ Int64(d); i += 1 }
            guard i == end else { return nil }
            scale = end - fracStart
            // "." or "-." alone: the general loop decides
            if scale == 0 && fracStart - 1 == intStart { return nil }
        } else if i == intStart {
            return nil
        }
        return DecimalNumber(mantissa: neg ? -m : m, narrowScale: Int16(truncatingIfNeeded: scale))
    }

    func isAllStars(_ r: UnsafeRawBufferPointer, _ s: Int, _ e: Int) -> Bool {
        for i in s..<e where r[i] != UInt8(ascii: "*") { return false }
        return true
    }

    /// More than 18 digits: keep the value as a Double rather than failing.
    func wide(_ r: UnsafeRawBufferPointer, _ s: Int, _ e: Int, _ name: () -> String) throws(XBaseError) -> DBFValue {
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: r[s..<e]), as: UTF8.self)
        guard let v = Double(text.replacingOccurrences(of: ",", with: ".")) else {
            throw invalid(name(), .notANumber(shown: quoted(r)))
        }
        return .double(v)
    }

    /// `1.3945052E+02`: exponent notation (see `ExponentNumber`), read as a Double.
    func exponent(_ r: UnsafeRawBufferPointer, _ s: Int, _ e: Int, _ name: () -> String) throws(XBaseError) -> DBFValue {
        guard let v = ExponentNumber.parse(r, s, e) else { throw invalid(name(), .notANumber(shown: quoted(r))) }
        return .double(v)
    }

    /// Harbour's binary integers (`I`, `+`, `2`, `4`): little-endian, 1, 2, 3, 4 or 8
    /// bytes, scaled by the field's decimals when it has any (dbf1.c, HB_FT_INTEGER).
    func harbourInteger(_ r: UnsafeRawBufferPointer, decimals: Int, _ name: () -> String) throws(XBaseError) -> DBFValue {
        let v: Int64
        switch r.count {
        case 1: v = Int64(Int8(bitPattern: r[0]))
        case 2: v = Int64(Int16(littleEndian: r.loadUnaligned(as: Int16.self)))
        case 3:
            let u = UInt32(r[0]) | UInt32(r[1]) << 8 | UInt32(r[2]) << 16
            v = Int64(Int32(bitPattern: u << 8) >> 8)
        case 4: v = Int64(Int32(littleEndian: r.loadUnaligned(as: Int32.self)))
        case 8: v = Int64(littleEndian: r.loadUnaligned(as: Int64.self))
        default: throw invalid(name(), .badWidth(.integer, width: r.count))
        }
        guard decimals > 0 else { return .integer(v) }
        guard decimals <= 18 else { throw invalid(name(), .integerDecimals(decimals)) }
        return .number(DecimalNumber(mantissa: v, narrowScale: Int16(decimals)))
    }

    static func ambiguousTimestamp(_ r: UnsafeRawBufferPointer) -> ValueReason {
        .badTimestamp(hex: quotedHex(r), dBase7: TimestampLayout.dBase7Reading(r)?.iso)
    }

    static func quotedHex(_ r: UnsafeRawBufferPointer) -> String {
        r.map { ($0 < 16 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined(separator: " ")
    }

    /// D: `YYYYMMDD`; spaces, zeros and NULs are a blank date.
    @inline(__always)
    func date(_ r: UnsafeRawBufferPointer, _ name: () -> String) throws(XBaseError) -> DBFValue {
        var blank = true
        for b in r where !(b == 0x20 || b == 0x30 || b == 0) { blank = false; break }
        if blank { return .date(nil) }
        // some writers declare D fields wider than 8 (go-dbf: 10); the date is the first 8
        guard r.count >= 8 else { throw invalid(name(), .badWidth(.date, width: r.count)) }
        for j in 8..<r.count where r[j] != 0x20 && r[j] != 0 {
            throw invalid(name(), .notADateForm(shown: quoted(r)))
        }
        var y = 0, m = 0, d = 0
        for j in 0..<8 {
            let v = r[j] &- 48
            guard v < 10 else { throw invalid(name(), .notADateForm(shown: quoted(r))) }
            if j < 4 { y = y * 10 + Int(v) } else if j < 6 { m = m * 10 + Int(v) } else { d = d * 10 + Int(v) }
        }
        let date = DBFDate(year: y, month: m, day: d)
        guard date.isValid else { throw invalid(name(), .invalidDate(shown: quoted(r))) }
        return .date(date)
    }

    @inline(__always)
    func logical(_ r: UnsafeRawBufferPointer, _ name: () -> String) throws(XBaseError) -> DBFValue {
        guard let b = r.first else { return .logical(nil) }
        switch b {
        case UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: "Y"), UInt8(ascii: "y"): return .logical(true)
        case UInt8(ascii: "F"), UInt8(ascii: "f"), UInt8(ascii: "N"), UInt8(ascii: "n"): return .logical(false)
        case UInt8(ascii: "?"), 0x20, 0: return .logical(nil)
        default: throw invalid(name(), .notALogical(shown: quoted(r)))
        }
    }

    /// T: Julian day (int32 LE) + milliseconds since midnight (int32 LE); day 0 is blank.
    @inline(__always)
    func dateTime(_ r: UnsafeRawBufferPointer, _ name: () -> String) throws(XBaseError) -> DBFValue {
        guard r.count == 8 else { throw invalid(name(), .badWidth(.dateTime, width: r.count)) }
        let day = Int(Int32(littleEndian: r.loadUnaligned(as: Int32.self)))
        let ms = Int(Int32(littleEndian: r.loadUnaligned(fromByteOffset: 4, as: Int32.self)))
        if day == 0 { return .dateTime(nil) }
        if r.loadUnaligned(as: UInt64.self) == 0x2020_2020_2020_2020 { return .dateTime(nil) }
        guard day > 0, ms >= 0, ms < 86_400_000 else { throw invalid(name(), .invalidDateTime(shown: quoted(r))) }
        return .dateTime(DBFDateTime(date: DBFDate(julianDay: day), milliseconds: ms))
    }

    /// Past the end of year 9999 (Julian day 5,373,484): no timestamp a program writes.
    static let maxTimestampMilliseconds = 5_373_485.0 * 86_400_000

    /// dBASE 7 `@`: big-endian double of milliseconds since 1 Jan 4713 BC, sign-flipped.
    func timestamp(_ r: UnsafeRawBufferPointer, _ name: () -> String) throws(XBaseError) -> DBFValue {
        guard r.count == 8 else { throw invalid(name(), .badWidth(.timestamp, width: r.count)) }
        var bits = r.loadUnaligned(as: UInt64.self).bigEndian
        if bits == 0 { return .dateTime(nil) }
        bits = bits & (1 << 63) != 0 ? bits & ~(1 << 63) : ~bits
        let ms = Double(bitPattern: bits)
        // bounded before any conversion to Int: infinity, NaN or a huge value would trap
        guard ms.isFinite, abs(ms) < Self.maxTimestampMilliseconds else {
            throw invalid(name(), .invalidTimestamp(shown: quoted(r)))
        }
        let day = Int(ms / 86_400_000)
        return .dateTime(DBFDateTime(date: DBFDate(julianDay: day), milliseconds: Int(ms) - day * 86_400_000))
    }

    /// Memo field `field`'s value as `value(_:)` reads it, but not decoded: `body` gets the
    /// stored bytes and whether `value(_:)` would make them text (`.string`, decoded in
    /// `codePage`) rather than `.bytes`; no memo (block 0) is empty bytes. False, and `body`
    /// not called, when the value is NULL or `field` is not one of this table's memo fields:
    /// ask `value(_:)` then. Same checks and errors as `value(_:)`. For a single-byte code
    /// page the text `value(_:)` gives is `TextDecoding.decode(bytes, high:)` of
    /// `TextDecoding.highTable(codePage)`. The bytes are only valid during `body`.
    public func storedMemo(_ field: FieldDescriptor,
                           _ body: (_ textual: Bool, _ bytes: UnsafeRawBufferPointer) -> Void) throws(XBaseError) -> Bool {
        guard let i = context.pointee.index(of: field) else { return false }
        return try storedMemo(at: i, body)
    }

    /// `storedMemo(_:_:)` of the field at `position` in `table.fields` (see
    /// `DBFTable.position(of:)`): what `value(at:)` reads, undecoded.
    public func storedMemo(at i: Int,
                           _ body: (_ textual: Bool, _ bytes: UnsafeRawBufferPointer) -> Void) throws(XBaseError) -> Bool {
        precondition(i >= 0 && i < context.pointee.slotCount, "no field at position \(i)")
        let s = context.pointee.slots[i]
        guard s.kind == .textMemo || s.kind == .binaryMemo else { return false }
        if s.nullBit >= 0 && flagBit(s.nullBit) { return false }
        let textual = s.kind == .textMemo
        let none = UnsafeRawBufferPointer(start: nil, count: 0)
        // in bounds: the slot was checked against the record length (else `.outside`)
        let r = UnsafeRawBufferPointer(start: bytes.baseAddress! + s.offset, count: s.length)
        let block = try memoBlock(r, binary: s.binaryPointer, field: table.fields[i].name)
        if block == 0 { body(textual, none); return true }
        do throws(XBaseError) {
            if let cursor = memoCursor {
                let found = try cursor._withUnsafeGuaranteedRef { c in
                    Result { () throws(XBaseError) -> Bool? in
                        try c.withMemo(block: block) { (type, b) throws(XBaseError) -> Bool in
                            body(textual && type == 1, b)
                            return true
                        }
                    }
                }.get()
                if found == nil { body(textual, none) }
                return true
            }
            guard let memo = table.memo else {
                throw XBaseError.badMemo(file: table.path, record: number, field: table.fields[i].name,
                                         block: block, reason: .noReadableMemoFile)
            }
            guard let m = try memo.read(block: block) else { body(textual, none); return true }
            m.bytes.withUnsafeBytes { body(textual && m.type == 1, $0) }
            return true
        } catch {
            if case let .badMemo(f, _, _, b, reason) = error {
                throw .badMemo(file: f, record: number, field: table.fields[i].name, block: b, reason: reason)
            }
            throw error
        }
    }

    /// M/G/P/W (and dBASE 7 B): text memos decode in the table's code page; binary ones
    /// (FPT type 0/2, G, P, W, or a binary-flagged M) stay bytes. An empty pointer is "".
    func memo(_ r: UnsafeRawBufferPointer, _ s: DecodeSlot, textual: Bool, _ name: () -> String) throws(XBaseError) -> DBFValue {
        let block = try memoBlock(r, binary: s.binaryPointer, field: name())
        if block == 0 { return textual ? .string("") : .bytes([]) }
        do throws(XBaseError) {
            if let cursor = memoCursor {
                let v = try cursor._withUnsafeGuaranteedRef { c in
                    Result { () throws(XBaseError) -> DBFValue? in
                        try c.withMemo(block: block) { (type, bytes) throws(XBaseError) -> DBFValue in
                            if textual && type == 1 { return .string(text(bytes)) }
                            return .bytes(Array(bytes))
                        }
                    }
                }.get()
                return v ?? (textual ? .string("") : .bytes([]))
            }
            guard let memo = table.memo else {
                throw XBaseError.badMemo(file: table.path, record: number, field: name(),
                                         block: block, reason: .noReadableMemoFile)
            }
            guard let m = try memo.read(block: block) else { return textual ? .string("") : .bytes([]) }
            if textual && m.type == 1 { return .string(m.bytes.withUnsafeBytes { self.text($0) }) }
            return .bytes(m.bytes)
        } catch {
            if case let .badMemo(f, _, _, b, reason) = error {
                throw .badMemo(file: f, record: number, field: name(), block: b, reason: reason)
            }
            throw error
        }
    }
}
