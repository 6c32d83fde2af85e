/// Decoders for the types whose bytes need parsing (numbers, dates, logicals, memos).
/// Kept apart from `DBFRecord` so each rule can be read on its own.
struct ValueDecoder {
    let record: DBFRecord
    let field: FieldDescriptor

    func fail(_ reason: String) -> XBaseError { record.invalid(field, reason) }

    /// N/F: right-aligned ASCII. Blank (spaces/NULs) is nil. `*` fill is an overflow
    /// marker FoxPro writes when a value did not fit: read as nil, flagged by the health
    /// check. A comma is accepted as decimal point when there is no `.` (trap 6).
    func number(_ r: UnsafeRawBufferPointer) throws(XBaseError) -> DBFValue {
        var start = 0, end = r.count
        while start < end && (r[start] == 0x20 || r[start] == 0) { start += 1 }
        while end > start && (r[end - 1] == 0x20 || r[end - 1] == 0) { end -= 1 }
        if start == end { return .number(nil) }
        var m: Int64 = 0
        var scale = 0
        var neg = false
        var point = false
        var gap = false
        var digits = 0
        var stars = true
        for i in start..<end where r[i] != UInt8(ascii: "*") { stars = false; _ = i; break }
        if stars { return .number(nil) }
        for i in start..<end {
            let b = r[i]
            if b >= 48 && b <= 57 {
                if gap { throw fail("\(quoted(r)) is not a number") }
                let (p, o1) = m.multipliedReportingOverflow(by: 10)
                let (s, o2) = p.addingReportingOverflow(Int64(b - 48))
                if o1 || o2 { return try wide(r, start, end) }
                m = s; digits += 1
                if point { scale += 1 }
            } else if (b == UInt8(ascii: ".") || b == UInt8(ascii: ",")) && !point {
                point = true; gap = false
            } else if (b == UInt8(ascii: "-") || b == UInt8(ascii: "+")) && i == start {
                neg = b == UInt8(ascii: "-")
            } else if b == 0x20 {
                // "0   . " (CodeBase, vulpo-codebase enroll.dbf): spaces may stand between
                // the digits and the point, or pad after it; never between two digits
                gap = true
            } else {
                throw fail("\(quoted(r)) is not a number")
            }
        }
        if digits == 0 { return .number(nil) }
        return .number(DecimalNumber(mantissa: neg ? -m : m, scale: scale))
    }

