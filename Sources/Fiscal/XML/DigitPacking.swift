/// Stores text made mostly of decimal digits (access keys, protocol numbers, dates, the
/// file names that carry a key) in about half the bytes: two digits in one byte.
///
/// Encoding, byte by byte: an ASCII byte that is not the start of a digit pair stands for
/// itself; `0x80 + n` (n in 0…99) stands for the two digits of n; `0xFF b` stands for the
/// byte `b` (any byte of 0x80 or more, so UTF-8 names survive unchanged). Decoding is
/// exact for every input, so a path or a key read back is the one that was stored.
enum DigitPacking {
    static let escape: UInt8 = 0xFF

    /// Appends the packed form of `text` to `out`.
    static func pack(_ text: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var i = 0
        let n = text.count
        while i < n {
            let c = text[i]
            if isDigit(c), i + 1 < n, isDigit(text[i + 1]) {
                out.append(0x80 + (c - 48) * 10 + (text[i + 1] - 48))
                i += 2
            } else if c >= 0x80 {
                out.append(escape); out.append(c)
                i += 1
            } else {
                out.append(c)
                i += 1
            }
        }
    }

    static func pack(_ text: String, into out: inout [UInt8]) {
        var s = text
        s.withUTF8 { pack($0, into: &out) }
    }

    /// The bytes of the text a packed buffer stands for, one at a time: the one decoder
    /// (`forEachByte`, `FileNames`' path comparison).
    struct Unpacked: IteratorProtocol {
        let packed: UnsafeBufferPointer<UInt8>
        private var i = 0
        /// The second digit of a pair, due next.
        private var pending: UInt8?
        init(_ packed: UnsafeBufferPointer<UInt8>) { self.packed = packed }

        @inline(__always)
        mutating func next() -> UInt8? {
            if let p = pending { pending = nil; return p }
            guard i < packed.count else { return nil }
            let b = packed[i]
            if b < 0x80 { i += 1; return b }
            if b == DigitPacking.escape {
                i += 2
                return i - 1 < packed.count ? packed[i - 1] : nil
            }
            i += 1
            let v = b - 0x80
            pending = 48 + v % 10
            return 48 + v / 10
        }
    }

    /// Calls `body` with every byte of the text `packed` stands for, in order; stops early
    /// when `body` returns false. Returns false when it was stopped.
    @inline(__always)
    static func forEachByte(_ packed: UnsafeBufferPointer<UInt8>, _ body: (UInt8) -> Bool) -> Bool {
        var bytes = Unpacked(packed)
        while let b = bytes.next() { if !body(b) { return false } }
        return true
    }

    static func unpack(_ packed: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(packed.count * 2)
        _ = forEachByte(packed) { out.append($0); return true }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `packed` stands for exactly the bytes of `raw`.
    static func equals(_ packed: UnsafeBufferPointer<UInt8>, _ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 0
        let all = forEachByte(packed) { b in
            guard k < raw.count, raw[k] == b else { return false }
            k += 1
            return true
        }
        return all && k == raw.count
    }

    /// Makes room for `need` more bytes in the last of `chunks`, or starts a new chunk when
    /// the last would pass `chunkSize`: chunks grow by doubling up to `chunkSize` and never
    /// past it, so no chunk holds twice the capacity it uses (a plain `append` would).
    /// Returns the index of the chunk to write into.
    static func room(for need: Int, in chunks: inout [[UInt8]], chunkSize: Int) -> Int {
        if chunks.isEmpty || (chunks[chunks.count - 1].count > 0 && chunks[chunks.count - 1].count + need > chunkSize) {
            chunks.append([])
        }
        let last = chunks.count - 1
        let count = chunks[last].count, capacity = chunks[last].capacity
        if count + need > capacity {
            chunks[last].reserveCapacity(max(count + need, min(max(capacity * 2, 256), chunkSize)))
        }
        return last
    }

    /// The most bytes `pack` writes for `n` input bytes.
    static func maxPacked(_ n: Int) -> Int { 2 * n }

    @inline(__always) private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
}
