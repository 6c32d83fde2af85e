#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a DBF table could not be read or written (`XBaseFailure`), in English.
extension English {
    static func xbase(_ f: XBaseFailure) -> String {
        switch f {
        case let .cannotOpen(f, r): "\(f): cannot open: \(io(r))"
        case let .io(f, r): "\(f): I/O error: \(io(r))"
        case let .notADBF(f, r): "\(f): not a DBF table: \(header(r))"
        case let .badHeader(f, r): "\(f): bad header: \(header(r))"
        case let .badFieldDescriptor(f, n, r): "\(f): field descriptor \(n): \(descriptor(r))"
        case let .missingMemoFile(f, e): "\(f): memo file \(e) is missing"
        case let .badMemo(f, rec, fld, b, r):
            "\(f): " + (rec.map { "record \($0), " } ?? "") + (fld.map { "field \($0), " } ?? "") + "memo block \(b): \(memo(r))"
        case let .invalidValue(f, rec, fld, r): "\(f): record \(rec), field \(fld): \(value(r))"
        case let .cannotEncode(f, rec, fld, r): "\(f): record \(rec), field \(fld): cannot write value: \(encode(r))"
        case let .unsupported(f, r): "\(f): unsupported: \(unsupported(r))"
        }
    }

    /// The system's own words for an error number.
    static func systemError(_ code: Int32) -> String { String(cString: strerror(code)) }

    static func io(_ r: IOReason) -> String {
        switch r {
        case .system(let c): systemError(c)
        case .flush(let c): "fsync: " + systemError(c)
        case .close(let c): "close: " + systemError(c)
        case .isFolder: "is a folder"
        case .appendAfterFinish: "append after finish()"
        case .shortRead: "short read of the merge's key file"
        case .alreadyExists: "already exists; choose an empty folder"
        case .other(let s): s
        }
    }

    static func header(_ r: HeaderReason) -> String {
        switch r {
        case .shorterThanHeader(let n): "file is \(n) bytes, shorter than a header"
        case let .shorterThanHeaderLength(n, h): "file is \(n) bytes, shorter than its header length \(h)"
        case .headerLengthTooSmall(let n): "header length \(n) is too small"
        case .recordLengthZero: "record length is 0"
        case .truncated: "truncated header"
        case let .noDescriptorBeforeTerminator(n, len):
            "no field descriptor before the terminator, yet the header declares \(n) records of \(len) bytes"
        case .dBase2TooShort: "dBASE II header needs 521 bytes"
        case .noFieldDescriptors: "no field descriptors"
        case .templateFieldOutside(let f): "template field \(f) lies outside the record"
        case .needsAField: "a table needs at least one field"
        case .versionHasNoMemo(let v):
            "version 0x\(HealthFact.hex(v)) has no memo file; use 0x83 (dBASE III), 0x8B (dBASE IV), 0xF5 (FoxPro) or 0x30 (VFP)"
        case .recordTooLong(let n): "record length \(n) exceeds 65535"
        }
    }

    static func descriptor(_ r: DescriptorReason) -> String {
        switch r {
        case .empty: "empty descriptor"
        case let .startsPastRecord(name, o, len): "field \(name) starts at \(o), past the record length \(len)"
        case .emptyName(let t): "the name is empty (type byte 0x\(HealthFact.hex(t)))"
        case .controlByteInName(let b): "the name holds the control byte 0x\(HealthFact.hex(b)): these bytes are not a field descriptor"
        case .typeByteNotALetter(let b): "the type byte 0x\(HealthFact.hex(b)) is not a type letter: these bytes are not a field descriptor"
        case .duplicateName(let n): "duplicate field name \(n)"
        case let .rule(name, rule): "\(name): " + fieldRule(rule)
        }
    }

    static func fieldRule(_ r: FieldRule) -> String {
        switch r {
        case .nameForm: "a field name is 1 to 10 printable ASCII characters"
        case .characterLength(let n): "C length \(n) out of range"
        case let .numericWidth(w, d): "N/F width \(w) with \(d) decimals"
        case .dateWidth: "D is 8 bytes"
        case .logicalWidth: "L is 1 byte"
        case .integerIsVFP: "I is a 4-byte VFP field"
        case .eightByteVFP(let t): "\(t) is an 8-byte VFP field"
        case .varLengthVFP: "V/Q are VFP fields of 1 to 254 bytes"
        case .blobIsVFP: "W is a VFP field"
        case .cannotWrite(let t): "type \(t) cannot be written"
        case .flagsOnlyVFP: "field flags exist only in Visual FoxPro tables"
        case .autoIncrementOnlyInteger: "only I fields autoincrement"
        }
    }