    /// More than 18 digits: keep the value as a Double rather than failing.
    func wide(_ r: UnsafeRawBufferPointer, _ s: Int, _ e: Int) throws(XBaseError) -> DBFValue {
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: r[s..<e]), as: UTF8.self)
        guard let v = Double(text.replacingOccurrences(of: ",", with: ".")) else {
            throw fail("\(quoted(r)) is not a number")
        }
        return .double(v)
    }

    /// D: `YYYYMMDD`; spaces, zeros and NULs are a blank date.
    func date(_ r: UnsafeRawBufferPointer) throws(XBaseError) -> DBFValue {
        var blank = true
        for b in r where !(b == 0x20 || b == 0x30 || b == 0) { blank = false; break }
        if blank { return .date(nil) }
        // some writers declare D fields wider than 8 (go-dbf: 10); the date is the first 8
        guard r.count >= 8 else { throw fail("date field of width \(r.count)") }
        for j in 8..<r.count where r[j] != 0x20 && r[j] != 0 { throw fail("\(quoted(r)) is not a date (YYYYMMDD)") }
        var v = [0, 0, 0]
        for (i, range) in [(0, 0..<4), (1, 4..<6), (2, 6..<8)] {
            for j in range {
                let b = r[j]
                guard b >= 48 && b <= 57 else { throw fail("\(quoted(r)) is not a date (YYYYMMDD)") }
                v[i] = v[i] * 10 + Int(b - 48)
            }
        }
        let d = DBFDate(year: v[0], month: v[1], day: v[2])
        guard d.isValid else { throw fail("\(quoted(r)) is not a valid date") }
        return .date(d)
    }

    func logical(_ r: UnsafeRawBufferPointer) throws(XBaseError) -> DBFValue {
        guard let b = r.first else { return .logical(nil) }
        switch b {
        case UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: "Y"), UInt8(ascii: "y"): return .logical(true)
        case UInt8(ascii: "F"), UInt8(ascii: "f"), UInt8(ascii: "N"), UInt8(ascii: "n"): return .logical(false)
        case UInt8(ascii: "?"), 0x20, 0: return .logical(nil)
        default: throw fail("\(quoted(r)) is not a logical (T/F/?)")
        }
    }

    /// I: int32 LE (VFP); dBASE 7 stores big-endian with the sign bit flipped.
    func integer(_ r: UnsafeRawBufferPointer) throws(XBaseError) -> DBFValue {
        guard r.count == 4 else { throw fail("integer field of width \(r.count)") }
        if record.table.header.dialect == .dBase7 {
            let u = r.loadUnaligned(as: UInt32.self).bigEndian ^ 0x8000_0000
            return .integer(Int64(Int32(bitPattern: u)))
        }
        return .integer(Int64(Int32(littleEndian: r.loadUnaligned(as: Int32.self))))
    }

    /// T: Julian day (int32 LE) + milliseconds since midnight (int32 LE); day 0 is blank.
    func dateTime(_ r: UnsafeRawBufferPointer) throws(XBaseError) -> DBFValue {
        guard r.count == 8 else { throw fail("DateTime field of width \(r.count)") }
        let day = Int(Int32(littleEndian: r.loadUnaligned(as: Int32.self)))
        let ms = Int(Int32(littleEndian: r.loadUnaligned(fromByteOffset: 4, as: Int32.self)))
        if day == 0 { return .dateTime(nil) }
        var blank = true
        for b in r where b != 0x20 { blank = false; break }
        if blank { return .dateTime(nil) }
        guard day > 0, ms >= 0, ms < 86_400_000 else { throw fail("\(quoted(r)) is not a valid DateTime") }
        return .dateTime(DBFDateTime(date: DBFDate(julianDay: day), milliseconds: ms))
    }

    /// dBASE 7 `@`: big-endian double of milliseconds since 1 Jan 4713 BC, sign-flipped.
    func timestamp(_ r: UnsafeRawBufferPointer) throws(XBaseError) -> DBFValue {
        guard r.count == 8 else { throw fail("timestamp field of width \(r.count)") }
        var bits = r.loadUnaligned(as: UInt64.self).bigEndian
        if bits == 0 { return .dateTime(nil) }
        bits = bits & (1 << 63) != 0 ? bits & ~(1 << 63) : ~bits
        let ms = Double(bitPattern: bits)
        let day = Int(ms / 86_400_000)
        return .dateTime(DBFDateTime(date: DBFDate(julianDay: day), milliseconds: Int(ms) - day * 86_400_000))
    }

    /// M/G/P/W (and dBASE 7 B): text memos decode in the table's code page; binary ones
    /// (FPT type 0/2, G, P, W, or a binary-flagged M) stay bytes. An empty pointer is "".
    func memo() throws(XBaseError) -> DBFValue {
        let block = try record.memoBlock(field)
        let textual = field.type == .memo && !field.flags.contains(.binary)
        if block == 0 { return textual ? .string("") : .bytes([]) }
        guard let memo = record.table.memo else {
            throw .badMemo(file: record.table.path, record: record.number, field: field.name,
                           block: block, reason: "the table has no readable memo file")
        }
        let m: MemoFile.Memo?
        do { m = try memo.read(block: block) } catch {
            if case let .badMemo(f, _, _, b, reason) = error {
                throw .badMemo(file: f, record: record.number, field: field.name, block: b, reason: reason)
            }
            throw error
        }
        guard let m else { return textual ? .string("") : .bytes([]) }
        if textual && m.type == 1 { return .string(record.table.codePage.decode(m.bytes)) }
        return .bytes(m.bytes)
    }
}
