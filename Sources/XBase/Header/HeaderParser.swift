import ResgateLocale
/// Reads a `TableHeader` from the first bytes of a DBF file.
public enum HeaderParser {
    /// Parses a header. `bytes` must hold the whole header (use `requiredLength` first);
    /// `fileSize` lets the parser pick between readings that the bytes alone leave open.
    public static func parse(_ bytes: [UInt8], file: String, fileSize: Int? = nil) throws(XBaseError) -> TableHeader {
        guard bytes.count >= 32 else { throw .notADBF(file: file, reason: .shorterThanHeader(fileSize: bytes.count)) }
        switch bytes[0] {
        case 0x02: return try parseDBaseII(bytes, file: file)
        case 0x04, 0x8C: return try parseDBase7(bytes, file: file)
        default: return try parseStandard(bytes, file: file, fileSize: fileSize)
        }
    }

    /// How many bytes to read before calling `parse`.
    public static func requiredLength(firstBytes b: [UInt8]) -> Int {
        guard b.count >= 12 else { return 32 }
        if b[0] == 0x02 { return 521 }
        return max(32, Int(le16(b, 8)))
    }

    // MARK: dBASE III, IV, 5, FoxPro, Visual FoxPro

    static func parseStandard(_ b: [UInt8], file: String, fileSize: Int?) throws(XBaseError) -> TableHeader {
        let version = b[0]
        let dialect = Dialect.of(version: version)
        let count = Int(le32(b, 4))
        let headerLength = Int(le16(b, 8))
        var recordLength = Int(le16(b, 10))
        var notes: [HeaderNote] = []
        guard headerLength >= 33 else { throw .badHeader(file: file, reason: .headerLengthTooSmall(headerLength)) }
        guard recordLength >= 1 else { throw .badHeader(file: file, reason: .recordLengthZero) }
        guard b.count >= min(headerLength, b.count) else { throw .badHeader(file: file, reason: .truncated) }
        let end = min(headerLength, b.count)
        let isVFP = dialect == .visualFoxPro
        // Descriptors end at the 0x0D terminator, found wherever it is: some programs write
        // VFP tables without the 263-byte backlink (header 32 + 32n + 1). Without one, a VFP
        // table's descriptors stop where the backlink would start; 0x0A/0x00 in the wild.
        let terminatorAt = stride(from: 32, to: end, by: 32).first { b[$0] == 0x0D }
        let descriptorLimit = terminatorAt.map { $0 + 1 } ?? (isVFP ? max(32, end - 263) : end)
        var fields: [FieldDescriptor] = []
        var pos = 32
        var offset = 1
        var terminated = false
        while pos < descriptorLimit {
            let first = b[pos]
            if first == 0x0D { terminated = true; break }
            if first == 0x0A || first == 0x00 {
                notes.append(.terminator(first))
                terminated = true; break
            }
            guard pos + 32 <= end else {
                notes.append(.lastDescriptorCut); break
            }
            fields.append(try descriptor(b, at: pos, index: fields.count + 1, offset: &offset,
                                         isVFP: isVFP, recordLength: recordLength, file: file))
            pos += 32
        }
        if !terminated { notes.append(.noTerminator) }
        if fields.isEmpty {
            // zero fields and a file that holds records: every value would be lost silently
            if recordLength > 1 {
                throw .badHeader(file: file, reason: .noDescriptorBeforeTerminator(records: count, recordLength: recordLength))
            }
            notes.append(.noFields)
        }
        let sum = fields.reduce(1) { $0 + $1.length }
        if sum != recordLength {
            notes.append(.recordLengthDiffers(header: recordLength, fields: sum))
            // Trap 4: the header's record length is the stride, unless the file size shows
            // the records were written at the fields' total (dbase-rs stations_with_deleted).
            if let size = fileSize, count > 0 {
                let fits: (Int) -> Bool = { stride in
                    let end = headerLength + count * stride
                    return end == size || end + 1 == size
                }
                if !fits(recordLength) && fits(sum) {
                    notes.append(.recordsApart(fields: sum, header: recordLength))
                    recordLength = sum
                }
            }
        }
        // a field running past the stride is cut to what the record holds (as dbfread
        // reads it); one starting past it cannot be read at all
        for i in fields.indices where fields[i].offset + fields[i].length > recordLength {
            let f = fields[i]
            guard f.offset < recordLength else {
                throw .badFieldDescriptor(file: file, field: i + 1,
                                          reason: .startsPastRecord(name: f.name, offset: f.offset, recordLength: recordLength))
            }
            notes.append(.fieldCut(name: f.name, end: f.offset + f.length, recordLength: recordLength, cutTo: recordLength - f.offset))
            fields[i].length = recordLength - f.offset
        }
        // VFP offsets are stored: two fields sharing bytes means the header lies about the
        // records (every value of both would be misread)
        let placed = fields.filter { !$0.isSystem }.sorted { $0.offset < $1.offset }
        for (a, z) in zip(placed, placed.dropFirst()) where a.offset + a.length > z.offset {
            notes.append(.fieldOverlaps(name: z.name, offset: z.offset, inside: a.name, from: a.offset, to: a.offset + a.length - 1))
        }
        var backlink: [UInt8]? = nil
        if isVFP {
            let start = headerLength - 263
            if start >= 32 + 32 * fields.count + 1 && headerLength <= b.count {
                backlink = Array(b[start..<headerLength])
            } else if headerLength == 32 + 32 * fields.count + 1 {
                notes.append(.noBacklink)
            } else {
                notes.append(.backlinkDoesNotFit)
            }
        }
        TableHeader.assignNullBits(&fields)
        return TableHeader(version: version, lastUpdate: headerDate(b[1], b[2], b[3]),
                           recordCount: count, headerLength: headerLength,
                           recordLength: recordLength, flags: TableFlags(rawValue: b[28]),
                           codePageMark: b[29], fields: fields, backlink: backlink, notes: notes)
    }

