import ResgateLocale
/// What a new table looks like: version byte, code page and columns. `DBFWriter` turns it
/// into a `TableHeader` (offsets, `_NullFlags`, header length) the way FoxPro lays it out.
public struct TableStructure: Sendable, Hashable {
    /// Header byte 0 (0x30/0x31/0x32 VFP, 0xF5 FoxPro 2 with memo, 0x03/0x83 dBASE III, 0x8B dBASE IV).
    public var version: UInt8
    public var codePage: CodePage
    /// Visible columns in order. Offsets are computed; give VFP flags (`.nullable`,
    /// `.binary`, `.autoIncrement`) and autoincrement next/step on the descriptors.
    public var fields: [FieldDescriptor]
    /// Memo block size; nil: VFP's default 64 for FPT, 512 for dBASE IV DBT (dBASE III
    /// DBT blocks are always 512).
    public var memoBlockSize: Int?

    public init(version: UInt8, codePage: CodePage, fields: [FieldDescriptor], memoBlockSize: Int? = nil) {
        self.version = version
        self.codePage = codePage
        self.fields = fields
        self.memoBlockSize = memoBlockSize
    }

    /// The header a writer starts from: offsets assigned, `_NullFlags` added when needed,
    /// header length with the 263-byte backlink for VFP.
    func makeHeader(file: String) throws(XBaseError) -> TableHeader {
        let dialect = Dialect.of(version: version)
        guard dialect != .dBaseII, dialect != .dBase7 else {
            throw .unsupported(file: file, reason: .writingVersion(version))
        }
        let isVFP = dialect == .visualFoxPro
        guard !fields.isEmpty else { throw .badHeader(file: file, reason: .needsAField) }
        var out: [FieldDescriptor] = []
        var offset = 1
        var names = Set<String>()
        for (i, var f) in fields.enumerated() {
            try Self.validate(f, index: i + 1, isVFP: isVFP, file: file)
            guard names.insert(f.name.uppercased()).inserted else {
                throw .badFieldDescriptor(file: file, field: i + 1, reason: .duplicateName(f.name))
            }
            if !isVFP { f.flags = []; f.autoIncrementNext = 0; f.autoIncrementStep = 0 }
            if f.flags.contains(.autoIncrement) && f.autoIncrementStep == 0 { f.autoIncrementStep = 1 }
            if f.flags.contains(.autoIncrement) && f.autoIncrementNext == 0 { f.autoIncrementNext = 1 }
            // VFP always declares Y as 8 bytes with 4 decimals (readers such as Perl's
            // XBase scale by the declared decimals)
            if f.type == .currency { f.decimals = 4 }
            // VFP marks binary-stored columns NOCPTRANS (I 0x04, autoincrement 0x0C, Y/B/T 0x04).
            if isVFP && [.integer, .double, .currency, .dateTime, .varbinary, .blob].contains(f.type) {
                f.flags.insert(.binary)
            }
            f.offset = offset
            f.isMemo = f.type.isMemoLike
            f.memoPointerIsBinary = f.isMemo && isVFP
            if f.isMemo { f.length = isVFP ? 4 : 10 }
            offset += f.length
            out.append(f)
        }
        if out.contains(where: { $0.isMemo }) && [0x03, 0x04, 0x43, 0x63].contains(version) {
            throw .badHeader(file: file, reason: .versionHasNoMemo(version: version))
        }
        let bits = TableHeader.nullBitCount(out)
        if isVFP && bits > 0 {
            var nf = FieldDescriptor(name: "_NullFlags", type: .nullFlags, length: (bits + 7) / 8,
                                     offset: offset, flags: [.system, .binary])
            nf.isMemo = false
            offset += nf.length
            out.append(nf)
        }
        guard offset <= 0xFFFF else { throw .badHeader(file: file, reason: .recordTooLong(offset)) }
        TableHeader.assignNullBits(&out)
        let headerLength = 32 + 32 * out.count + 1 + (isVFP ? 263 : 0)
        var flags: TableFlags = []
        if out.contains(where: { $0.isMemo }) && isVFP { flags.insert(.memo) }
        return TableHeader(version: version, lastUpdate: nil, recordCount: 0,
                           headerLength: headerLength, recordLength: offset, flags: flags,
                           codePageMark: codePage.mark ?? 0, fields: out,
                           backlink: isVFP ? [UInt8](repeating: 0, count: 263) : nil)
    }

