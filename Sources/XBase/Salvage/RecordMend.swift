/// Byte-level mending for `repair`: blanking a field whose bytes do not decode, and
/// finding where a memo ends, without decoding values.
extension RecordScreen {
    /// Writes the blank of `field`'s type over it (as `FieldEncoder.writeBlank` does):
    /// zeros for binary types, spaces otherwise; a variable-length field also loses its
    /// "shorter than the width" bit so the blank reads as empty.
    public static func blankField(_ rec: UnsafeMutableRawBufferPointer, field: FieldDescriptor, header: TableHeader) {
        guard field.offset >= 1, field.offset + field.length <= rec.count else { return }
        let slot = UnsafeMutableRawBufferPointer(rebasing: rec[field.offset..<(field.offset + field.length)])
        switch field.type {
        case .integer, .double, .currency, .dateTime, .varbinary, .blob, .nullFlags:
            slot.initializeMemory(as: UInt8.self, repeating: 0)
        case .memo, .general, .picture:
            slot.initializeMemory(as: UInt8.self, repeating: field.memoPointerIsBinary ? 0 : 0x20)
        default:
            slot.initializeMemory(as: UInt8.self, repeating: 0x20)
        }
        if let bit = field.varLengthBit, let nf = header.nullFlagsField, bit / 8 < nf.length,
           nf.offset + bit / 8 < rec.count {
            rec[nf.offset + bit / 8] &= ~(UInt8(1) << UInt8(bit % 8))
        }
    }

    /// The header's fields by name, for `mend`.
    public static func fieldsByName(_ header: TableHeader) -> [String: FieldDescriptor] {
        var byName: [String: FieldDescriptor] = [:]
        for f in header.fields { byName[f.name] = f }
        return byName
    }

    /// Every fault of a record, mended in place: each field that does not decode is
    /// blanked and each unusable memo pointer emptied, `mended(fault, originalFieldBytes)`
    /// hearing of each. Returns the delete-flag fault (not mendable: the record is
    /// quarantined) or nil when the record is now sound. Bounded: one pass per field.
    /// `byName` is `fieldsByName(header)`, made once per table (not once per record).
    public func mend(_ rec: UnsafeMutableRawBufferPointer, header: TableHeader, byName: [String: FieldDescriptor],
                     mended: (RecordFault, UnsafeRawBufferPointer) -> Void) -> RecordFault? {
        for _ in 0...(header.fields.count + 1) {
            var memoFaults: [RecordFault] = []
            let fault = self.fault(UnsafeRawBufferPointer(rec)) { memoFaults.append($0) }
            for m in memoFaults {
                guard let name = m.field, let f = byName[name] else { continue }
                mended(m, UnsafeRawBufferPointer(rebasing: rec[f.offset..<(f.offset + f.length)]))
                RecordScreen.blankMemoPointer(rec, field: f)
            }
            guard let fault else { return nil }
            guard fault.kind != .badDeleteFlag, let name = fault.field, let f = byName[name] else { return fault }
            mended(fault, UnsafeRawBufferPointer(rebasing: rec[f.offset..<(f.offset + f.length)]))
            RecordScreen.blankField(rec, field: f, header: header)
        }
        return self.fault(UnsafeRawBufferPointer(rec))
    }
}

extension MemoFile {
    /// The first block after the memo stored at `block` (where the next memo may start),
    /// or nil when the block cannot be read. For dBASE III memo files, which keep no
    /// length, the memo is taken to fill one block.
    public func blockEnd(of block: Int) -> Int? {
        guard block > 0 else { return nil }
        let offset = block * blockSize
        guard offset < size else { return nil }
        switch kind {
        case .dbt3:
            return block + 1
        case .fpt:
            guard let head = try? reader.bytes(at: offset, count: 8), head.count == 8 else { return nil }
            let length = Int(be32(head, 4))
            return block + (8 + length + blockSize - 1) / blockSize
        case .dbt4:
            guard let head = try? reader.bytes(at: offset, count: 8), head.count == 8 else { return nil }
            let length = Int(le32(head, 4))
            return block + (max(length, 8) + blockSize - 1) / blockSize
        }
    }

    /// Blocks the 512-byte header takes: no memo may start before this block.
    public var firstDataBlock: Int { (512 + blockSize - 1) / blockSize }
}

extension RecordScreen {
    /// The memo block `field` points to in a record (0: no memo), or nil when the pointer
    /// is not a number.
    public static func memoBlock(_ rec: UnsafeRawBufferPointer, field: FieldDescriptor) -> Int? {
        guard field.isMemo, field.offset >= 1, field.offset + field.length <= rec.count else { return nil }
        return MemoPointer.read(UnsafeRawBufferPointer(rebasing: rec[field.offset..<(field.offset + field.length)]),
                                binary: field.memoPointerIsBinary).map(Int.init)
    }
}
