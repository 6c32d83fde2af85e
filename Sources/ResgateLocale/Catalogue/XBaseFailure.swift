/// Why a DBF table or its memo file could not be read or written, as facts: the file and,
/// where it applies, the record (1-based, as FoxPro's RECNO()), the field and the numbers.
/// XBase throws it as `XBaseError` (the same type); the words are in `English+XBase.swift`
/// and `Portuguese+XBase.swift`, the reasons' in `…+XBaseReason.swift`.
public enum XBaseFailure: Error, Sendable, Hashable, CustomStringConvertible {
    case cannotOpen(file: String, reason: IOReason)
    case io(file: String, reason: IOReason)
    case notADBF(file: String, reason: HeaderReason)
    case badHeader(file: String, reason: HeaderReason)
    case badFieldDescriptor(file: String, field: Int, reason: DescriptorReason)
    case missingMemoFile(file: String, expected: String)
    case badMemo(file: String, record: Int?, field: String?, block: Int, reason: MemoReason)
    case invalidValue(file: String, record: Int, field: String, reason: ValueReason)
    case cannotEncode(file: String, record: Int, field: String, reason: EncodeReason)
    case unsupported(file: String, reason: UnsupportedReason)

    public func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.xbase(self)
        case .en: English.xbase(self)
        }
    }

    public var description: String { text(in: .en) }

    /// The error for a person in Portuguese (`description` stays the English one).
    public var portuguese: String { text(in: .pt) }
}

/// Why a file could not be opened, read or written.
public enum IOReason: Sendable, Hashable {
    /// The system's error number (`errno`), told by `strerror` in English.
    case system(errno: Int32)
    /// The system's error number when flushing (`fsync`) or closing the file.
    case flush(errno: Int32)
    case close(errno: Int32)
    case isFolder
    /// A record appended to a table already finished.
    case appendAfterFinish
    /// A file ended before the bytes its own index said it holds (the merge's key file).
    case shortRead
    /// An output that must be new already exists.
    case alreadyExists
    /// Another error, in its own words (not the engine's).
    case other(String)

    public func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.io(self)
        case .en: English.io(self)
        }
    }
}

/// What is wrong with a DBF header (or, writing, with the structure asked for).
public enum HeaderReason: Sendable, Hashable {
    case shorterThanHeader(fileSize: Int)
    case shorterThanHeaderLength(fileSize: Int, headerLength: Int)
    case headerLengthTooSmall(Int)
    case recordLengthZero
    case truncated
    case noDescriptorBeforeTerminator(records: Int, recordLength: Int)
    case dBase2TooShort
    case noFieldDescriptors
    case templateFieldOutside(field: String)
    case needsAField
    case versionHasNoMemo(version: UInt8)
    case recordTooLong(Int)
}

/// What is wrong with one field descriptor of a header (or of a structure to write).
public enum DescriptorReason: Sendable, Hashable {
    case empty
    case startsPastRecord(name: String, offset: Int, recordLength: Int)
    case emptyName(typeByte: UInt8)
    case controlByteInName(UInt8)
    case typeByteNotALetter(UInt8)
    case duplicateName(String)
    /// A field of a structure to write breaks a rule of the format.
    case rule(field: String, FieldRule)
}

/// The rules a field of a table to write must follow.
public enum FieldRule: Sendable, Hashable {
    case nameForm
    case characterLength(Int)
    case numericWidth(width: Int, decimals: Int)
    case dateWidth, logicalWidth, integerIsVFP
    case eightByteVFP(type: String)
    case varLengthVFP, blobIsVFP
    case cannotWrite(type: String)
    case flagsOnlyVFP, autoIncrementOnlyInteger
}

/// What is wrong with a memo file or one of its blocks.
public enum MemoReason: Sendable, Hashable {
    case block(MemoBlockFault)
    case fileHeaderShort(bytes: Int)
    case noReadableMemoFile
}

/// Why a value of a record cannot be read.
public enum ValueReason: Sendable, Hashable {
    case badWidth(ValueKind, width: Int)
    /// `hex`: the bytes; `dBase7`: the date and time they would be as dBASE 7's `@`.
    case badTimestamp(hex: String, dBase7: String?)
    case unknownType(UInt8)
    case outsideRecord(offset: Int, width: Int)
    /// `shown`: the bytes as quoted for a person.
    case notANumber(shown: String)
    case memoPointerNotANumber(shown: String)
    case integerDecimals(Int)
    case notADateForm(shown: String)
    case invalidDate(shown: String)
    case notALogical(shown: String)
    case invalidDateTime(shown: String)
    case invalidTimestamp(shown: String)
    case noSuchRecord
    case memoBlockUnreadable(block: Int)
}

/// The kind of a fixed-width field whose width is not its format's.
public enum ValueKind: Sendable, Hashable, CaseIterable {
    case rowVersion, integer, doubleB, doubleO, currency, date, dateTime, timestamp
}

/// Why a value cannot be written into a field.
public enum EncodeReason: Sendable, Hashable {
    case notNullable
    case bytesDoNotFit(bytes: Int, room: Int)
    case notACalendarDate(year: Int, month: Int, day: Int)
    case outsideInt32(String)
    case invalidDateTime(String)
    case textBytesDoNotFit(bytes: Int, room: Int)
    case noByteInCodePage(character: String, scalar: UInt32, codePage: String)
    case textCharactersDoNotFit(count: Int, room: Int)
    case noNullFlagsBit
    case notPlainDecimal(String)
    case wrongKind(value: ValueClass, fieldType: String)
    case tooManyDecimals(String, decimals: Int)
    case tooLarge(String)
    case tooWide(String, characters: Int, room: Int)
    case currencyDecimals(String)
    case currencyRange(String)
    case textInBinaryField(fieldType: String)
    case noMemoFile
    case valueCount(values: Int, fields: Int)
    case rawLength(bytes: Int, recordLength: Int)
    case memoPointerWithoutSource(UInt32)
}

/// The kind of a value given to the writer.
public enum ValueClass: Sendable, Hashable, CaseIterable {
    case null, text, bytes, number, integer, double, currency, date, dateTime, logical
}

/// What the writer does not do.
public enum UnsupportedReason: Sendable, Hashable {
    case writingVersion(UInt8)
    case memoBlockSize(Int)
    case memoTooLarge(bytes: Int)
    case dBase3MemoEndByte
    case memoFileFull
}
