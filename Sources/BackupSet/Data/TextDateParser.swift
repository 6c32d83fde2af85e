import ResgateLocale
import XBase

/// Dates and date-times as the exports write them: `YYYYMMDD`, `YYYYMMDDhhmmss[.fff]`,
/// `YYYY-MM-DD[ hh:mm:ss[.fff]]` (Harbour quotes this form), and the blank forms
/// (nothing, spaces, `/  /`, `0000-00-00 00:00:00.000`, all zeros).
enum TextDateParser {
    @inline(__always) static func digits(_ r: UnsafeRawBufferPointer, _ from: Int, _ count: Int) -> Int? {
        guard from + count <= r.count else { return nil }
        var v = 0
        for i in from..<(from + count) {
            let b = r[i]
            guard b >= 48 && b <= 57 else { return nil }
            v = v * 10 + Int(b - 48)
        }
        return v
    }

    static func isBlank(_ r: UnsafeRawBufferPointer) -> Bool {
        for b in r where !(b == 0x20 || b == 0x30 || b == 0x2F || b == 0x2D || b == 0x3A || b == 0x2E || b == 0x20 || b == 0x54) {
            return false
        }
        return true
    }

    /// Year, month, day and where the time part starts.
    static func datePart(_ r: UnsafeRawBufferPointer) -> (DBFDate, Int)? {
        if r.count >= 10, r[4] == 0x2D, r[7] == 0x2D,
           let y = digits(r, 0, 4), let m = digits(r, 5, 2), let d = digits(r, 8, 2) {
            return (DBFDate(year: y, month: m, day: d), 10)
        }
        if let y = digits(r, 0, 4), let m = digits(r, 4, 2), let d = digits(r, 6, 2) {
            return (DBFDate(year: y, month: m, day: d), 8)
        }
        return nil
    }

    static func date(_ r: UnsafeRawBufferPointer) -> Result<DBFValue, ValueProblem> {
        if isBlank(r) { return .success(.date(nil)) }
        guard let (d, end) = datePart(r), end == r.count else {
            return .failure(.bad(r, .date))
        }
        guard d.isValid else { return .failure(.bad(r, .validDate)) }
        return .success(.date(d))
    }

    static func dateTime(_ r: UnsafeRawBufferPointer) -> Result<DBFValue, ValueProblem> {
        if isBlank(r) { return .success(.dateTime(nil)) }
        // a year before 1 AD, as a dBASE 7 timestamp of zero decodes: `-YYYYMMDDhhmmss`
        if r.count > 1, r[0] == 0x2D {
            guard case .success(.dateTime(let t?)) = dateTime(UnsafeRawBufferPointer(rebasing: r[1...]), lenient: true) else {
                return .failure(.bad(r, .dateTime))
            }
            var n = t
            n.date.year = -t.date.year
            return .success(.dateTime(n))
        }
        return dateTime(r, lenient: false)
    }

    static func dateTime(_ r: UnsafeRawBufferPointer, lenient: Bool) -> Result<DBFValue, ValueProblem> {
        // built only when needed: the message costs more than parsing the value
        var fail: Result<DBFValue, ValueProblem> { .failure(.bad(r, .dateTime)) }
        guard let (d, start) = datePart(r), d.isValid || (lenient && (1...12).contains(d.month) && (1...31).contains(d.day)) else { return fail }
        var p = start
        var h = 0, mi = 0, s = 0, ms = 0
        if p < r.count, r[p] == 0x20 || r[p] == 0x54 { p += 1 }
        let separated = start == 10
        if p < r.count {
            guard let hh = digits(r, p, 2) else { return fail }
            h = hh; p += 2
            if separated, p < r.count, r[p] == 0x3A { p += 1 }
            if p < r.count {
                guard let mm = digits(r, p, 2) else { return fail }
                mi = mm; p += 2
                if separated, p < r.count, r[p] == 0x3A { p += 1 }
                if p < r.count {
                    guard let ss = digits(r, p, 2) else { return fail }
                    s = ss; p += 2
                    if p < r.count, r[p] == 0x2E || r[p] == 0x2C {
                        p += 1
                        var scale = 100
                        while p < r.count, scale >= 1, let dgt = digits(r, p, 1) { ms += dgt * scale; scale /= 10; p += 1 }
                    }
                }
            }
        }
        guard p == r.count, h < 24, mi < 60, s < 60 else { return fail }
        return .success(.dateTime(DBFDateTime(date: d, hour: h, minute: mi, second: s, millisecond: ms)))
    }
}
