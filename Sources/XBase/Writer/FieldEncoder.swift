import ResgateLocale
/// Encodes one value into its bytes inside a record buffer, exactly as FoxPro stores it.
///
/// Everything is written in place (no intermediate arrays) because this runs for every
/// field of every record. A value that does not fit is an error naming record and field:
/// the writer never truncates, rounds away decimals or substitutes characters.
///
/// A class, not a struct: as a struct held by the writer it was copied (and its code page
/// tables retained and released) on every field of every record.
final class FieldEncoder {
    let codePage: CodePage
    let file: String
    /// Field names by `FieldSlot.index`, only read to word an error.
    let names: [String]

    /// The code page's byte for every BMP scalar (0: none; ASCII is handled before), so
    /// encoding accented text is an index, not a dictionary lookup with hashing.
    private let highBytes: UnsafeMutablePointer<UInt8>

    init(codePage: CodePage, file: String, names: [String]) {
        self.codePage = codePage; self.file = file; self.names = names
        highBytes = .allocate(capacity: 0x10000)
        highBytes.initialize(repeating: 0, count: 0x10000)
        for (u, b) in codePage.encodeTable where u >= 0x80 { highBytes[Int(u)] = b }
    }

    deinit { highBytes.deallocate() }

    /// The byte of a non-ASCII scalar in the code page, nil when it has none.
    @inline(__always)
    func byte(for u: Unicode.Scalar) -> UInt8? {
        guard u.value <= 0xFFFF else { return nil }
        let b = highBytes[Int(u.value)]
        return b == 0 ? nil : b
    }

    /// Writes `value` for `field` into `rec` (the whole record, delete flag at 0).
    /// `record` is the 1-based number used in errors. NULL bits go into `_NullFlags`
    /// at `nullOffset`.
    func encode(_ value: DBFValue, field f: FieldSlot, into rec: UnsafeMutableRawBufferPointer,
                record: Int, nullOffset: Int?, memo: MemoWriter?) throws(XBaseError) {
        let slot = UnsafeMutableRawBufferPointer(rebasing: rec[f.offset..<(f.offset + f.length)])
        func fail(_ reason: EncodeReason) -> XBaseError {
            .cannotEncode(file: file, record: record, field: names[f.index], reason: reason)
        }
        if case .null = value {
            guard let bit = f.nullBit, let base = nullOffset else { throw fail(.notNullable) }
            rec[base + bit / 8] |= UInt8(1) << UInt8(bit % 8)
            writeBlank(f, slot)
            return
        }
        // switch on the field's type, then bind the value's payload in place: a
        // `(type, value)` tuple copied the value (a retain and a release per field)
        func mismatch() -> XBaseError { fail(.wrongKind(value: kind(of: value), fieldType: "\(f.type)")) }
        switch f.type {
        case .character:
            switch value {
            case .string(let s): try putText(s, slot, pad: 0x20, fail)
            case .bytes(let b):
                guard b.count <= slot.count else { throw fail(.bytesDoNotFit(bytes: b.count, room: slot.count)) }
                slot.initializeMemory(as: UInt8.self, repeating: 0x20)
                for (i, x) in b.enumerated() { slot[i] = x }
            default: throw mismatch()
            }
        case .numeric, .float:
            try putNumber(value, f, slot, fail)
        case .date:
            guard case .date(let d) = value else { throw mismatch() }
            guard let d else { slot.initializeMemory(as: UInt8.self, repeating: 0x20); return }
            guard d.isValid else { throw fail(.notACalendarDate(year: Int(d.year), month: Int(d.month), day: Int(d.day))) }
            putDigits(d.year, 4, slot, 0); putDigits(d.month, 2, slot, 4); putDigits(d.day, 2, slot, 6)
        case .logical:
            guard case .logical(let l) = value else { throw mismatch() }
            slot[0] = l.map { $0 ? UInt8(ascii: "T") : UInt8(ascii: "F") } ?? UInt8(ascii: "?")
        case .integer:
            guard case .integer(let i) = value else { throw mismatch() }
            guard let v = Int32(exactly: i) else { throw fail(.outsideInt32("\(i)")) }
            storeLE32(UInt32(bitPattern: v), slot, 0)
        case .double:
            switch value {
            case .double(let d): storeLE64(d.bitPattern, slot, 0)
            case .integer(let i): storeLE64(Double(i).bitPattern, slot, 0)
            default: throw mismatch()
            }
        case .currency:
            switch value {
            case .currency(let n), .number(.some(let n)): try putCurrency(n, slot, fail)
            case .integer(let i): try putCurrency(DecimalNumber(i), slot, fail)
            default: throw mismatch()
            }
        case .dateTime:
            guard case .dateTime(let t) = value else { throw mismatch() }
            guard let t else { slot.initializeMemory(as: UInt8.self, repeating: 0); return }
            guard t.date.isValid, t.milliseconds >= 0, t.milliseconds < 86_400_000 else { throw fail(.invalidDateTime("\(t)")) }
            storeLE32(UInt32(t.date.julianDay), slot, 0)
            storeLE32(UInt32(t.milliseconds), slot, 4)
        case .varchar, .varbinary:
            switch value {
            case .string(let s) where f.type == .varchar:
                let n = try putText(s, slot, pad: 0x20, fail)
                try markShortVar(n, f, rec, slot, nullOffset, fail)
            case .bytes(let b):
                guard b.count <= slot.count else { throw fail(.bytesDoNotFit(bytes: b.count, room: slot.count)) }
                slot.initializeMemory(as: UInt8.self, repeating: f.type == .varchar ? 0x20 : 0x00)
                for (i, x) in b.enumerated() { slot[i] = x }
                try markShortVar(b.count, f, rec, slot, nullOffset, fail)
            default: throw mismatch()
            }
        case .memo, .general, .picture, .blob:
            try putMemo(value, f, slot, memo, fail)
        default:
            throw mismatch()
        }
    }

