import ResgateLocale

/// Errors of the CDX index code. Each names the index file and, where it applies, the tag,
/// the byte offset of the bad page or the record whose key could not be computed, so a
/// person can find the problem without a debugger.
public enum CDXError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotOpen(file: String, reason: IOReason)
    case io(file: String, reason: IOReason)
    /// The bytes do not form a CDX structure we can walk (bad pointer, impossible counts).
    case malformed(file: String, tag: String?, offset: Int, reason: String)
    /// The key or FOR expression uses something the evaluator does not support. Refusing is
    /// the only safe answer: a guessed key would build an index that finds wrong records.
    case unsupportedExpression(file: String, tag: String, expression: String, reason: String)
    /// The tag sorts by a national collation (VFP GENERAL, Harbour PTISO…), not by bytes.
    case unsupportedCollation(file: String, tag: String, collation: String)
    /// A key could not be computed for a record (for instance a field that the table lacks).
    case cannotComputeKey(file: String, tag: String, record: Int, reason: String)
    /// The table itself could not be read.
    case table(XBaseError)

    public var description: String {
        switch self {
        case let .cannotOpen(f, r): "\(f): cannot open index: \(r.text(in: .en))"
        case let .io(f, r): "\(f): I/O error: \(r.text(in: .en))"
        case let .malformed(f, t, o, r):
            "\(f): " + (t.map { "tag \($0), " } ?? "") + "page at offset \(o): \(r)"
        case let .unsupportedExpression(f, t, e, r): "\(f): tag \(t): expression \"\(e)\" is not supported: \(r)"
        case let .unsupportedCollation(f, t, c):
            "\(f): tag \(t) uses collation \(c), not MACHINE (byte order); it cannot be rebuilt or searched safely"
        case let .cannotComputeKey(f, t, rec, r): "\(f): tag \(t), record \(rec): cannot compute key: \(r)"
        case let .table(e): e.description
        }
    }
}

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