    static func descriptor(_ b: [UInt8], at p: Int, index: Int, offset: inout Int, isVFP: Bool,
                           recordLength: Int, file: String) throws(XBaseError) -> FieldDescriptor {
        let nameBytes = Array(b[p..<(p + 11)].prefix { $0 != 0 })
        let type = FieldType(byte: b[p + 11])
        var length = Int(b[p + 16])
        var decimals = Int(b[p + 17])
        if type == .character && decimals > 0 {
            // Clipper/FoxPro long C fields: length + 256 × decimals. Excel writes junk
            // decimals on C fields, so keep the reading that still fits the record.
            let long = length + 256 * decimals
            if offset + long <= recordLength { length = long }
            decimals = 0
        }
        let stored = Int(le32(b, p + 12))
        let fieldOffset = (isVFP && stored > 0 && stored + length <= recordLength) ? stored : offset
        var d = FieldDescriptor(name: latin1(nameBytes), type: type, length: length,
                                decimals: decimals, offset: fieldOffset,
                                flags: isVFP ? FieldFlags(rawValue: b[p + 18]) : [],
                                autoIncrementNext: isVFP ? le32(b, p + 19) : 0,
                                autoIncrementStep: isVFP ? b[p + 23] : 0)
        d.nameBytes = nameBytes
        if type == .double && !isVFP && length == 10 { d.isMemo = true }
        d.memoPointerIsBinary = d.isMemo && length == 4
        if nameBytes.isEmpty && type == .other(0) {
            throw .badFieldDescriptor(file: file, field: index, reason: .empty)
        }
        if let why = DescriptorCheck.problem(name: nameBytes, typeByte: b[p + 11], raw: b[p..<(p + 11)]) {
            throw .badFieldDescriptor(file: file, field: index, reason: why)
        }
        offset = fieldOffset + length
        return d
    }

