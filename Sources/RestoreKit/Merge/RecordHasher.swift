import XBase

/// Fingerprints of parts of a record, eight bytes at a time, allocation-free: the merge
/// compares a million backup rows with a million live rows by these, not by decoding.
///
/// A key gets 96 bits (two seeds), a row's content 64: two different keys look the same
/// with a chance near n²/2⁹⁷ (≈ 10⁻¹⁷ for a million rows), which is what "matched by key"
/// means here; see docs/merge.md.
struct RecordHasher {
    /// Byte ranges hashed, in order.
    let segments: [Range<Int>]

    /// The bytes of `fields`, in the order given (a key).
    init(key fields: [FieldDescriptor]) {
        segments = fields.map { $0.offset..<($0.offset + $0.length) }
    }

    /// Every byte of the record except memo pointers (the same memo has a different
    /// pointer in the backup's new memo file and in the live one); the delete flag counts.
    init(contentOf header: TableHeader) {
        var s: [Range<Int>] = []
        var start = 0
        for f in header.fields.sorted(by: { $0.offset < $1.offset }) where f.isMemo {
            if f.offset > start { s.append(start..<f.offset) }
            start = f.offset + f.length
        }
        if header.recordLength > start { s.append(start..<header.recordLength) }
        segments = s
    }

    /// Four lanes over consecutive 32-byte blocks, so the multiplications of one block run
    /// side by side instead of one after another (a row's content is ~200 bytes hashed twice
    /// per merged row); the words left over and the tail go to the first lane.
    @inline(__always)
    func hash(_ rec: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        var a = seed ^ 0x9E37_79B9_7F4A_7C15
        var b = seed ^ 0xD6E8_FEB8_6659_FD93
        var c = seed ^ 0xA076_1D64_78BD_642F
        var d = seed ^ 0xE703_7ED1_A0B4_28DB
        for r in segments {
            var i = r.lowerBound
            let end = min(r.upperBound, rec.count)
            while i + 32 <= end {
                a = Self.mix(a, rec.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                b = Self.mix(b, rec.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
                c = Self.mix(c, rec.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
                d = Self.mix(d, rec.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
                i += 32
            }
            while i + 8 <= end {
                a = Self.mix(a, rec.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                i += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < end { tail |= UInt64(rec[i]) << shift; shift += 8; i += 1 }
            a = Self.mix(a, tail ^ (UInt64(r.count) << 56))
        }
        return Self.finish(a ^ Self.rotate(b, 17) ^ Self.rotate(c, 31) ^ Self.rotate(d, 47))
    }

    @inline(__always)
    static func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { x << k | x >> (64 - k) }

    @inline(__always)
    static func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
        var x = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 32
        return x &* 0xC4CE_B9FE_1A85_EC53
    }

    @inline(__always)
    static func finish(_ h: UInt64) -> UInt64 {
        var x = h
        x ^= x >> 33; x = x &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33; x = x &* 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }

    /// The first 8 bytes hashed, big-endian (zero-filled): the index orders entries by it
    /// first, so that backup rows arriving in key order (the usual case: NUMERO ascending)
    /// look up neighbouring entries and a spilled index is read almost sequentially.
    @inline(__always)
    func prefix(_ rec: UnsafeRawBufferPointer) -> UInt64 {
        var v: UInt64 = 0
        var n = 0
        for r in segments where n < 8 {
            var i = r.lowerBound
            let end = min(r.upperBound, rec.count)
            while i < end && n < 8 { v = v << 8 | UInt64(rec[i]); i += 1; n += 1 }
        }
        return v << UInt64(8 * (8 - n))
    }

    /// 96 bits of identity: the first hash and 32 bits of a second, differently seeded one.
    @inline(__always)
    func identity(_ rec: UnsafeRawBufferPointer) -> (UInt64, UInt32) {
        (hash(rec, seed: 0x1234_5678_9ABC_DEF1), UInt32(truncatingIfNeeded: hash(rec, seed: 0x0FED_CBA9_8765_4321)))
    }
}
