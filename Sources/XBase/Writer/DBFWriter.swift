import Foundation

/// Creates a DBF (and its FPT/DBT) and appends records to it, streaming.
///
/// The header is written first with a zero count and patched by `finish()` with the real
/// count, today's date and the autoincrement counters, so a crash mid-way leaves a file
/// whose count is 0 rather than one that claims records it lacks. Records go through one
/// preallocated record buffer into a 1 MB output buffer: appending allocates nothing
/// except for memo text.
///
/// Usage: `let w = try DBFWriter(path:structure:)`, `try w.append(values)` per record,
/// `try w.finish()` (and `sync()` before relying on the bytes being on disk).
public final class DBFWriter {
    public let path: String
    /// The layout being written (offsets, `_NullFlags`, flags, code page mark).
    public private(set) var header: TableHeader
    public let codePage: CodePage
    /// The visible fields, in the order `append(_:deleted:)` expects values.
    public let fields: [FieldDescriptor]
    /// Path of the memo file, when the table has memo fields.
    public let memoPath: String?
    /// Records appended so far.
    public internal(set) var recordCount = 0
    /// Largest value written so far to each autoincrement field (by name), so a caller
    /// can move the table's counter forward; see also `autoIncrementNext`.
    public private(set) var autoIncrementMaximum: [String: Int64] = [:]

    // internal, not private: `DBFWriter+Fields.swift` builds records field by field in them
    let dbf: OutputFile
    let memo: MemoWriter?
    let encoder: FieldEncoder
    let slots: [FieldSlot]
    let record: UnsafeMutableRawBufferPointer
    let nullOffset: Int?
    let nullLength: Int
    let autoIncrementIndexes: [Int]
    var finished = false
    /// Sees every record `append(_:deleted:)` and `commitRecord()` are about to write and may
    /// have another one written in its place (`restore --merge`); nil: every record as built.
    /// `append(raw:memoSource:)` does not ask it.
    public var gate: (any DBFRecordGate)?

    /// A new table laid out from `structure`.
    public convenience init(path: String, structure: TableStructure) throws(XBaseError) {
        let h = try structure.makeHeader(file: path)
        let format: MemoFormat? = h.hasMemoFields ? Self.memoFormat(version: h.version, blockSize: structure.memoBlockSize) : nil
        try self.init(path: path, header: h, codePage: structure.codePage, memoFormat: format)
    }

    /// A new, empty table with the same layout as `template` (version, flags, code page
    /// mark, backlink, field flags and offsets, autoincrement state, `_NullFlags`,
    /// record and header length). `memoBlockSize` should be the original memo file's
    /// (nil: 64 for FPT, 512 for DBT).
    /// `codePage` defaults to the one the template's mark names (cp1252 when unknown).
    /// The flags byte is kept as is: when it claims a structural CDX (0x01) the caller
    /// must copy or rebuild that index, or clear the flag in the template it passes.
    public convenience init(path: String, template: TableHeader, codePage: CodePage? = nil,
                            memoBlockSize: Int? = nil) throws(XBaseError) {
        guard template.dialect != .dBaseII, template.dialect != .dBase7 else {
            throw .unsupported(file: path, reason: .writingVersion(template.version))
        }
        var h = template
        h.recordCount = 0
        h.notes = []
        if h.isVisualFoxPro && h.backlink?.count != 263 { h.backlink = [UInt8](repeating: 0, count: 263) }
        for f in h.fields where f.offset + f.length > h.recordLength || f.offset < 1 {
            throw .badHeader(file: path, reason: .templateFieldOutside(field: f.name))
        }
        let format: MemoFormat? = h.hasMemoFields ? Self.memoFormat(version: h.version, blockSize: memoBlockSize) : nil
        try self.init(path: path, header: h, codePage: codePage ?? CodePage.forMark(h.codePageMark) ?? .cp1252,
                      memoFormat: format)
    }

    init(path: String, header: TableHeader, codePage: CodePage, memoFormat: MemoFormat?) throws(XBaseError) {
        self.path = path
        self.header = header
        self.codePage = codePage
        self.fields = header.visibleFields
        encoder = FieldEncoder(codePage: codePage, file: path, names: header.visibleFields.map(\.name))
        slots = header.visibleFields.enumerated().map { FieldSlot($1, index: $0) }
        let nf = header.nullFlagsField
        nullOffset = nf?.offset
        nullLength = nf?.length ?? 0
        let visible = header.visibleFields
        autoIncrementIndexes = visible.indices.filter { visible[$0].flags.contains(.autoIncrement) && visible[$0].type == .integer }
        if let memoFormat {
            let mp = Self.companionPath(path, ext: memoFormat.fileExtension)
            memoPath = mp
            memo = try MemoWriter(path: mp, format: memoFormat)
        } else {
            memoPath = nil
            memo = nil
        }
        dbf = try OutputFile(path: path, writeBehind: true)
        record = .allocate(byteCount: header.recordLength, alignment: 8)
        try dbf.append(HeaderEncoder.encode(header, recordCount: 0, date: Self.today()))
    }

