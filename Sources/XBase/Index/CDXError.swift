import ResgateLocale

/// Errors of the CDX index code: the catalogue's `IndexFailure` facts. Each names the index
/// file and, where it applies, the tag and the byte offset of the bad page, so a person can
/// find the problem without a debugger; the words are chosen at the edge.
public typealias CDXError = IndexFailure

/// Little helpers for the CDX's mixed endianness (headers little-endian, interior keys'
/// record numbers and child pointers big-endian).
enum CDXBytes {
    @inline(__always) static func u16le(_ b: UnsafeRawBufferPointer, _ i: Int) -> Int {
        Int(b[i]) | Int(b[i + 1]) << 8
    }
    @inline(__always) static func u32le(_ b: UnsafeRawBufferPointer, _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
    @inline(__always) static func u32be(_ b: UnsafeRawBufferPointer, _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }
    static func put16le(_ v: Int, into b: inout [UInt8], at i: Int) {
        b[i] = UInt8(truncatingIfNeeded: v); b[i + 1] = UInt8(truncatingIfNeeded: v >> 8)
    }
    static func put32le(_ v: UInt32, into b: inout [UInt8], at i: Int) {
        for k in 0..<4 { b[i + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(k))) }
    }
    static func put32be(_ v: UInt32, into b: inout [UInt8], at i: Int) {
        for k in 0..<4 { b[i + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(3 - k))) }
    }
    /// Number of bits needed to hold `v` (at least 1).
    static func bitWidth(_ v: Int) -> Int { max(1, Int.bitWidth - v.leadingZeroBitCount) }
}
