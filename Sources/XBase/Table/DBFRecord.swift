import ResgateLocale
/// One record of a table, viewed in place in the table's read buffer.
///
/// A `DBFRecord` is only valid inside the `forEachRecord` closure that gave it. Values are
/// decoded on demand, so a pass that looks at two fields never pays for twenty.
///
/// The record carries plain pointers to its table's precomputed `DecodeSlot`s and text
/// decoder (no reference counting per value): `value(at:)` is the fast path by field
/// position; `value(_:)` finds the slot of a descriptor and takes the same path.
public struct DBFRecord {
    unowned(unsafe) let table: DBFTable
    /// 0-based position in the file.
    public let index: Int
    /// The record's bytes, delete flag first.
    public let bytes: UnsafeRawBufferPointer
    /// The table's slots (owned by the table, which outlives every record it hands out).
    let context: UnsafePointer<DecodingContext>
    /// Read-ahead over the memo file during a `forEachRecord` pass (nil elsewhere); not
    /// counted, the pass keeps it alive.
    let memoCursor: Unmanaged<MemoCursor>?
    /// Long C texts kept for reuse during a `forEachRecord` pass (nil elsewhere); owned
    /// by the pass.
    let repeated: UnsafeMutablePointer<RepeatedText>?

    init(table: DBFTable, index: Int, bytes: UnsafeRawBufferPointer, memoCursor: MemoCursor? = nil,
         repeated: UnsafeMutablePointer<RepeatedText>? = nil) {
        self.table = table
        self.index = index
        self.bytes = bytes
        self.context = UnsafePointer(table.slotTable.context)
        self.memoCursor = memoCursor.map { Unmanaged.passUnretained($0) }
        self.repeated = repeated
    }

    /// 1-based record number, as FoxPro's RECNO().
    public var number: Int { index + 1 }
    public var deleteFlag: UInt8 { bytes[0] }
    /// 0x2A marks a deleted record; anything else (0x20, and the 0x00 of some writers) is live.
    public var isDeleted: Bool { bytes[0] == 0x2A }

