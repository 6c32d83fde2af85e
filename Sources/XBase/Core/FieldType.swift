/// The type letter of an xBase field, as stored in byte 11 of its descriptor.
///
/// The raw value is the ASCII byte on disk, so an unknown letter survives a round trip
/// (`FieldType(rawValue:)` never fails: unknown letters are kept as `.other`).
public enum FieldType: Sendable, Hashable, CustomStringConvertible {
    case character      // C
    case numeric        // N
    case float          // F
    case date           // D
    case logical        // L
    case memo           // M
    case general        // G
    case picture        // P
    case integer        // I (VFP int32 LE; dBASE 7 big-endian, sign flipped)
    case double         // B (VFP double LE; dBASE 7 binary memo pointer)
    case currency       // Y
    case dateTime       // T
    case varchar        // V
    case varbinary      // Q
    case blob           // W
    case nullFlags      // 0 (_NullFlags)
    case autoIncrement  // + (dBASE 7 big-endian; Harbour int32 LE)
    case timestamp      // @ (dBASE 7 big-endian double; Harbour Julian day + ms LE)
    case doubleDBase7   // O (dBASE 7)
    case other(UInt8)

    public init(byte: UInt8) {
        switch byte {
        case UInt8(ascii: "C"), UInt8(ascii: "c"): self = .character
        case UInt8(ascii: "N"), UInt8(ascii: "n"): self = .numeric
        case UInt8(ascii: "F"), UInt8(ascii: "f"): self = .float
        case UInt8(ascii: "D"), UInt8(ascii: "d"): self = .date
        case UInt8(ascii: "L"), UInt8(ascii: "l"): self = .logical
        case UInt8(ascii: "M"), UInt8(ascii: "m"): self = .memo
        case UInt8(ascii: "G"), UInt8(ascii: "g"): self = .general
        case UInt8(ascii: "P"), UInt8(ascii: "p"): self = .picture
        case UInt8(ascii: "I"), UInt8(ascii: "i"): self = .integer
        case UInt8(ascii: "B"), UInt8(ascii: "b"): self = .double
        case UInt8(ascii: "Y"), UInt8(ascii: "y"): self = .currency
        case UInt8(ascii: "T"), UInt8(ascii: "t"): self = .dateTime
        case UInt8(ascii: "V"), UInt8(ascii: "v"): self = .varchar
        case UInt8(ascii: "Q"), UInt8(ascii: "q"): self = .varbinary
        case UInt8(ascii: "W"), UInt8(ascii: "w"): self = .blob
        case UInt8(ascii: "0"): self = .nullFlags
        case UInt8(ascii: "+"): self = .autoIncrement
        case UInt8(ascii: "@"): self = .timestamp
        case UInt8(ascii: "O"), UInt8(ascii: "o"): self = .doubleDBase7
        default: self = .other(byte)
        }
    }

    /// Parses a one-letter code (`"C"`) as used in structure files.
    public init?(letter: String) {
        guard letter.utf8.count == 1, let b = letter.utf8.first else { return nil }
        let t = FieldType(byte: b)
        if case .other = t { return nil }
        self = t
    }

    /// The byte written to the descriptor (upper-case letter).
    public var byte: UInt8 {
        switch self {
        case .character: UInt8(ascii: "C")
        case .numeric: UInt8(ascii: "N")
        case .float: UInt8(ascii: "F")
        case .date: UInt8(ascii: "D")
        case .logical: UInt8(ascii: "L")
        case .memo: UInt8(ascii: "M")
        case .general: UInt8(ascii: "G")
        case .picture: UInt8(ascii: "P")
        case .integer: UInt8(ascii: "I")
        case .double: UInt8(ascii: "B")
        case .currency: UInt8(ascii: "Y")
        case .dateTime: UInt8(ascii: "T")
        case .varchar: UInt8(ascii: "V")
        case .varbinary: UInt8(ascii: "Q")
        case .blob: UInt8(ascii: "W")
        case .nullFlags: UInt8(ascii: "0")
        case .autoIncrement: UInt8(ascii: "+")
        case .timestamp: UInt8(ascii: "@")
        case .doubleDBase7: UInt8(ascii: "O")
        case .other(let b): b
        }
    }

    /// The one-letter code, e.g. `"C"`.
    public var letter: String { String(UnicodeScalar(byte)) }
    public var description: String { letter }

    /// Fields whose value lives in the memo file (M, G, P, W). `B` is a memo only in dBASE 7
    /// tables; the table decides that (see `FieldDescriptor.isMemo`).
    public var isMemoLike: Bool {
        switch self {
        case .memo, .general, .picture, .blob: true
        default: false
        }
    }
}

extension FieldType {
    /// Harbour's `=` (modification time): 8 bytes, Julian day + milliseconds, both LE32,
    /// the layout of VFP's `T` (Harbour src/rdd/dbf1.c, HB_FT_MODTIME).
    public static let harbourModTime = FieldType.other(UInt8(ascii: "="))
    /// Harbour's `^` (row version): a little-endian int64 Harbour bumps on every write
    /// (dbf1.c, HB_FT_ROWVER).
    public static let harbourRowVersion = FieldType.other(UInt8(ascii: "^"))
}
