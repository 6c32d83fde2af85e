/// One record of a table, viewed in place in the table's read buffer.
///
/// A `DBFRecord` is only valid inside the `forEachRecord` closure that gave it. Values are
/// decoded on demand, so a pass that looks at two fields never pays for twenty.
public struct DBFRecord {
    unowned(unsafe) let table: DBFTable
    /// 0-based position in the file.
    public let index: Int
    /// The record's bytes, delete flag first.
    public let bytes: UnsafeRawBufferPointer

    init(table: DBFTable, index: Int, bytes: UnsafeRawBufferPointer) {
        self.table = table
        self.index = index
        self.bytes = bytes
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
        guard let nf = table.nullFlags, bit / 8 < nf.length else { return false }
        return bytes[nf.offset + bit / 8] & (1 << UInt8(bit % 8)) != 0
    }

    /// True when the field is NULL (nullable VFP field with its `_NullFlags` bit set).
    public func isNull(_ field: FieldDescriptor) -> Bool {
        guard let bit = field.nullBit else { return false }
        return flagBit(bit)
    }

    /// The memo block number stored in a memo field (0 = no memo).
    public func memoBlock(_ field: FieldDescriptor) throws(XBaseError) -> Int {
        let r = raw(field)
        if field.memoPointerIsBinary {
            return Int(r.loadUnaligned(as: UInt32.self).littleEndian)
        }
        var n = 0
        var any = false
        for b in r {
            if b >= 48 && b <= 57 { n = n * 10 + Int(b - 48); any = true }
            else if b == 0x20 || b == 0 { continue }
            else { throw invalid(field, "memo pointer \(quoted(r)) is not a number") }
        }
        return any ? n : 0
    }

    /// Decodes one field. Throws `invalidValue` (with record and field) for bytes that are
    /// not a valid value of the field's type, and `badMemo` for unreadable memo pointers.
    public func value(_ field: FieldDescriptor) throws(XBaseError) -> DBFValue {
        if field.nullBit != nil && isNull(field) { return .null }
        let r = raw(field)
        let d = ValueDecoder(record: self, field: field)
        switch field.type {
        case .character:
            return .string(table.codePage.decode(trimTrailing(r)))
        case .varchar, .varbinary:
            var len = r.count
            if let bit = field.varLengthBit, flagBit(bit), r.count > 0 {
                len = min(Int(r[r.count - 1]), r.count - 1)
            }
            let slice = UnsafeRawBufferPointer(rebasing: r[0..<len])
            // V with the binary flag (NOCPTRANS) is still text, only untranslated; Q is bytes
            if field.type == .varbinary { return .bytes(Array(slice)) }
            return .string(table.codePage.decode(slice))
        case .numeric, .float: return try d.number(r)
        case .date: return try d.date(r)
        case .logical: return try d.logical(r)
        case .integer, .autoIncrement: return try d.integer(r)
        case .double:
            if field.isMemo { return try d.memo() }
            guard r.count == 8 else { throw invalid(field, "B field of width \(r.count)") }
            return .double(Double(bitPattern: r.loadUnaligned(as: UInt64.self).littleEndian))
        case .doubleDBase7:
            guard r.count == 8 else { throw invalid(field, "O field of width \(r.count)") }
            var bits = r.loadUnaligned(as: UInt64.self).bigEndian
            bits = bits & (1 << 63) != 0 ? bits & ~(1 << 63) : ~bits
            return .double(Double(bitPattern: bits))
        case .currency:
            guard r.count == 8 else { throw invalid(field, "Y field of width \(r.count)") }
            return .currency(DecimalNumber(mantissa: Int64(littleEndian: r.loadUnaligned(as: Int64.self)), scale: 4))
        case .dateTime: return try d.dateTime(r)
        case .timestamp: return try d.timestamp(r)
        case .memo, .general, .picture, .blob: return try d.memo()
        case .nullFlags: return .bytes(Array(r))
        case .other(let b):
            throw invalid(field, "unknown field type 0x" + String(b, radix: 16))
        }
    }

    func invalid(_ field: FieldDescriptor, _ reason: String) -> XBaseError {
        .invalidValue(file: table.path, record: number, field: field.name, reason: reason)
    }
}

/// Trailing spaces and NULs removed (as dbfread and FoxPro's RTRIM see a C value).
@inline(__always)
func trimTrailing(_ r: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    var end = r.count
    while end > 0 && (r[end - 1] == 0x20 || r[end - 1] == 0) { end -= 1 }
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