    // MARK: dBASE II

    static func parseDBaseII(_ b: [UInt8], file: String) throws(XBaseError) -> TableHeader {
        guard b.count >= 521 else { throw .badHeader(file: file, reason: .dBase2TooShort) }
        let count = Int(le16(b, 1))
        let recordLength = Int(le16(b, 6))
        // a damaged table whose version byte reads 0x02 lands here: every reader divides by it
        guard recordLength >= 1 else { throw .badHeader(file: file, reason: .recordLengthZero) }
        var fields: [FieldDescriptor] = []
        var pos = 8
        var offset = 1
        while pos + 16 <= 520 && b[pos] != 0x0D {
            let nameBytes = Array(b[pos..<(pos + 11)].prefix { $0 != 0 })
            let type = FieldType(byte: b[pos + 11])
            let length = Int(b[pos + 12])
            var d = FieldDescriptor(name: latin1(nameBytes), type: type, length: length,
                                    decimals: Int(b[pos + 15]), offset: offset)
            d.nameBytes = nameBytes
            fields.append(d)
            offset += length
            pos += 16
        }
        guard !fields.isEmpty else { throw .badHeader(file: file, reason: .noFieldDescriptors) }
        let yy = Int(b[5])
        let date = DBFDate(year: 1900 + yy, month: Int(b[3]), day: Int(b[4]))
        return TableHeader(version: 0x02, lastUpdate: date.isValid ? date : nil,
                           recordCount: count, headerLength: 521, recordLength: recordLength,
                           flags: [], codePageMark: 0, fields: fields, backlink: nil)
    }

    // MARK: dBASE 7

    static func parseDBase7(_ b: [UInt8], file: String) throws(XBaseError) -> TableHeader {
        let count = Int(le32(b, 4))
        let headerLength = Int(le16(b, 8))
        let recordLength = Int(le16(b, 10))
        guard recordLength >= 1 else { throw .badHeader(file: file, reason: .recordLengthZero) }
        var fields: [FieldDescriptor] = []
        var pos = 68
        var offset = 1
        let end = min(headerLength, b.count)
        while pos + 48 <= end && b[pos] != 0x0D {
            let nameBytes = Array(b[pos..<(pos + 32)].prefix { $0 != 0 })
            let type = FieldType(byte: b[pos + 32])
            let length = Int(b[pos + 33])
            var d = FieldDescriptor(name: latin1(nameBytes), type: type, length: length,
                                    decimals: Int(b[pos + 34]), offset: offset)
            d.nameBytes = nameBytes
            if type == .double { d.isMemo = true }
            d.memoPointerIsBinary = false
            fields.append(d)
            offset += length
            pos += 48
        }
        guard !fields.isEmpty else { throw .badHeader(file: file, reason: .noFieldDescriptors) }
        return TableHeader(version: b[0], lastUpdate: headerDate(b[1], b[2], b[3]),
                           recordCount: count, headerLength: headerLength,
                           recordLength: recordLength, flags: TableFlags(rawValue: b[28]),
                           codePageMark: b[29], fields: fields, backlink: nil)
    }

    // MARK: helpers

    static func headerDate(_ yy: UInt8, _ mm: UInt8, _ dd: UInt8) -> DBFDate? {
        let y = Int(yy)
        let year = y > 99 ? 1900 + y : (y < 80 ? 2000 + y : 1900 + y)
        let d = DBFDate(year: year, month: Int(mm), day: Int(dd))
        return d.isValid ? d : nil
    }
}

@inline(__always) func le16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
@inline(__always) func le32(_ b: [UInt8], _ i: Int) -> UInt32 {
    UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
}
func latin1(_ bytes: [UInt8]) -> String {
    var s = String.UnicodeScalarView()
    for b in bytes { s.append(Unicode.Scalar(b)) }
    return String(s)
}