    static func memo(_ r: MemoReason) -> String {
        switch r {
        case .block(let f): memoBlockFault(f)
        case .fileHeaderShort(let n): "memo file header is only \(n) bytes"
        case .noReadableMemoFile: "the table has no readable memo file"
        }
    }

    static func value(_ r: ValueReason) -> String {
        switch r {
        case let .badWidth(k, w): "\(valueKind(k)) field of width \(w)"
        case let .badTimestamp(hex, d7):
            "\(hex) is not a valid timestamp (Julian day + milliseconds, as Harbour writes `@`)"
                + (d7.map { "; read as dBASE 7's big-endian `@` it would be \($0), but the header is not dBASE 7: the layout is ambiguous" } ?? "")
        case .unknownType(let b): "unknown field type 0x" + String(b, radix: 16)
        case let .outsideRecord(o, w): "the field lies outside the record (offset \(o), width \(w))"
        case .notANumber(let s): "\(s) is not a number"
        case .memoPointerNotANumber(let s): "memo pointer \(s) is not a number"
        case .integerDecimals(let d): "integer field with \(d) decimals"
        case .notADateForm(let s): "\(s) is not a date (YYYYMMDD)"
        case .invalidDate(let s): "\(s) is not a valid date"
        case .notALogical(let s): "\(s) is not a logical (T/F/?)"
        case .invalidDateTime(let s): "\(s) is not a valid DateTime"
        case .invalidTimestamp(let s): "\(s) is not a valid timestamp"
        case .noSuchRecord: "no such record"
        case .memoBlockUnreadable(let b): "memo block \(b) unreadable"
        }
    }

    static func valueKind(_ k: ValueKind) -> String {
        switch k {
        case .rowVersion: "row version"
        case .integer: "integer"
        case .doubleB: "B"
        case .doubleO: "O"
        case .currency: "Y"
        case .date: "date"
        case .dateTime: "DateTime"
        case .timestamp: "timestamp"
        }
    }

    static func encode(_ r: EncodeReason) -> String {
        switch r {
        case .notNullable: "NULL in a field that is not nullable"
        case let .bytesDoNotFit(n, room): "\(n) bytes do not fit in \(room)"
        case let .notACalendarDate(y, m, d): "\(y)-\(m)-\(d) is not a calendar date"
        case .outsideInt32(let s): "\(s) is outside the 32-bit integer range"
        case .invalidDateTime(let s): "\(s) is not a valid date and time"
        case let .textBytesDoNotFit(n, room): "text of \(n) bytes does not fit in \(room)"
        case let .noByteInCodePage(c, u, cp): "character \(c) (U+\(String(u, radix: 16, uppercase: true))) has no byte in \(cp)"
        case let .textCharactersDoNotFit(n, room): "text of \(n) characters does not fit in \(room)"
        case .noNullFlagsBit: "variable-length field without a _NullFlags length bit"
        case .notPlainDecimal(let s): "\(s) cannot be written as a plain decimal"
        case let .wrongKind(v, t): "a \(valueClass(v)) value cannot go in a \(t) field"
        case let .tooManyDecimals(s, d): "\(s) has more than the field's \(d) decimals"
        case .tooLarge(let s): "\(s) is too large for the field"
        case let .tooWide(s, n, room): "\(s) needs \(n) characters, the field holds \(room)"
        case .currencyDecimals(let s): "\(s) has more than the 4 decimals of a currency"
        case .currencyRange(let s): "\(s) is outside the currency range"
        case .textInBinaryField(let t): "text cannot go in a \(t) field; give bytes"
        case .noMemoFile: "the table has no memo file"
        case let .valueCount(v, f): "\(v) values for \(f) fields"
        case let .rawLength(n, len): "raw record of \(n) bytes, the table's records have \(len)"
        case .memoPointerWithoutSource(let p): "memo pointer \(p) but no memo source was given"
        }
    }

    static func valueClass(_ v: ValueClass) -> String {
        switch v {
        case .null: "NULL"
        case .text: "text"
        case .bytes: "bytes"
        case .number: "number"
        case .integer: "integer"
        case .double: "double"
        case .currency: "currency"
        case .date: "date"
        case .dateTime: "date-time"
        case .logical: "logical"
        }
    }

    static func unsupported(_ r: UnsupportedReason) -> String {
        switch r {
        case .writingVersion(let v): "writing version 0x\(HealthFact.hex(v)) tables"
        case .memoBlockSize(let n): "memo block size \(n) does not fit the header"
        case .memoTooLarge(let n): "memo of \(n) bytes"
        case .dBase3MemoEndByte: "a dBASE III memo cannot hold the byte 0x1A (it ends the memo)"
        case .memoFileFull: "memo file over 4 G blocks"
        }
    }
}
