/// Builds short `String`s (at most 15 UTF-8 bytes) straight from their bytes.
///
/// Most C values of a business table are short codes (series, model, time, tax id,
/// operator): a full read makes several per record. `String(decoding:)` validates the
/// bytes, checks them for ASCII again and then packs them into the same inline ("small")
/// representation this type writes directly. The bytes handed in here are known valid
/// (ASCII checked by the caller, or UTF-8 produced by `TextDecoding`'s high-byte table), so
/// the validation is pure overhead.
///
/// The small form is two words: the first eight code units, then seven more with the
/// discriminator (immortal | small | ASCII flag | count) in the top byte. That layout is
/// what the standard library's inlinable code relies on, but it is still checked once at
/// run time (`holds`); when it does not hold, callers take the ordinary path.
enum SmallText {
    /// Longest text stored inline in a `String`.
    static let capacity = 15

    /// Whether this runtime lays out small strings as `make` writes them.
    static let holds: Bool = {
        guard MemoryLayout<String>.size == 16 else { return false }
        let ascii = Array("ABCDEFGHIJKLMNO".utf8)
        var samples: [([UInt8], Bool)] = (0...ascii.count).map { (Array(ascii[0..<$0]), true) }
        samples.append((Array("JOÃO".utf8), false))
        samples.append((Array("CONCEIÇÃO É".utf8), false))  // 14 bytes
        for (bytes, isASCII) in samples {
            let expected = String(decoding: bytes, as: UTF8.self)
            let built = bytes.withUnsafeBytes { b in
                b.isEmpty ? "" : make(words(b.baseAddress!, count: b.count), count: b.count, isASCII: isASCII)
            }
            guard rawBits(built) == rawBits(expected), built == expected, built.utf8.count == bytes.count else {
                return false
            }
        }
        return true
    }()

    /// The two words of a small `String` (for the run-time check).
    static func rawBits(_ s: String) -> (UInt64, UInt64) {
        unsafeBitCast(s, to: (UInt64, UInt64).self)
    }

    /// `count` (≤ 15) bytes at `p` as two little-endian words, unused bytes zero. Reads
    /// only the `count` bytes (overlapping loads, never past the end).
    @inline(__always)
    static func words(_ p: UnsafeRawPointer, count n: Int) -> (UInt64, UInt64) {
        if n >= 8 {
            let w0 = p.loadUnaligned(as: UInt64.self)
            if n == 8 { return (w0, 0) }
            // bytes 8..<n sit at the top of the word that ends at byte n
            let tail = p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            return (w0, tail &>> UInt64(8 &* (16 &- n)))
        }
        if n >= 4 {
            let lo = UInt64(p.loadUnaligned(as: UInt32.self))
            let hi = UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
            return (lo | hi &<< UInt64(8 &* (n &- 4)), 0)
        }
        if n >= 2 {
            // two bytes, or three as two overlapping pairs
            let lo = UInt64(p.loadUnaligned(as: UInt16.self))
            let hi = UInt64(p.loadUnaligned(fromByteOffset: n &- 2, as: UInt16.self))
            return (lo | hi &<< UInt64(8 &* (n &- 2)), 0)
        }
        return n == 1 ? (UInt64(p.load(as: UInt8.self)), 0) : (0, 0)
    }

    /// The small `String` of `count` (≤ 15) valid UTF-8 bytes packed in `w`.
    ///
    /// Written over an empty string this function owns, not bit-cast: a bit-cast string is
    /// borrowed, and the copy the caller stores cost a call to retain it (which does
    /// nothing for a small string) for every short value of a read.
    @inline(__always)
    static func make(_ w: (UInt64, UInt64), count n: Int, isASCII: Bool) -> String {
        let discriminator: UInt64 = (isASCII ? 0xE0 : 0xA0) | UInt64(truncatingIfNeeded: n)
        var text = ""
        withUnsafeMutableBytes(of: &text) { raw in
            raw.storeBytes(of: w.0, as: UInt64.self)
            raw.storeBytes(of: w.1 | discriminator &<< 56, toByteOffset: 8, as: UInt64.self)
        }
        return text
    }

    /// The text of `bytes` (at most 15) through a `TextDecoding.highTable`, built inline;
    /// falls back to `TextDecoding.decode` when the UTF-8 form is longer than 15 bytes.
    @inline(__always)
    static func decode(_ bytes: UnsafeRawBufferPointer, high: UnsafeMutablePointer<UInt32>) -> String {
        let n = bytes.count
        if n == 0 { return "" }
        let w = words(bytes.baseAddress!, count: n)
        if (w.0 | w.1) & 0x8080_8080_8080_8080 == 0 { return make(w, count: n, isASCII: true) }
        return transcoded(bytes, high: high) ?? TextDecoding.decode(bytes, high: high)
    }

    /// The C field of `width` (at most 15) bytes at `p`, without its trailing blanks
    /// (spaces and NULs, as `trimTrailing` removes them), as a small string: what `decode`
    /// gives for the trimmed bytes; nil when their UTF-8 form is longer than 15 bytes. The
    /// field is loaded once: the same two words find where the text ends and, with the
    /// blanks after it zeroed, are the small string.
    @inline(__always)
    static func trimmedField(_ p: UnsafeRawPointer, width n: Int, high: UnsafeMutablePointer<UInt32>) -> String? {
        var w = words(p, count: n)
        // a blank is zero under 0xDF, and so are the bytes past the width
        let text1 = w.1 & 0xDFDF_DFDF_DFDF_DFDF
        let text0 = w.0 & 0xDFDF_DFDF_DFDF_DFDF
        let end = text1 != 0 ? 16 &- text1.leadingZeroBitCount &>> 3 : 8 &- text0.leadingZeroBitCount &>> 3
        if end == 0 { return "" }
        w.0 &= end >= 8 ? UInt64.max : (1 &<< UInt64(8 &* end)) &- 1
        w.1 &= end > 8 ? (1 &<< UInt64(8 &* (end &- 8))) &- 1 : 0
        if (w.0 | w.1) & 0x8080_8080_8080_8080 == 0 { return make(w, count: end, isASCII: true) }
        return transcoded(UnsafeRawBufferPointer(start: p, count: end), high: high)
    }

    /// Non-ASCII bytes (at most 15): each high byte becomes its UTF-8 form from `high`;
    /// nil when that is longer than a small string.
    ///
    /// Every byte goes through `TextDecoding.put` (four bytes stored, the length advanced
    /// by the count they carry) into room for the longest case, with no branch per byte:
    /// short accented codes (an operator, a city) were a loop of mispredicted branches.
    static func transcoded(_ bytes: UnsafeRawBufferPointer, high: UnsafeMutablePointer<UInt32>) -> String? {
        // 15 bytes of 3 UTF-8 bytes each, the last stored as four
        var room: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
        let n = min(bytes.count, capacity)
        let k = withUnsafeMutableBytes(of: &room) { o in
            var k = 0
            for j in 0..<n { k = TextDecoding.put(bytes[j], at: k, o.baseAddress!, high) }
            return k
        }
        guard k <= capacity && bytes.count <= capacity else { return nil }
        // the bytes from `k` on are leftovers of the four-byte stores: the small form wants zeros
        let w0 = k >= 8 ? room.0 : room.0 & ((1 &<< UInt64(8 &* k)) &- 1)
        let w1 = k <= 8 ? 0 : room.1 & ((1 &<< UInt64(8 &* (k &- 8))) &- 1)
        // a code page may map a high byte to an ASCII character
        return make((w0, w1), count: k, isASCII: (w0 | w1) & 0x8080_8080_8080_8080 == 0)
    }
}
