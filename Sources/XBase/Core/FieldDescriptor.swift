/// VFP field flags (descriptor byte 18). Only meaningful for VFP tables (0x30–0x32).
public struct FieldFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Hidden system column such as `_NullFlags`.
    public static let system = FieldFlags(rawValue: 0x01)
    public static let nullable = FieldFlags(rawValue: 0x02)
    /// NOCPTRANS: bytes are not translated between code pages.
    public static let binary = FieldFlags(rawValue: 0x04)
    public static let autoIncrement = FieldFlags(rawValue: 0x08)
}

/// One column of a table, as described by its field descriptor.
public struct FieldDescriptor: Sendable, Hashable {
    /// The name as stored (trimmed at the first NUL), decoded byte-per-byte as Latin-1 so
    /// that unusual names survive; see `nameBytes` for the raw bytes.
    public var name: String
    public var nameBytes: [UInt8]
    public var type: FieldType
    /// Width on disk in bytes (for C fields over 255: already length + 256 × decimals).
    public var length: Int
    public var decimals: Int
    /// Offset of the field inside the record, the delete flag being byte 0.
    public var offset: Int
    public var flags: FieldFlags
    /// VFP autoincrement: the next value and the step (descriptor bytes 19–23).
    public var autoIncrementNext: UInt32
    public var autoIncrementStep: UInt8
    /// Bit index in `_NullFlags` of this field's NULL bit, when nullable (VFP).
    public var nullBit: Int?
    /// Bit index in `_NullFlags` of this V/Q field's "shorter than full width" bit.
    public var varLengthBit: Int?
    /// Whether the field's value is a pointer into the memo file (M G P W, and B in dBASE 7).
    public var isMemo: Bool
    /// Memo pointers stored as a 4-byte little-endian integer (VFP) rather than 10 ASCII digits.
    public var memoPointerIsBinary: Bool

    public init(name: String, type: FieldType, length: Int, decimals: Int = 0,
                offset: Int = 0, flags: FieldFlags = [], autoIncrementNext: UInt32 = 0,
                autoIncrementStep: UInt8 = 0) {
        self.name = name
        self.nameBytes = Array(name.utf8)
        self.type = type
        self.length = length
        self.decimals = decimals
        self.offset = offset
        self.flags = flags
        self.autoIncrementNext = autoIncrementNext
        self.autoIncrementStep = autoIncrementStep
        self.nullBit = nil
        self.varLengthBit = nil
        self.isMemo = type.isMemoLike
        self.memoPointerIsBinary = type.isMemoLike && length == 4
    }

    public var isNullable: Bool { flags.contains(.nullable) }
    public var isSystem: Bool { flags.contains(.system) || type == .nullFlags }
}