    deinit { record.deallocate() }

    /// The memo format a version byte implies (FPT for FoxPro/VFP, DBT otherwise);
    /// nil block size: VFP's default 64 for FPT, 512 for DBT.
    public static func memoFormat(version: UInt8, blockSize: Int?) -> MemoFormat {
        switch Dialect.of(version: version) {
        case .visualFoxPro, .foxPro: .fpt(blockSize: blockSize ?? 64)
        case .dBaseIV, .dBase7: .dbtIV(blockSize: blockSize ?? 512)
        default: .dbtIII
        }
    }

    /// `base.dbf` → `base.fpt`, keeping the case style of the table's extension.
    static func companionPath(_ path: String, ext: String) -> String {
        let url = URL(fileURLWithPath: path)
        let oldExt = url.pathExtension
        let upper = !oldExt.isEmpty && oldExt == oldExt.uppercased()
        return url.deletingPathExtension().appendingPathExtension(upper ? ext.uppercased() : ext).path
    }

    // MARK: appending

    /// Appends one record. `values` holds one value per visible field, in order
    /// (`fields`); `_NullFlags` is computed. Nothing is written when a value fails.
    public func append(_ values: [DBFValue], deleted: Bool = false) throws(XBaseError) {
        guard !finished else { throw .io(file: path, reason: .appendAfterFinish) }
        let number = recordCount + 1
        guard values.count == fields.count else {
            throw .cannotEncode(file: path, record: number, field: "*",
                                reason: .valueCount(values: values.count, fields: fields.count))
        }
        record.initializeMemory(as: UInt8.self, repeating: 0x20)
        record[0] = deleted ? 0x2A : 0x20
        if let o = nullOffset { for i in o..<(o + nullLength) { record[i] = 0 } }
        for i in slots.indices {
            try encoder.encode(values[i], field: slots[i], into: record, record: number,
                               nullOffset: nullOffset, memo: memo)
        }
        for i in autoIncrementIndexes { if case .integer(let v) = values[i] { noteAutoIncrement(i, v) } }
        if try replaceThroughGate() { return }
        try dbf.append(UnsafeRawBufferPointer(record))
        recordCount = number
    }

    /// Asks `gate` about the record built in `record`; when it hands a replacement, that is
    /// written instead (memos re-targeted as `append(raw:memoSource:)` does) and true returned.
    func replaceThroughGate() throws(XBaseError) -> Bool {
        guard let gate, let other = try gate.replacement(for: UnsafeRawBufferPointer(record)) else { return false }
        try append(raw: other) { (f, block) throws(XBaseError) in try gate.replacementMemo(field: f, block: block) }
        return true
    }

    /// Fast path: appends a record already in this table's layout (same record length),
    /// e.g. copied from the source table. Memo pointers are re-targeted: `memoSource`
    /// receives the field and the source pointer and returns the memo's bytes and type;
    /// without it, a record with a non-empty memo pointer is refused.
    public func append(raw: UnsafeRawBufferPointer,
                       memoSource: ((FieldDescriptor, UInt32) throws(XBaseError) -> ([UInt8], MemoBlockType))? = nil) throws(XBaseError) {
        guard !finished else { throw .io(file: path, reason: .appendAfterFinish) }
        let number = recordCount + 1
        guard raw.count == header.recordLength else {
            throw .cannotEncode(file: path, record: number, field: "*",
                                reason: .rawLength(bytes: raw.count, recordLength: header.recordLength))
        }
        guard memo != nil else {
            try dbf.append(raw)
            try trackRawAutoIncrement(raw)
            recordCount = number
            return
        }
        record.copyMemory(from: raw)
        for (i, f) in fields.enumerated() where f.isMemo {
            let slot = UnsafeMutableRawBufferPointer(rebasing: record[f.offset..<(f.offset + f.length)])
            guard let pointer = MemoPointer.read(UnsafeRawBufferPointer(slot), binary: f.memoPointerIsBinary), pointer != 0 else {
                encoder.writeBlank(slots[i], slot); continue
            }
            guard let memoSource else {
                throw .cannotEncode(file: path, record: number, field: f.name,
                                    reason: .memoPointerWithoutSource(pointer))
            }
            let (bytes, type) = try memoSource(f, pointer)
            let block = try withBytes(bytes) { (p) throws(XBaseError) in try memo!.append(p, type: type) }
            if f.memoPointerIsBinary { storeLE32(block, slot, 0) } else {
                slot.initializeMemory(as: UInt8.self, repeating: 0x20)
                var v = Int(block), i = slot.count - 1
                repeat { slot[i] = UInt8(48 + v % 10); v /= 10; i -= 1 } while v > 0 && i >= 0
            }
        }
        try dbf.append(UnsafeRawBufferPointer(record))
        try trackRawAutoIncrement(UnsafeRawBufferPointer(record))
        recordCount = number
    }

