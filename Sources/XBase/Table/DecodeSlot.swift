/// How to decode one field, worked out once per table so the per-record path touches only
/// plain integers.
///
/// `FieldDescriptor` holds a `String` and an array: copying it per value (as a decoder
/// struct would) costs a retain and a release each time, which dominated a full read. A
/// slot is trivially copyable, lives in a buffer owned by the table, and says everything
/// the decoder needs: where the bytes are, which rule reads them, and which `_NullFlags`
/// bits apply.
struct DecodeSlot {
    enum Kind: UInt8 {
        case character, varchar, varbinary
        case number, date, logical
        case integer, integerBigEndian
        case double, doubleDBase7, currency
        case dateTime, timestamp
        /// Harbour's `^` row version: a little-endian int64.
        case rowVersion
        case textMemo, binaryMemo
        case nullFlags, unknown
        /// The descriptor places the field (partly) outside the record: never read.
        case outside
    }

    // Declaration order is layout order: the one-byte fields first and four Ints after
    // make 40 bytes that copy in whole 16/16/8-byte moves. With the Ints first, the copy
    // ended in an overlapping 16-byte move and reading `nullBit` back stalled on
    // store-to-load forwarding (10 % of `value(at:)` in `perf annotate`).
    var kind: Kind
    /// Memo pointer stored as LE32 (VFP) instead of 10 ASCII digits.
    var binaryPointer: Bool
    /// What the kind was derived from, so `matches` can refuse a look-alike descriptor.
    var typeByte: UInt8
    var flags: UInt8
    var isMemo: Bool
    /// Decimals of a Harbour binary integer (`I` with decimals is a scaled integer).
    var decimals: UInt8
    var offset: Int
    var length: Int
    /// `_NullFlags` bit of the NULL marker, -1 when the field is not nullable.
    var nullBit: Int
    /// `_NullFlags` bit saying a V/Q value is shorter than the width, -1 when none.
    var varLengthBit: Int

    init(_ f: FieldDescriptor, dialect: Dialect) {
        offset = f.offset
        length = f.length
        binaryPointer = f.memoPointerIsBinary
        nullBit = f.nullBit ?? -1
        varLengthBit = f.varLengthBit ?? -1
        typeByte = f.type.byte
        flags = f.flags.rawValue
        isMemo = f.isMemo
        decimals = UInt8(clamping: f.decimals)
        // Only dBASE 7 (48-byte descriptors) uses the big-endian `@`/`+`/`I` layouts; in any
        // 32-byte-descriptor table those letters are Harbour's (see FieldType.harbourTypes).
        let dBase7 = dialect == .dBase7
        switch f.type {
        case .character: kind = .character
        case .varchar: kind = .varchar
        case .varbinary: kind = .varbinary
        case .numeric, .float: kind = .number
        case .date: kind = .date
        case .logical: kind = .logical
        case .integer, .autoIncrement: kind = dBase7 ? .integerBigEndian : .integer
        case .double: kind = f.isMemo ? .binaryMemo : .double
        case .doubleDBase7: kind = .doubleDBase7
        case .currency: kind = .currency
        case .dateTime: kind = .dateTime
        case .timestamp: kind = dBase7 ? .timestamp : .dateTime
        case .harbourModTime: kind = dBase7 ? .unknown : .dateTime
        case .harbourRowVersion: kind = dBase7 ? .unknown : .rowVersion
        case .memo: kind = f.flags.contains(.binary) ? .binaryMemo : .textMemo
        case .general, .picture, .blob: kind = .binaryMemo
        case .nullFlags: kind = .nullFlags
        case .other: kind = .unknown
        }
    }

    /// Whether `f` is the field this slot was made from (same place, width and type), so
    /// a descriptor handed in by a caller can take the fast path safely.
    @inline(__always)
    func matches(_ f: borrowing FieldDescriptor) -> Bool {
        f.offset == offset && f.length == length && f.nullBit ?? -1 == nullBit
            && f.varLengthBit ?? -1 == varLengthBit && f.type.byte == typeByte
            && f.flags.rawValue == flags && f.isMemo == isMemo && f.memoPointerIsBinary == binaryPointer
    }
}

/// Everything a record needs to decode values, as plain pointers and integers: records
/// reach it through one `UnsafePointer`, so a value costs no reference counting at all.
struct DecodingContext {
    var slots: UnsafeMutablePointer<DecodeSlot>
    var slotCount: Int
    /// Slot index + 1 for each record byte offset where a field starts (0: none).
    var byOffset: UnsafeMutablePointer<Int32>
    var byOffsetCount: Int
    var nullFlagsOffset: Int
    var nullFlagsLength: Int
    /// UTF-8 of bytes 0x80…0xFF for single-byte code pages (see `TextDecoding`); nil for
    /// UTF-8 and multi-byte pages, which go through `CodePage.decode`.
    var high: UnsafeMutablePointer<UInt32>?
    /// `SmallText.holds`, read once per table instead of once per value.
    var smallText: Bool

    /// The slot index of `f`, when `f` is one of the table's visible fields.
    @inline(__always)
    func index(of f: borrowing FieldDescriptor) -> Int? {
        let o = f.offset
        guard o >= 0 && o < byOffsetCount else { return nil }
        let i = Int(byOffset[o]) - 1
        guard i >= 0, slots[i].matches(f) else { return nil }
        return i
    }
}

/// Owns a table's `DecodingContext` and the buffers it points at (freed with the table).
final class SlotTable: @unchecked Sendable {
    let context: UnsafeMutablePointer<DecodingContext>

    init(fields: [FieldDescriptor], nullFlags: FieldDescriptor?, recordLength: Int, dialect: Dialect,
         codePage: CodePage) {
        let slots = UnsafeMutablePointer<DecodeSlot>.allocate(capacity: max(1, fields.count))
        let byOffsetCount = max(1, recordLength + 1)
        let byOffset = UnsafeMutablePointer<Int32>.allocate(capacity: byOffsetCount)
        byOffset.initialize(repeating: 0, count: byOffsetCount)
        for (i, f) in fields.enumerated() {
            var slot = DecodeSlot(f, dialect: dialect)
            // checked once here, so decoding can address the record's bytes unchecked
            if f.offset < 0 || f.length < 0 || f.offset + f.length > recordLength { slot.kind = .outside }
            (slots + i).initialize(to: slot)
            if f.offset >= 0 && f.offset < byOffsetCount && byOffset[f.offset] == 0 {
                byOffset[f.offset] = Int32(i + 1)
            }
        }
        context = .allocate(capacity: 1)
        context.initialize(to: DecodingContext(
            slots: slots, slotCount: fields.count, byOffset: byOffset, byOffsetCount: byOffsetCount,
            nullFlagsOffset: nullFlags?.offset ?? 0, nullFlagsLength: nullFlags?.length ?? 0,
            high: TextDecoding.highTable(codePage), smallText: SmallText.holds))
    }

    deinit {
        context.pointee.slots.deallocate()
        context.pointee.byOffset.deallocate()
        context.pointee.high?.deallocate()
        context.deallocate()
    }
}