    /// The bytes of an empty value (used under NULL and for missing values).
    func writeBlank(_ f: FieldSlot, _ slot: UnsafeMutableRawBufferPointer) {
        switch f.type {
        case .integer, .double, .currency, .dateTime, .varbinary, .blob, .nullFlags:
            slot.initializeMemory(as: UInt8.self, repeating: 0)
        case .memo, .general, .picture:
            slot.initializeMemory(as: UInt8.self, repeating: f.memoPointerIsBinary ? 0 : 0x20)
        default:
            slot.initializeMemory(as: UInt8.self, repeating: 0x20)
        }
    }

    /// Encodes `s` in the table's code page into `slot`, padded with `pad`. Returns the
    /// number of bytes the text took.
    @discardableResult
    func putText(_ s: String, _ slot: UnsafeMutableRawBufferPointer, pad: UInt8,
                 _ fail: (EncodeReason) -> XBaseError) throws(XBaseError) -> Int {
        var n = 0
        // ASCII fast path over the string's contiguous UTF-8 (the common case)
        let ascii: Int? = s.utf8.withContiguousStorageIfAvailable { u -> Int? in
            guard u.count <= slot.count else { return nil }
            for (k, b) in u.enumerated() {
                if b >= 0x80 { return nil }
                slot[k] = b
            }
            return u.count
        } ?? nil
        if let count = ascii {
            for i in count..<slot.count { slot[i] = pad }
            return count
        }
        if codePage.isUTF8 {
            for b in s.utf8 {
                guard n < slot.count else { throw fail(.textBytesDoNotFit(bytes: s.utf8.count, room: slot.count)) }
                slot[n] = b; n += 1
            }
        } else {
            for u in s.unicodeScalars {
                let byte: UInt8
                if u.value < 0x80 { byte = UInt8(u.value) }
                else if let b = self.byte(for: u) { byte = b }
                else { throw fail(.noByteInCodePage(character: "\(u)", scalar: u.value, codePage: codePage.name)) }
                guard n < slot.count else {
                    throw fail(.textCharactersDoNotFit(count: s.unicodeScalars.count, room: slot.count))
                }
                slot[n] = byte; n += 1
            }
        }
        for i in n..<slot.count { slot[i] = pad }
        return n
    }

    /// V/Q shorter than the field: the last byte holds the length and the field's
    /// length bit is set in `_NullFlags` (what VFP 9 writes, see infused dbase_32.dbf).
    func markShortVar(_ n: Int, _ f: FieldSlot, _ rec: UnsafeMutableRawBufferPointer,
                      _ slot: UnsafeMutableRawBufferPointer, _ nullOffset: Int?,
                      _ fail: (EncodeReason) -> XBaseError) throws(XBaseError) {
        guard n < slot.count else { return }
        guard let bit = f.varLengthBit, let base = nullOffset else {
            throw fail(.noNullFlagsBit)
        }
        slot[slot.count - 1] = UInt8(n)
        rec[base + bit / 8] |= UInt8(1) << UInt8(bit % 8)
    }