    func trackRawAutoIncrement(_ raw: UnsafeRawBufferPointer) throws(XBaseError) {
        for i in autoIncrementIndexes {
            let o = fields[i].offset
            let v = UInt32(raw[o]) | UInt32(raw[o + 1]) << 8 | UInt32(raw[o + 2]) << 16 | UInt32(raw[o + 3]) << 24
            noteAutoIncrement(i, Int64(Int32(bitPattern: v)))
        }
    }

    func noteAutoIncrement(_ index: Int, _ v: Int64) {
        let name = fields[index].name
        if let m = autoIncrementMaximum[name], m >= v { return }
        autoIncrementMaximum[name] = v
    }

    // MARK: autoincrement counters

    /// The counter `finish()` will store for an autoincrement field: the template's next
    /// value, moved past the largest value written (never backwards).
    public func autoIncrementNext(field name: String) -> UInt32? {
        guard let f = header.fields.first(where: { $0.name == name && $0.flags.contains(.autoIncrement) }) else { return nil }
        let step = Int64(max(1, f.autoIncrementStep))
        var next = Int64(f.autoIncrementNext)
        if let m = autoIncrementMaximum[name], m + step > next { next = m + step }
        return UInt32(clamping: next)
    }

    /// Moves a counter forward to `value` (ignored when it would go backwards).
    public func advanceAutoIncrement(field name: String, to value: UInt32) {
        for i in header.fields.indices where header.fields[i].name == name {
            if value > header.fields[i].autoIncrementNext { header.fields[i].autoIncrementNext = value }
        }
    }

    // MARK: finishing

    /// Writes EOF, the final header (count, date, counters) and the memo header, and
    /// closes the files. Call `sync()` before if the bytes must be durable.
    public func finish(date: DBFDate? = nil) throws(XBaseError) {
        try complete(date: date, durably: false)
    }

    /// Durable flush: `fsync` of the DBF and the memo file. After `finish()` it is a no-op
    /// on closed files, so call it before `finish()` or use `finishAndSync()`.
    public func sync() throws(XBaseError) {
        guard !finished else { return }
        try dbf.sync()
        try memo?.file.sync()
    }

    /// `finish()` with both files forced to disk before they are closed.
    public func finishAndSync(date: DBFDate? = nil) throws(XBaseError) {
        try complete(date: date, durably: true)
    }

    private func complete(date: DBFDate?, durably: Bool) throws(XBaseError) {
        guard !finished else { return }
        try dbf.append([0x1A])
        for i in header.fields.indices where header.fields[i].flags.contains(.autoIncrement) {
            if let n = autoIncrementNext(field: header.fields[i].name) { header.fields[i].autoIncrementNext = n }
        }
        header.recordCount = recordCount
        try dbf.patch(at: 0, HeaderEncoder.encode(header, recordCount: recordCount, date: date ?? Self.today()))
        try memo?.finish()
        if durably {
            try dbf.sync()
            try memo?.file.sync()
        }
        finished = true
        try dbf.close()
        try memo?.file.close()
    }

    static func today() -> DBFDate {
        let c = Calendar(identifier: .gregorian).dateComponents(in: .current, from: Date())
        return DBFDate(year: c.year ?? 2000, month: c.month ?? 1, day: c.day ?? 1)
    }
}

/// Reading a memo pointer from its field bytes (4-byte LE or 10 ASCII digits).
enum MemoPointer {
    /// nil when the bytes are neither blank nor a number.
    static func read(_ b: UnsafeRawBufferPointer, binary: Bool) -> UInt32? {
        if binary && b.count == 4 {
            return UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24
        }
        var v: UInt64 = 0
        var seen = false
        for c in b {
            if c == 0x20 || c == 0 { if seen { return nil }; continue }
            guard c >= 48, c <= 57 else { return nil }
            v = v * 10 + UInt64(c - 48)
            guard v <= UInt64(UInt32.max) else { return nil }
            seen = true
        }
        return UInt32(v)
    }
}