    static func validate(_ f: FieldDescriptor, index: Int, isVFP: Bool, file: String) throws(XBaseError) {
        func bad(_ r: FieldRule) -> XBaseError { .badFieldDescriptor(file: file, field: index, reason: .rule(field: f.name, r)) }
        let nameBytes = Array(f.name.utf8)
        guard !nameBytes.isEmpty, nameBytes.count <= 10, nameBytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw bad(.nameForm)
        }
        switch f.type {
        case .character:
            guard f.length >= 1, f.length <= (isVFP ? 254 : 65535) else { throw bad(.characterLength(f.length)) }
        case .numeric, .float:
            guard f.length >= 1, f.length <= 20, f.decimals >= 0, f.decimals == 0 || f.decimals <= f.length - 2 else {
                throw bad(.numericWidth(width: f.length, decimals: f.decimals))
            }
        case .date: guard f.length == 8 else { throw bad(.dateWidth) }
        case .logical: guard f.length == 1 else { throw bad(.logicalWidth) }
        case .memo, .general, .picture: break
        case .integer: guard isVFP, f.length == 4 else { throw bad(.integerIsVFP) }
        case .double, .currency, .dateTime:
            guard isVFP, f.length == 8 else { throw bad(.eightByteVFP(type: "\(f.type)")) }
        case .varchar, .varbinary:
            guard isVFP, f.length >= 1, f.length <= 254 else { throw bad(.varLengthVFP) }
        case .blob: guard isVFP else { throw bad(.blobIsVFP) }
        default: throw bad(.cannotWrite(type: "\(f.type)"))
        }
        if !isVFP && !f.flags.isEmpty { throw bad(.flagsOnlyVFP) }
        if f.flags.contains(.autoIncrement) && f.type != .integer { throw bad(.autoIncrementOnlyInteger) }
    }
}

/// Serialises a `TableHeader` to the bytes a DBF starts with.
enum HeaderEncoder {
    /// Header bytes for `header`, `recordCount` and `date`. Keeps the template's header
    /// length (and so any padding after the terminator) when it is large enough.
    static func encode(_ header: TableHeader, recordCount: Int, date: DBFDate) -> [UInt8] {
        let isVFP = header.isVisualFoxPro
        let needed = 32 + 32 * header.fields.count + 1 + (isVFP ? 263 : 0)
        let length = max(needed, header.headerLength)
        var b = [UInt8](repeating: 0, count: length)
        b[0] = header.version
        let yy: Int
        switch header.dialect {
        case .visualFoxPro, .foxPro: yy = date.year % 100
        default: yy = date.year - 1900
        }
        b[1] = UInt8(clamping: yy); b[2] = UInt8(date.month); b[3] = UInt8(date.day)
        put32(&b, 4, UInt32(truncatingIfNeeded: recordCount))
        put16(&b, 8, UInt16(length))
        put16(&b, 10, UInt16(header.recordLength))
        b[28] = header.flags.rawValue
        b[29] = header.codePageMark
        var p = 32
        for f in header.fields {
            let name = f.nameBytes.isEmpty ? Array(f.name.utf8) : f.nameBytes
            for (i, c) in name.prefix(11).enumerated() { b[p + i] = c }
            b[p + 11] = f.type.byte
            if isVFP || header.dialect == .foxPro { put32(&b, p + 12, UInt32(f.offset)) }
            if f.type == .character && f.length > 255 {
                b[p + 16] = UInt8(f.length & 0xFF); b[p + 17] = UInt8(f.length >> 8)
            } else {
                b[p + 16] = UInt8(f.length); b[p + 17] = UInt8(f.decimals)
            }
            if isVFP {
                var flags = f.flags.rawValue
                if f.type == .nullFlags { flags = 0x05 }
                b[p + 18] = flags
                put32(&b, p + 19, f.autoIncrementNext)
                b[p + 23] = f.autoIncrementStep
            }
            p += 32
        }
        b[p] = 0x0D
        if isVFP, let back = header.backlink, back.count == 263 {
            b.replaceSubrange((length - 263)..<length, with: back)
        }
        return b
    }

    static func put16(_ b: inout [UInt8], _ i: Int, _ v: UInt16) {
        b[i] = UInt8(v & 0xFF); b[i + 1] = UInt8(v >> 8)
    }
    static func put32(_ b: inout [UInt8], _ i: Int, _ v: UInt32) {
        b[i] = UInt8(v & 0xFF); b[i + 1] = UInt8(v >> 8 & 0xFF)
        b[i + 2] = UInt8(v >> 16 & 0xFF); b[i + 3] = UInt8(v >> 24)
    }
}
