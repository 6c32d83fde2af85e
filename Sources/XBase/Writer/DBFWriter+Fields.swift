/// Building a record field by field, for callers that already hold a field's stored bytes
/// (the restore copies text straight from a backup line) and type only the rest.
///
/// `beginRecord()` → for each visible field either `setField(_:_:)` (the exact encoding
/// `append(_:deleted:)` does) or bytes written into `fieldBytes(_:)` → `commitRecord()`.
/// A record is written only by `commitRecord()`; a failed one is abandoned by beginning the
/// next. What makes the output the same as `append(_:deleted:)`'s: the record starts from
/// the same blank bytes and cleared `_NullFlags`, and every field's encoding touches only
/// its own bytes and its own `_NullFlags` bits, so the order fields are set in does not
/// matter. Memo fields are the exception: `setField` appends the memo to the memo file at
/// once, so a caller sets them after every other field, in field order, as `append` would.
extension DBFWriter {
    /// Starts a new (live) record: every byte blank, `_NullFlags` cleared.
    public func beginRecord() {
        record.initializeMemory(as: UInt8.self, repeating: 0x20)
        if let o = nullOffset { for i in o..<(o + nullLength) { record[i] = 0 } }
    }

    /// The bytes of visible field `index` in the record being built. Whoever writes them
    /// must write what `setField` would for the value they stand for.
    @inline(__always)
    public func fieldBytes(_ index: Int) -> UnsafeMutableRawBufferPointer {
        let s = slots[index]
        return UnsafeMutableRawBufferPointer(rebasing: record[s.offset..<(s.offset + s.length)])
    }

    /// Encodes `value` into visible field `index` of the record being built, exactly as
    /// `append(_:deleted:)` does (same checks, same errors naming record and field).
    public func setField(_ index: Int, _ value: DBFValue) throws(XBaseError) {
        guard !finished else { throw .io(file: path, reason: .appendAfterFinish) }
        try encoder.encode(value, field: slots[index], into: record, record: recordCount + 1,
                           nullOffset: nullOffset, memo: memo)
    }

    /// Sets memo field `index` of the record being built to `bytes` as stored: exactly what
    /// `setField(index, .bytes(Array(bytes)))` does (empty: no memo), without the array.
    /// For a text memo (M) that is also what `setField` stores for a `.string` whose
    /// characters are `bytes` in this writer's code page (the restore copies memo text
    /// this way when its code page maps every byte to itself).
    public func setMemoField(_ index: Int, stored bytes: UnsafeRawBufferPointer) throws(XBaseError) {
        guard !finished else { throw .io(file: path, reason: .appendAfterFinish) }
        let s = slots[index]
        guard s.type == .memo || s.type == .general || s.type == .picture || s.type == .blob else {
            return try setField(index, .bytes(Array(bytes)))
        }
        try encoder.encodeStoredMemo(bytes, field: s, into: record, record: recordCount + 1, memo: memo)
    }

    /// This writer's record buffer (the record being built), fixed for the writer's life:
    /// field `i`'s bytes are `fieldBytes(i)`, at the same place in it every record.
    public var recordBuffer: UnsafeMutableRawBufferPointer { record }

    /// Appends the record being built. Autoincrement maxima are read back from the record
    /// (a NULL one is skipped, as `append` skips a value that is not an integer).
    public func commitRecord() throws(XBaseError) {
        guard !finished else { throw .io(file: path, reason: .appendAfterFinish) }
        for i in autoIncrementIndexes {
            let s = slots[i]
            if let bit = s.nullBit, let base = nullOffset, record[base + bit / 8] & (UInt8(1) << UInt8(bit % 8)) != 0 { continue }
            let o = s.offset
            let v = UInt32(record[o]) | UInt32(record[o + 1]) << 8 | UInt32(record[o + 2]) << 16 | UInt32(record[o + 3]) << 24
            noteAutoIncrement(i, Int64(Int32(bitPattern: v)))
        }
        if try replaceThroughGate() { return }
        try dbf.append(UnsafeRawBufferPointer(record))
        recordCount += 1
    }

    /// For each byte of text in `source`, the byte this writer stores for the character it
    /// decodes to (`putText`'s mapping), or 0xFFFF when the writer would refuse it. Nil
    /// when a character may take more or less than one byte (UTF-8 or multi-byte pages on
    /// either side): then text cannot be copied byte by byte.
    public func textByteMap(from source: CodePage) -> [UInt16]? {
        if source.isUTF8 || source.isMultiByte || codePage.isUTF8 || codePage.isMultiByte { return nil }
        return (0..<256).map { b -> UInt16 in
            let u = source.scalar(for: UInt8(b))
            if u.value < 0x80 { return UInt16(u.value) }
            return encoder.byte(for: u).map { UInt16($0) } ?? 0xFFFF
        }
    }
}
