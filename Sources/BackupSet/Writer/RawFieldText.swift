import XBase

/// The fast path of the canonical text: fields whose stored bytes already are their text
/// (C, N, F, D, L) or are one integer (I) go straight from the record buffer to the
/// output, with no `DBFValue` and no `String`. Anything unusual (blank with a NULL bit,
/// stray bytes) returns false and takes the exact `DBFValue` path instead.
enum RawFieldText {
    @inline(__always)
    static func append(_ r: UnsafeRawBufferPointer, type: FieldType, nullable: Bool, quote: UInt8,
                       to out: inout [UInt8]) -> Bool {
        switch type {
        case .character:
            var end = r.count
            while end > 0 && (r[end - 1] == 0x20 || r[end - 1] == 0) { end -= 1 }
            let v = UnsafeRawBufferPointer(rebasing: r[0..<end])
            if end > 0, memchr(v.baseAddress!, Int32(quote), end) != nil { return false }
            out.append(quote); out.append(contentsOf: v); out.append(quote)
            return true
        case .numeric, .float:
            var s = 0, e = r.count
            while s < e && r[s] == 0x20 { s += 1 }
            while e > s && r[e - 1] == 0x20 { e -= 1 }
            if s == e { return !nullable }           // blank: nothing (nullable: value path)
            var i = s
            if r[i] == 0x2D { i += 1 }
            var digits = 0, points = 0
            while i < e {
                let b = r[i]
                if b >= 0x30 && b <= 0x39 { digits += 1 } else if b == 0x2E { points += 1 } else { return false }
                i += 1
            }
            guard digits > 0, digits <= 18, points <= 1, r[e - 1] != 0x2E, r[s] != 0x2E else { return false }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: r[s..<e]))
            return true
        case .date:
            guard r.count == 8 else { return false }
            var blank = true, digits = true
            for b in r {
                if b != 0x20 { blank = false }
                if b < 0x30 || b > 0x39 { digits = false }
            }
            if blank { return !nullable }
            guard digits else { return false }
            // a valid calendar date only (the value path reports others)
            let y = Int(r[0] - 48) * 1000 + Int(r[1] - 48) * 100 + Int(r[2] - 48) * 10 + Int(r[3] - 48)
            let m = Int(r[4] - 48) * 10 + Int(r[5] - 48), d = Int(r[6] - 48) * 10 + Int(r[7] - 48)
            guard DBFDate(year: y, month: m, day: d).isValid else { return false }
            out.append(contentsOf: r)
            return true
        case .logical:
            guard r.count == 1 else { return false }
            switch r[0] {
            case 0x54, 0x74, 0x59, 0x79: out.append(0x54)
            case 0x46, 0x66, 0x4E, 0x6E: out.append(0x46)
            default: return false
            }
            return true
        case .integer:
            guard r.count == 4 else { return false }
            appendInt(Int(Int32(littleEndian: r.loadUnaligned(as: Int32.self))), to: &out)
            return true
        default:
            return false
        }
    }

    @inline(__always)
    static func appendInt(_ v: Int, to out: inout [UInt8]) {
        if v < 0 { out.append(0x2D) }
        var m = v.magnitude
        if m == 0 { out.append(0x30); return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buf in
            var n = 0
            while m > 0 { buf[n] = UInt8(48 + m % 10); m /= 10; n += 1 }
            while n > 0 { n -= 1; out.append(buf[n]) }
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
