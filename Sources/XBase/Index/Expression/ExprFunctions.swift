/// The string and number functions of index expressions, on raw code-page bytes.
enum ExprFunctions {
    static func apply(_ f: ExprFunction, _ v: [ExprValue], caseMap: CaseMap) -> ExprValue {
        func int(_ i: Int) -> Int { i < v.count ? min(65_535, safeInt(v[i].double)) : 0 }
        switch f {
        case .upper: return .chars(v[0].bytes.map { caseMap.upper[Int($0)] })
        case .lower: return .chars(v[0].bytes.map { caseMap.lower[Int($0)] })
        case .str: return .chars(str(v[0].double, length: v.count > 1 ? int(1) : 10, decimals: v.count > 2 ? int(2) : 0))
        case .dtos, .dtoc:
            guard case .date(let d) = v[0], d != 0 else { return .chars([UInt8](repeating: 0x20, count: 8)) }
            return .chars(Array(DBFDate(julianDay: d).dtos.utf8))
        case .ttoc:
            guard case .dateTime(let t) = v[0], t != 0 else { return .chars([UInt8](repeating: 0x20, count: 14)) }
            var day = safeInt(t.rounded(.down))
            var seconds = safeInt(((t - Double(day)) * 86_400).rounded())
            if seconds >= 86_400 { day += 1; seconds -= 86_400 }
            let d = DBFDate(julianDay: day)
            return .chars(Array((d.dtos + two(seconds / 3600) + two(seconds / 60 % 60) + two(seconds % 60)).utf8))
        case .left: return .chars(Array(v[0].bytes.prefix(max(0, int(1)))))
        case .right: return .chars(Array(v[0].bytes.suffix(max(0, int(1)))))
        case .substr:
            let b = v[0].bytes, start = max(1, int(1)) - 1
            guard start < b.count else { return .chars([]) }
            let len = v.count > 2 ? max(0, int(2)) : b.count - start
            return .chars(Array(b[start..<min(b.count, start + len)]))
        case .padl, .padr:
            let b = v[0].bytes, n = max(0, int(1))
            let pad = v.count > 2 ? (v[2].bytes.first ?? 0x20) : 0x20
            if b.count >= n { return .chars(f == .padl ? Array(b.suffix(n)) : Array(b.prefix(n))) }
            let fill = [UInt8](repeating: pad, count: n - b.count)
            return .chars(f == .padl ? fill + b : b + fill)
        case .alltrim: return .chars(trim(v[0].bytes, leading: true, trailing: true))
        case .ltrim: return .chars(trim(v[0].bytes, leading: true, trailing: false))
        case .rtrim, .trim: return .chars(trim(v[0].bytes, leading: false, trailing: true))
        case .val: return .number(v[0].bytes.withUnsafeBytes { FieldAccess.parseNumber(leadingNumber($0)) })
        case .int: return .number(v[0].double.rounded(.towardZero))
        case .year, .month, .day:
            let jd = safeInt(v[0].double.rounded(.down))
            guard jd != 0 else { return .number(0) }
            let d = DBFDate(julianDay: jd)
            return .number(Double(f == .year ? d.year : f == .month ? d.month : d.day))
        case .bintoc:
            let size = v.count > 1 ? int(1) : 4
            let value = Int64(safeInt(v[0].double.rounded(.towardZero)))
            // Big-endian with the sign bit flipped, so that bytes sort like the numbers.
            let biased = UInt64(bitPattern: value &+ (Int64(1) << (size * 8 - 1)))
            return .chars((0..<size).map { UInt8(truncatingIfNeeded: biased >> UInt64(8 * (size - 1 - $0))) })
        case .iif, .empty, .deleted, .recno: return .null
        }
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static func trim(_ b: [UInt8], leading: Bool, trailing: Bool) -> [UInt8] {
        var s = b[...]
        if trailing { while let l = s.last, l == 0x20 || l == 0 { s.removeLast() } }
        if leading { while let f = s.first, f == 0x20 { s.removeFirst() } }
        return Array(s)
    }

    /// VAL() reads a leading number and ignores what follows ("12abc" → 12).
    static func leadingNumber(_ b: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var i = 0
        while i < b.count, b[i] == 0x20 { i += 1 }
        if i < b.count, b[i] == 0x2D || b[i] == 0x2B { i += 1 }
        var seenPoint = false
        while i < b.count, (b[i] >= 0x30 && b[i] <= 0x39) || (b[i] == 0x2E && !seenPoint) {
            if b[i] == 0x2E { seenPoint = true }
            i += 1
        }
        return UnsafeRawBufferPointer(rebasing: b[0..<i])
    }

    /// STR(): right-aligned, rounded half away from zero; when the integer part does not fit
    /// the width, FoxPro fills the field with asterisks.
    static func str(_ value: Double, length: Int, decimals: Int) -> [UInt8] {
        let width = max(1, min(length, 255))
        var dec = max(0, min(decimals, 18))
        // FoxPro drops decimals before it gives up on the integer part.
        while dec > 0, dec + 2 > width { dec -= 1 }
        let scale = FieldAccess.pow10(dec)
        let magnitude = abs(value) * scale
        let rounded = (magnitude * (1 + 1e-15)).rounded(.toNearestOrAwayFromZero)
        guard rounded < 1e18 else { return [UInt8](repeating: 0x2A, count: width) }
        let units = UInt64(rounded)
        var digits = String(units / UInt64(scale))
        if dec > 0 {
            var frac = String(units % UInt64(scale))
            frac = String(repeating: "0", count: dec - frac.count) + frac
            digits += "." + frac
        }
        if value < 0 && units != 0 { digits = "-" + digits }
        if digits.utf8.count > width {
            if dec > 0 { return str(value, length: width, decimals: dec - 1) }
            return [UInt8](repeating: 0x2A, count: width)
        }
        return [UInt8](repeating: 0x20, count: width - digits.utf8.count) + Array(digits.utf8)
    }
}
