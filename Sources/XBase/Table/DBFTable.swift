import ResgateLocale
/// An open DBF table: its header, its memo file, and streaming access to its records.
///
/// Reading never trusts the header's record count alone (trap 1 of the format brief): the
/// number of records read is the smaller of the header's count and what the file size
/// holds, and any disagreement is in `openNotes`.
public final class DBFTable: @unchecked Sendable {
    public let path: String
    public let header: TableHeader
    /// The fields a person sees (no `_NullFlags`).
    public let fields: [FieldDescriptor]
    /// The code page used to decode text: the caller's override, else the header's mark,
    /// else Windows-1252 (see `codePageWasGuessed`).
    public let codePage: CodePage
    /// True when the mark was 0x00 or unknown and `codePage` is the default.
    public let codePageWasGuessed: Bool
    public let memo: MemoFile?
    /// Set when the header has memo fields but no memo file could be opened.
    public let memoProblem: XBaseError?
    public let fileSize: Int
    /// Records that can be read: min(header count, whole records in the file).
    public let recordCount: Int
    /// Findings at open time (header notes, count vs size, memo file problems).
    public let openNotes: [HeaderNote]
    let reader: FileHandleReader
    let nullFlags: FieldDescriptor?
    /// Per-field decoding plans and the text decoder used by every `DBFRecord`.
    let slotTable: SlotTable

    /// The position in `fields` that `DBFRecord.value(_:)` decodes `field` at, when it is
    /// one of this table's visible fields (`value(at:)` of it is then `value(field)`).
    public func position(of field: FieldDescriptor) -> Int? {
        slotTable.context.pointee.index(of: field)
    }

    /// Opens a table. `codePage` overrides the header's code page mark.
    public static func open(path: String, codePage: CodePage? = nil) throws(XBaseError) -> DBFTable {
        try DBFTable(path: path, codePage: codePage)
    }

    init(path: String, codePage override: CodePage?) throws(XBaseError) {
        self.path = path
        reader = try FileHandleReader(path: path)
        fileSize = reader.size
        let first = try reader.bytes(at: 0, count: 32)
        guard first.count >= 32 else {
            throw .notADBF(file: path, reason: .shorterThanHeader(fileSize: first.count))
        }
        let need = HeaderParser.requiredLength(firstBytes: first)
        let headerBytes = try reader.bytes(at: 0, count: need)
        var h = try HeaderParser.parse(headerBytes, file: path, fileSize: fileSize)
        var notes = h.notes
        if headerBytes.count < h.headerLength {
            throw .badHeader(file: path, reason: .shorterThanHeaderLength(fileSize: fileSize, headerLength: h.headerLength))
        }
        let room = max(0, fileSize - h.headerLength) / h.recordLength
        if room < h.recordCount {
            notes.append(.countAboveFile(header: h.recordCount, holds: room))
        } else if room > h.recordCount {
            let extra = fileSize - h.headerLength - h.recordCount * h.recordLength
            // one trailing 0x1A is normal; more whole records than the count is not
            if extra >= h.recordLength {
                notes.append(.countBelowRoom(header: h.recordCount, room: room))
            }
        }
        recordCount = min(room, h.recordCount)
        if let cp = override {
            codePage = cp; codePageWasGuessed = false
        } else if let cp = CodePage.forMark(h.codePageMark) {
            codePage = cp; codePageWasGuessed = false
        } else {
            codePage = .cp1252; codePageWasGuessed = true
        }
        // names with non-ASCII bytes are in the table's code page (javadbf gbk.dbf)
        for i in h.fields.indices where h.fields[i].nameBytes.contains(where: { $0 >= 0x80 }) {
            h.fields[i].name = codePage.decode(h.fields[i].nameBytes)
        }
        h.notes = notes
        header = h
        fields = h.visibleFields
        nullFlags = h.nullFlagsField
        if h.hasMemoFields {
            if let found = MemoFile.locate(besides: path, dialect: h.dialect) {
                do {
                    memo = try MemoFile(path: found.path, kind: found.kind)
                    memoProblem = nil
                } catch {
                    memo = nil; memoProblem = error
                    notes.append(.memoFileUnusable(error))
                }
            } else {
                memo = nil
                let expected = stripExtension(path) + (h.dialect == .foxPro || h.dialect == .visualFoxPro ? ".FPT" : ".DBT")
                memoProblem = .missingMemoFile(file: path, expected: expected)
                notes.append(.memoFileMissing(expected: expected))
            }
        } else {
            memo = nil; memoProblem = nil
        }
        openNotes = notes
        slotTable = SlotTable(fields: h.visibleFields, nullFlags: h.nullFlagsField,
                              recordLength: h.recordLength, dialect: h.dialect,
                              codePage: override ?? CodePage.forMark(h.codePageMark) ?? .cp1252)
    }

    /// Byte offset of record `index` (0-based).
    @inline(__always) func offset(of index: Int) -> Int { header.headerLength + index * header.recordLength }

    /// Calls `body` for every readable record in file order, reading ~1 MB at a time into
    /// one reused buffer: no allocation per record. The record is only valid inside `body`.
    public func forEachRecord(from start: Int = 0,
                              _ body: (DBFRecord) throws -> Void) throws {
        let perChunk = max(1, (1 << 20) / header.recordLength)
        let chunks = RecordChunkReader(table: self, recordsPerChunk: perChunk)
        // records point into the reader's buffer and memo cursor: keep it alive throughout
        try withExtendedLifetime(chunks) {
            var index = start
            while index < recordCount {
                let n = min(perChunk, recordCount - index)
                let whole = try chunks.read(index..<(index + n))
                for i in 0..<whole { try body(chunks.record(i)) }
                if whole < n { break }
                index += n
            }
        }
    }

    /// Decoded values of the record at `index` (0-based), with its deleted flag.
    public func values(at index: Int) throws -> (deleted: Bool, values: [DBFValue]) {
        try withRecord(at: index) { rec in
            var values: [DBFValue] = []
            try rec.decodeValues(into: &values)
            return (rec.isDeleted, values)
        }
    }

    /// Calls `body` with the record at `index` (0-based); the record is valid only inside.
    public func withRecord<T>(at index: Int, _ body: (DBFRecord) throws -> T) throws -> T {
        guard index >= 0 && index < recordCount else {
            throw XBaseError.invalidValue(file: path, record: index + 1, field: "-", reason: .noSuchRecord)
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: header.recordLength, alignment: 8)
        defer { buffer.deallocate() }
        _ = try reader.read(into: buffer, at: offset(of: index))
        return try body(DBFRecord(table: self, index: index, bytes: UnsafeRawBufferPointer(buffer)))
    }

    /// Reads raw bytes of the file (e.g. for copying a header).
    public func rawBytes(at offset: Int, count: Int) throws(XBaseError) -> [UInt8] {
        try reader.bytes(at: offset, count: count)
    }

    /// The field named `name` (case-insensitive).
    public func field(named name: String) -> FieldDescriptor? {
        let u = name.uppercased()
        return fields.first { $0.name.uppercased() == u }
    }
}
