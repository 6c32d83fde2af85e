/// Turns field bytes in a table's code page into `String`s without per-character work in
/// the common cases.
///
/// `CodePage.decode` appends scalar by scalar, which is correct but slow on a full read of
/// accented text. Here the UTF-8 form of each high byte (0x80–0xFF) is precomputed once per
/// table, so a value is transcoded in one pass: pure ASCII is copied as is, anything else
/// is written through the table into scratch room, then copied. UTF-8 and multi-byte pages
/// keep going through `CodePage.decode`. BackupSet's text parsers use the same tables.
///
/// The UTF-8 made here is valid by construction (ASCII bytes as they are, every high byte
/// as the encoding of a Unicode scalar), so the `String` is made without validating it
/// again (`UTF8Span(unchecked:)`): the standard library's check walks the text byte by
/// byte and cost as much as the transcoding itself on accented names and memos.
public enum TextDecoding {
    /// For bytes 0x80…0xFF: up to 3 UTF-8 bytes in the low 24 bits, their count in the top
    /// 8; nil for UTF-8 and multi-byte pages. The caller owns (deallocates) the table.
    public static func highTable(_ codePage: CodePage) -> UnsafeMutablePointer<UInt32>? {
        if codePage.isUTF8 || codePage.isMultiByte { return nil }
        let high = UnsafeMutablePointer<UInt32>.allocate(capacity: 128)
        for i in 0..<128 {
            let u = codePage.scalar(for: UInt8(0x80 + i)).value
            // three bytes at most fit the packed form; no single-byte page needs four
            guard u < 0x1_0000 else {
                high.deallocate()
                return nil
            }
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
    /// Pure ASCII (found eight bytes at a time) goes to `String(decoding:)`. Text with high
    /// bytes is transcoded in one pass into scratch room, then copied into the string: on
    /// the stack for field-sized texts, a temporary allocation for long memos. (Measured
    /// cheaper than sizing it first and writing into `String(unsafeUninitializedCapacity:)`.)
    @inlinable
    public static func decode(_ bytes: UnsafeRawBufferPointer, high: UnsafeMutablePointer<UInt32>) -> String {
        let n = bytes.count
        if n == 0 { return "" }
        let i = firstHighByte(bytes)
        if i == n { return validString(bytes.baseAddress!, count: n, isASCII: true) }
        // a high byte takes at most three UTF-8 bytes; `transcode` stores four at a time
        let room = i + 3 * (n - i) + 1
        // a constant size: the compiler puts it on the stack, no allocation
        if room <= stackRoom {
            return withUnsafeTemporaryAllocation(byteCount: stackRoom, alignment: 8) { out in
                let k = transcode(bytes, from: i, into: out.baseAddress!, high: high)
                return validString(out.baseAddress!, count: k, isASCII: false)
            }
        }
        return withUnsafeTemporaryAllocation(byteCount: room, alignment: 8) { out in
            let k = transcode(bytes, from: i, into: out.baseAddress!, high: high)
            return validString(out.baseAddress!, count: k, isASCII: false)
        }
    }

    /// The position of the first byte of `bytes` (not empty) that is 0x80 or more, or its
    /// count: eight bytes at a time, the last few as the word that ends the text, the
    /// byte found by its bit (a loop over single bytes ended at a different place in every
    /// value, a mispredicted branch each time). A text shorter than eight bytes is looked
    /// at byte by byte.
    @inlinable @inline(__always)
    static func firstHighByte(_ bytes: UnsafeRawBufferPointer) -> Int {
        let n = bytes.count
        var i = 0
        while i &+ 8 <= n {
            let highBits = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080
            if highBits != 0 { return i &+ highBits.trailingZeroBitCount &>> 3 }
            i &+= 8
        }
        if i == n { return n }
        if n >= 8 {
            // the last n - i bytes are the top ones of the word that ends the text
            let highBits = bytes.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self) & 0x8080_8080_8080_8080
                & UInt64.max &<< UInt64(truncatingIfNeeded: 8 &* (8 &- (n &- i)))
            return highBits == 0 ? n : n &- 8 &+ highBits.trailingZeroBitCount &>> 3
        }
        // fewer than eight in all (a short text; C fields that short take `SmallText`)
        for j in 0..<n where bytes[j] >= 0x80 { return j }
        return n
    }

    /// A `String` copied from `count` bytes at `start` that are valid UTF-8 (ASCII when
    /// `isASCII`), without checking them again. Only for bytes this type produced.
    @inlinable @inline(__always)
    static func validString(_ start: UnsafeRawPointer, count: Int, isASCII: Bool) -> String {
        let codeUnits = UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt8.self), count: count)
        return String(copying: UTF8Span(unchecked: codeUnits.span, isKnownASCII: isASCII))
    }

    /// Bytes of stack scratch room: a C field is at most 254 bytes, 3 × 254 + 1 ≤ 768.
    @usableFromInline static let stackRoom = 768

    /// Writes the UTF-8 of `bytes` into `out` (room for 3 bytes per byte from `first` on,
    /// plus one); `bytes[..<first]` is ASCII. Returns the length written.
    ///
    /// An ASCII word moves as is. In a word holding a high byte, the ASCII bytes before it
    /// move with the word (stored whole, the rest overwritten after), then the high byte
    /// goes through `put`, and the next word starts just after it: accented text has a
    /// high byte every few words, so most bytes still move eight at a time.
    @inlinable
    static func transcode(_ bytes: UnsafeRawBufferPointer, from first: Int, into out: UnsafeMutableRawPointer,
                          high: UnsafeMutablePointer<UInt32>) -> Int {
        let src = bytes.baseAddress!
        let n = bytes.count
        out.copyMemory(from: src, byteCount: first)
        var k = first
        var j = first
        while j < n {
            if j &+ 8 <= n {
                let w = src.loadUnaligned(fromByteOffset: j, as: UInt64.self)
                // room: the eight input bytes from `j` make at least eight output bytes
                out.storeBytes(of: w, toByteOffset: k, as: UInt64.self)
                let highBits = w & 0x8080_8080_8080_8080
                if highBits == 0 {
                    k &+= 8; j &+= 8
                    continue
                }
                let ascii = highBits.trailingZeroBitCount &>> 3
                k &+= ascii; j &+= ascii
                k = put(src.load(fromByteOffset: j, as: UInt8.self), at: k, out, high)
                j &+= 1
                continue
            }
            k = put(src.load(fromByteOffset: j, as: UInt8.self), at: k, out, high)
            j &+= 1
        }
        return k
    }

    /// Stores the packed UTF-8 of byte `b` at `out + k` (four bytes, of which its count
    /// are meant) and returns the new length.
    @inlinable @inline(__always)
    static func put(_ b: UInt8, at k: Int, _ out: UnsafeMutableRawPointer, _ high: UnsafeMutablePointer<UInt32>) -> Int {
        // no branch: a mask of the byte's top bit picks the table's form or its own
        let isHigh = 0 &- UInt32(b &>> 7)
        let p = high[Int(b & 0x7F)] & isHigh | (1 &<< 24 | UInt32(b)) & ~isHigh
        out.storeBytes(of: p, toByteOffset: k, as: UInt32.self)
        return k &+ Int(p &>> 24)
    }
}
