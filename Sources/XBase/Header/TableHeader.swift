import ResgateLocale
/// Everything a DBF header says: layout, counts, flags, code page and the fields.
///
/// Parsed leniently: a real file whose count disagrees with its size, whose terminator is
/// missing or whose record length disagrees with its fields is still read, and the
/// disagreement is kept in `notes` for the health check to report.
public struct TableHeader: Sendable, Hashable {
    public var version: UInt8
    /// Header bytes 1–3 (YY>99 means 1900+YY; else VFP's year mod 100, read as 20YY when < 80).
    public var lastUpdate: DBFDate?
    /// Record count as the header states it (may disagree with the file size).
    public var recordCount: Int
    /// Offset of the first record.
    public var headerLength: Int
    /// Record stride including the delete-flag byte.
    public var recordLength: Int
    public var flags: TableFlags
    /// Header byte 29.
    public var codePageMark: UInt8
    /// Every field in order, the hidden `_NullFlags` included.
    public var fields: [FieldDescriptor]
    /// VFP's 263-byte DBC backlink (zeros for a free table); nil for other dialects.
    public var backlink: [UInt8]?
    /// Findings while parsing that do not stop reading (for the health check).
    public var notes: [HeaderNote]

    public init(version: UInt8, lastUpdate: DBFDate?, recordCount: Int, headerLength: Int,
                recordLength: Int, flags: TableFlags, codePageMark: UInt8,
                fields: [FieldDescriptor], backlink: [UInt8]?, notes: [HeaderNote] = []) {
        self.version = version
        self.lastUpdate = lastUpdate
        self.recordCount = recordCount
        self.headerLength = headerLength
        self.recordLength = recordLength
        self.flags = flags
        self.codePageMark = codePageMark
        self.fields = fields
        self.backlink = backlink
        self.notes = notes
    }

    public var dialect: Dialect { Dialect.of(version: version) }
    public var isVisualFoxPro: Bool { dialect == .visualFoxPro }
    /// The fields a person sees (no `_NullFlags` or other system columns).
    public var visibleFields: [FieldDescriptor] { fields.filter { !$0.isSystem } }
    /// The hidden `_NullFlags` column, when the table has nullable or V/Q fields.
    public var nullFlagsField: FieldDescriptor? { fields.first { $0.type == .nullFlags } }
    public var hasMemoFields: Bool { fields.contains { $0.isMemo } }

    /// Assigns `_NullFlags` bits in field order: a V/Q field first gets its length bit,
    /// then any nullable field its null bit (Harbour's dbf1.c order, checked on go-dbase's
    /// TEST.DBF).
    public static func assignNullBits(_ fields: inout [FieldDescriptor]) {
        var bit = 0
        for i in fields.indices where !fields[i].isSystem {
            fields[i].nullBit = nil
            fields[i].varLengthBit = nil
            if fields[i].type == .varchar || fields[i].type == .varbinary {
                fields[i].varLengthBit = bit; bit += 1
            }
            if fields[i].isNullable { fields[i].nullBit = bit; bit += 1 }
        }
    }

    /// Number of `_NullFlags` bits the fields need.
    public static func nullBitCount(_ fields: [FieldDescriptor]) -> Int {
        fields.reduce(0) { n, f in
            guard !f.isSystem else { return n }
            return n + ((f.type == .varchar || f.type == .varbinary) ? 1 : 0) + (f.isNullable ? 1 : 0)
        }
    }
}
