import XBase

/// Single-byte text to `String` through a 256-entry table of UTF-8 sequences, built once per
/// code page: one pass, one allocation at most (none for short values), where decoding
/// scalar by scalar cost several appends per character. Same result as `CodePage.decode`.
final class FastTextDecoder: @unchecked Sendable {
    let isUTF8: Bool
    /// Multi-byte Asian pages (cp936…) decode through `CodePage` itself.
    let multiByte: CodePage?
    /// For each byte: up to 3 UTF-8 bytes packed low-first, and the count in the top byte.
    private var table = [UInt32](repeating: 0, count: 256)

    init(_ cp: CodePage) {
        isUTF8 = cp.isUTF8
        multiByte = cp.isMultiByte ? cp : nil
        for b in 0..<256 {
            let u = Array(String(cp.scalar(for: UInt8(b))).utf8)
            var packed = UInt32(u.count) << 24
            for (i, x) in u.prefix(3).enumerated() { packed |= UInt32(x) << (8 * UInt32(i)) }
            table[b] = packed
        }
    }

    func decode(_ r: UnsafeRawBufferPointer) -> String {
        if isUTF8 { return String(decoding: r, as: UTF8.self) }
        var ascii = true
        if let multiByte {
            for b in r where b >= 0x80 { ascii = false; break }
            return ascii ? String(decoding: r, as: UTF8.self) : multiByte.decode(r)
        }
        for b in r where b >= 0x80 { ascii = false; break }
        if ascii { return String(decoding: r, as: UTF8.self) }
        return table.withUnsafeBufferPointer { t in
            String(unsafeUninitializedCapacity: r.count * 3) { out in
                var n = 0
                for b in r {
                    let p = t[Int(b)]
                    let c = Int(p >> 24)
                    out[n] = UInt8(truncatingIfNeeded: p)
                    if c > 1 { out[n + 1] = UInt8(truncatingIfNeeded: p >> 8) }
                    if c > 2 { out[n + 2] = UInt8(truncatingIfNeeded: p >> 16) }
                    n += c
                }
                return n
            }
        }
    }
}