    /// The field's raw bytes.
    @inline(__always)
    public func raw(_ field: FieldDescriptor) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[field.offset..<(field.offset + field.length)])
    }

    /// Whether `_NullFlags` has `bit` set.
    @inline(__always)
    func flagBit(_ bit: Int) -> Bool {
        guard bit >= 0, bit / 8 < context.pointee.nullFlagsLength else { return false }
        return bytes[context.pointee.nullFlagsOffset + bit / 8] & (1 << UInt8(bit % 8)) != 0
    }

    /// True when the field is NULL (nullable VFP field with its `_NullFlags` bit set).
    public func isNull(_ field: FieldDescriptor) -> Bool {
        guard let bit = field.nullBit else { return false }
        return flagBit(bit)
    }

    /// The memo block number stored in a memo field (0 = no memo).
    public func memoBlock(_ field: FieldDescriptor) throws(XBaseError) -> Int {
        try memoBlock(raw(field), binary: field.memoPointerIsBinary, field: field.name)
    }

    @inline(__always)
    func memoBlock(_ r: UnsafeRawBufferPointer, binary: Bool, field: @autoclosure () -> String) throws(XBaseError) -> Int {
        if binary {
            return Int(r.loadUnaligned(as: UInt32.self).littleEndian)
        }
        var n = 0
        var any = false
        for b in r {
            if b >= 48 && b <= 57 { n = n &* 10 &+ Int(b - 48); any = true }
            else if b == 0x20 || b == 0 { continue }
            else { throw invalid(field(), .memoPointerNotANumber(shown: quoted(r))) }
        }
        return any ? n : 0
    }

    /// Decodes one field. Throws `invalidValue` (with record and field) for bytes that are
    /// not a valid value of the field's type, and `badMemo` for unreadable memo pointers.
    public func value(_ field: FieldDescriptor) throws(XBaseError) -> DBFValue {
        if let i = context.pointee.index(of: field) { return try value(at: i) }
        // a descriptor that is not one of this table's visible fields: decode it by itself
        var slot = DecodeSlot(field, dialect: table.header.dialect)
        if field.offset < 0 || field.length < 0 || field.offset + field.length > bytes.count { slot.kind = .outside }
        return try decode(slot, name: field.name)
    }

    /// Decodes the field at `position` in `table.fields` (the fast path for full reads).
    @inline(__always)
    public func value(at position: Int) throws(XBaseError) -> DBFValue {
        precondition(position >= 0 && position < context.pointee.slotCount, "no field at position \(position)")
        if let v = quickValue(at: position) { return v }
        return try fullValue(at: position)
    }

    /// Decodes every visible field, in `DBFTable.fields` order, into `values` (resized to
    /// the field count when it is not): the fast path for a pass that wants whole rows.
    ///
    /// The same values as `value(at:)` field by field, in one loop: a row costs one call
    /// instead of one per field, and `values` keeps its storage from record to record (each
    /// slot's previous value is released as the new one is stored). Throws at the first
    /// field that does not decode, naming it; the fields before it are already replaced.
    public func decodeValues(into values: inout [DBFValue]) throws(XBaseError) {
        let count = context.pointee.slotCount
        if values.count != count { values = [DBFValue](repeating: .null, count: count) }
        guard count > 0 else { return }
        let failure = values.withUnsafeMutableBufferPointer { row in decodeRow(into: row.baseAddress!, plainFields: nil) }
        if let failure { throw failure.error }
    }

    /// `decodeValues` into `out` (room for every visible field, initialized): nil when
    /// every field decoded, else the position and error of the first that did not.
    ///
    /// `plainFields` (a pass's own row buffer): one flag per field, true while every value
    /// stored at that position of `out` was plain (no reference inside), kept up to date
    /// here. A value stored over a plain one is not released first: numbers, dates and
    /// short texts, most of a row, then cost no call to a release that would do nothing.
    @inline(__always)
    func decodeRow(into out: UnsafeMutablePointer<DBFValue>, plainFields: UnsafeMutablePointer<Bool>?) -> (field: Int, error: XBaseError)? {
        for i in 0..<context.pointee.slotCount {
            let overPlain = plainFields?[i] ?? false
            switch quickStore(at: i, into: out + i, overPlain: overPlain) {
            case .plain: continue
            case .holdsReference:
                if overPlain { plainFields![i] = false }
                continue
            case .needsFullRules:
                do { out[i] = try fullValue(at: i) } catch { return (i, error) }
                plainFields?[i] = false
            }
        }
        return nil
    }

    /// `value(at:)` by the full rules (memos, unusual shapes, errors): out of line, so the
    /// common path carries none of it.
    @inline(never)
    func fullValue(at position: Int) throws(XBaseError) -> DBFValue {
        try decode(context.pointee.slots[position], name: fieldName(at: position))
    }

    /// The name of the field at `position`, for error messages only: kept out of line so
    /// the decoding path neither copies a `FieldDescriptor` nor retains its name.
    @inline(never)
    func fieldName(at position: Int) -> String {
        table.fields[position].name
    }

    /// Text of a C/V value or text memo in the table's code page.
    @inline(__always)
    func text(_ r: UnsafeRawBufferPointer) -> String {
        if let high = context.pointee.high {
            if r.count <= SmallText.capacity && context.pointee.smallText { return SmallText.decode(r, high: high) }
            return TextDecoding.decode(r, high: high)
        }
        return table.codePage.decode(r)
    }

    func invalid(_ field: String, _ reason: ValueReason) -> XBaseError {
        .invalidValue(file: table.path, record: number, field: field, reason: reason)
    }

    func invalid(_ field: FieldDescriptor, _ reason: ValueReason) -> XBaseError {
        invalid(field.name, reason)
    }
}

/// Trailing spaces and NULs removed (as dbfread and FoxPro's RTRIM see a C value).
@inline(__always)
func trimTrailing(_ r: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    var end = r.count
    // eight bytes at a time: wide C fields are mostly padding. A byte is a blank (space
    // or NUL) when it is zero under 0xDF; the last word with text says by its leading
    // zero bytes how many blanks end it.
    while end >= 8 {
        let w = r.loadUnaligned(fromByteOffset: end - 8, as: UInt64.self) & 0xDFDF_DFDF_DFDF_DFDF
        if w != 0 { return UnsafeRawBufferPointer(rebasing: r[0..<(end - w.leadingZeroBitCount >> 3)]) }
        end -= 8
    }
    while end > 0 && r[end - 1] & 0xDF == 0 { end -= 1 }
    return UnsafeRawBufferPointer(rebasing: r[0..<end])
}

func quoted(_ r: UnsafeRawBufferPointer) -> String {
    var s = "\""
    for b in r {
        if b >= 0x20 && b < 0x7F { s.append(Character(UnicodeScalar(b))) }
        else { s += "\\x" + (b < 16 ? "0" : "") + String(b, radix: 16) }
    }
    return s + "\""
}