    func putNumber(_ value: DBFValue, _ f: FieldSlot, _ slot: UnsafeMutableRawBufferPointer,
                   _ fail: (EncodeReason) -> XBaseError) throws(XBaseError) {
        let n: DecimalNumber
        switch value {
        case .number(nil): slot.initializeMemory(as: UInt8.self, repeating: 0x20); return
        case .number(.some(let x)), .currency(let x): n = x
        case .integer(let i): n = DecimalNumber(i)
        case .double(let d):
            guard d.isFinite, let x = DecimalNumber(text: String(d)) ?? DecimalNumber(exactInteger: d) else {
                throw fail(.notPlainDecimal("\(d)"))
            }
            n = x
        default: throw fail(.wrongKind(value: kind(of: value), fieldType: "\(f.type)"))
        }
        switch NumberLayout.write(n, decimals: f.decimals, into: slot) {
        case .written: return
        case .tooManyDecimals: throw fail(.tooManyDecimals("\(n)", decimals: f.decimals))
        case .tooLarge: throw fail(.tooLarge("\(n)"))
        case .doesNotFit:
            let text = n.normalized.formatted(decimals: f.decimals)
            throw fail(.tooWide(text, characters: text.utf8.count, room: slot.count))
        }
    }

    func putCurrency(_ n: DecimalNumber, _ slot: UnsafeMutableRawBufferPointer,
                     _ fail: (EncodeReason) -> XBaseError) throws(XBaseError) {
        let norm = n.normalized
        guard norm.scale <= 4 else { throw fail(.currencyDecimals("\(n)")) }
        var m = norm.mantissa
        for _ in norm.scale..<4 {
            let (r, o) = m.multipliedReportingOverflow(by: 10)
            guard !o else { throw fail(.currencyRange("\(n)")) }
            m = r
        }
        storeLE64(UInt64(bitPattern: m), slot, 0)
    }

    func putMemo(_ value: DBFValue, _ f: FieldSlot, _ slot: UnsafeMutableRawBufferPointer,
                 _ memo: MemoWriter?, _ fail: (EncodeReason) -> XBaseError) throws(XBaseError) {
        let type: MemoBlockType = f.type == .memo ? .text : (f.type == .general ? .object : .picture)
        let block: UInt32
        switch value {
        case .string(let s):
            guard f.type == .memo else { throw fail(.textInBinaryField(fieldType: "\(f.type)")) }
            // most memo fields of most records are empty: no buffer for them
            if s.isEmpty { writeBlank(f, slot); return }
            block = try encodeMemoText(s, memo, type, fail)
        case .bytes(let b):
            if b.isEmpty { writeBlank(f, slot); return }
            guard let memo else { throw fail(.noMemoFile) }
            block = try withBytes(b) { (p) throws(XBaseError) in try memo.append(p, type: type) }
        default: throw fail(.wrongKind(value: kind(of: value), fieldType: "\(f.type)"))
        }
        putMemoPointer(block, f, slot)
    }

    /// `encode(.bytes(Array(bytes)), …)` for a memo-like field (M G P W B), without the
    /// array: the same memo block, pointer and errors.
    func encodeStoredMemo(_ bytes: UnsafeRawBufferPointer, field f: FieldSlot, into rec: UnsafeMutableRawBufferPointer,
                          record: Int, memo: MemoWriter?) throws(XBaseError) {
        precondition(f.type == .memo || f.type == .general || f.type == .picture || f.type == .blob)
        let slot = UnsafeMutableRawBufferPointer(rebasing: rec[f.offset..<(f.offset + f.length)])
        if bytes.isEmpty { writeBlank(f, slot); return }
        guard let memo else {
            throw XBaseError.cannotEncode(file: file, record: record, field: names[f.index], reason: .noMemoFile)
        }
        let type: MemoBlockType = f.type == .memo ? .text : (f.type == .general ? .object : .picture)
        putMemoPointer(try memo.append(bytes, type: type), f, slot)
    }

