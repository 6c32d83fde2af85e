/// Turns field bytes in a table's code page into `String`s without per-character work in
/// the common cases.
///
/// `CodePage.decode` appends scalar by scalar, which is correct but slow on a full read of
/// accented text. Here the UTF-8 form of each high byte (0x80–0xFF) is precomputed once per
/// table, so a value is transcoded in one pass: pure ASCII is copied as is, anything else
/// is written through the table into scratch room, then copied. UTF-8 and multi-byte pages
/// keep going through `CodePage.decode`. BackupSet's text parsers use the same tables.
public enum TextDecoding {
    /// For bytes 0x80…0xFF: up to 3 UTF-8 bytes in the low 24 bits, their count in the top
    /// 8; nil for UTF-8 and multi-byte pages. The caller owns (deallocates) the table.
    public static func highTable(_ codePage: CodePage) -> UnsafeMutablePointer<UInt32>? {
        if codePage.isUTF8 || codePage.isMultiByte { return nil }
        let high = UnsafeMutablePointer<UInt32>.allocate(capacity: 128)
        for i in 0..<128 {
            let u = codePage.scalar(for: UInt8(0x80 + i)).value
            let packed: UInt32
            if u < 0x80 {
                packed = 1 << 24 | u
            } else if u < 0x800 {
                packed = 2 << 24 | (0xC0 | u >> 6) | (0x80 | u & 0x3F) << 8
            } else {
                packed = 3 << 24 | (0xE0 | u >> 12) | (0x80 | (u >> 6) & 0x3F) << 8 | (0x80 | u & 0x3F) << 16
            }
            (high + i).initialize(to: packed)
        }
        return high
    }

    /// The text of `bytes`, through `high` (from `highTable`).
    ///
    /// ASCII runs move eight bytes at a time (memo text is mostly ASCII with an accented
    /// letter every few words); only the words holding a high byte go byte by byte. Text
    /// with high bytes is transcoded in one pass into scratch room (stack for the usual
    /// sizes) and then copied: measured cheaper than sizing it first and writing into
    /// `String(unsafeUninitializedCapacity:)`. (Pure ASCII goes to `String(decoding:)`: measured faster than copying into
    /// `String(unsafeUninitializedCapacity:)`.)
    @inlinable
    public static func decode(_ bytes: UnsafeRawBufferPointer, high: UnsafeMutablePointer<UInt32>) -> String {
        let n = bytes.count
        if n == 0 { return "" }
        // eight bytes at a time to find the first high byte, if any
        var i = 0
        while i + 8 <= n && bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
        while i < n && bytes[i] < 0x80 { i += 1 }
        if i == n { return String(decoding: bytes, as: UTF8.self) }
        let first = i
        // transcoded once into scratch room (a high byte takes at most three UTF-8 bytes),
        // then copied into the string
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: first + 3 * (n - first)) { out in
            let base = out.baseAddress!
            // the ASCII prefix as is
            UnsafeMutableRawPointer(base).copyMemory(from: bytes.baseAddress!, byteCount: first)
            var k = first
            var j = first
            while j < n {
                if j + 8 <= n {
                    let w = bytes.loadUnaligned(fromByteOffset: j, as: UInt64.self)
                    if w & 0x8080_8080_8080_8080 == 0 {
                        UnsafeMutableRawPointer(base + k).storeBytes(of: w, as: UInt64.self)
                        k += 8; j += 8
                        continue
                    }
                }
                let b = bytes[j]
                if b < 0x80 {
                    base[k] = b; k += 1
                } else {
                    let p = high[Int(b) - 0x80]
                    let len = Int(p >> 24)
                    base[k] = UInt8(truncatingIfNeeded: p)
                    if len > 1 { base[k + 1] = UInt8(truncatingIfNeeded: p >> 8) }
                    if len > 2 { base[k + 2] = UInt8(truncatingIfNeeded: p >> 16) }
                    k += len
                }
                j += 1
            }
            return String(decoding: UnsafeBufferPointer(rebasing: out[0..<k]), as: UTF8.self)
        }
    }
}