    /// The memo pointer `block` into the field's bytes (4-byte LE or right-aligned digits).
    @inline(__always)
    private func putMemoPointer(_ block: UInt32, _ f: FieldSlot, _ slot: UnsafeMutableRawBufferPointer) {
        if f.memoPointerIsBinary {
            storeLE32(block, slot, 0)
        } else {
            slot.initializeMemory(as: UInt8.self, repeating: 0x20)
            var v = Int(block)
            var i = slot.count - 1
            repeat { slot[i] = UInt8(48 + v % 10); v /= 10; i -= 1 } while v > 0 && i >= 0
        }
    }

    /// Appends text `s` (not empty) to the memo file in the code page and returns its block.
    /// The UTF-8 is read in place and each scalar looked up as it is decoded, into one
    /// buffer (on the stack for the usual short memo): no array, no scalar iterator per
    /// memo (this runs for every memo of every record restored).
    private func encodeMemoText(_ s: String, _ memo: MemoWriter?, _ type: MemoBlockType,
                                _ fail: (EncodeReason) -> XBaseError) throws(XBaseError) -> UInt32 {
        var text = s
        let n = text.utf8.count
        let utf8 = codePage.isUTF8
        let high = highBytes
        let result: Result<UInt32, XBaseError> = text.withUTF8 { u in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n) { out in
                var k = 0
                if utf8 {
                    out.baseAddress!.initialize(from: u.baseAddress!, count: n)
                    k = n
                } else {
                    var i = 0
                    while i < n {
                        let b0 = u[i]
                        if b0 < 0x80 { out[k] = b0; k += 1; i += 1; continue }
                        // valid UTF-8 (a String's): a lead byte and its continuation bytes
                        var v: UInt32
                        if b0 < 0xE0 {
                            v = UInt32(b0 & 0x1F) << 6 | UInt32(u[i + 1] & 0x3F); i += 2
                        } else if b0 < 0xF0 {
                            v = UInt32(b0 & 0x0F) << 12 | UInt32(u[i + 1] & 0x3F) << 6 | UInt32(u[i + 2] & 0x3F); i += 3
                        } else {
                            v = UInt32(b0 & 0x07) << 18 | UInt32(u[i + 1] & 0x3F) << 12 | UInt32(u[i + 2] & 0x3F) << 6
                                | UInt32(u[i + 3] & 0x3F)
                            i += 4
                        }
                        let b: UInt8 = v <= 0xFFFF ? high[Int(v)] : 0
                        guard b != 0 else {
                            let c = Unicode.Scalar(v) ?? "?"
                            return .failure(fail(.noByteInCodePage(character: "\(c)", scalar: v, codePage: codePage.name)))
                        }
                        out[k] = b; k += 1
                    }
                }
                guard let memo else { return .failure(fail(.noMemoFile)) }
                return Result { () throws(XBaseError) -> UInt32 in
                    try memo.append(UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: out[0..<k])), type: type)
                }
            }
        }
        return try result.get()
    }

    func putDigits(_ v: Int, _ width: Int, _ slot: UnsafeMutableRawBufferPointer, _ at: Int) {
        var x = v
        for i in stride(from: at + width - 1, through: at, by: -1) { slot[i] = UInt8(48 + x % 10); x /= 10 }
    }

    func kind(of v: DBFValue) -> ValueClass {
        switch v {
        case .null: .null
        case .string: .text
        case .bytes: .bytes
        case .number: .number
        case .integer: .integer
        case .double: .double
        case .currency: .currency
        case .date: .date
        case .dateTime: .dateTime
        case .logical: .logical
        }
    }
}

/// What encoding needs of a field, without its name or other reference-counted parts:
/// copying a `FieldDescriptor` per field per record cost more than the encoding itself.
struct FieldSlot {
    let index: Int
    let type: FieldType
    let offset: Int
    let length: Int
    let decimals: Int
    let nullBit: Int?
    let varLengthBit: Int?
    let memoPointerIsBinary: Bool

    init(_ f: FieldDescriptor, index: Int) {
        self.index = index
        type = f.type; offset = f.offset; length = f.length; decimals = f.decimals
        nullBit = f.nullBit; varLengthBit = f.varLengthBit; memoPointerIsBinary = f.memoPointerIsBinary
    }
}

extension DecimalNumber {
    /// Whole doubles beyond `String(d)`'s plain notation (e.g. 1e+16).
    init?(exactInteger d: Double) {
        guard d == d.rounded(), let i = Int64(exactly: d) else { return nil }
        self.init(i)
    }
}
