import Foundation

/// What is wrong in a backup set, as facts with their values (BackupSet's `Defect` carries
/// one; its place — file, line, field — is the defect's own). The sentences are in
/// `Portuguese+Defects.swift` and `English+Defects.swift`, one switch per language.
/// Values may come from hostile files: whoever shows the text escapes it (`Defect` does).
public enum DefectReason: Sendable, Hashable {
    case zip(ZipFault)
    case set(SetFault)
    case structure(StructureFault)
    case line(LineFault)
    case value(ValueFault)
    case memo(MemoFault)
    case manifest(ManifestFault)
    case backup(BackupFault)
    case restore(RestoreFault)
    /// Another error that stopped the reading: its fact (`Cause`).
    case error(Cause)
}

/// Where a defect is, as `message(in:)` puts it before the sentence:
/// `VENDAS.TXT, linha 12, campo NOME` / `VENDAS.TXT, line 12, field NOME`.
public struct DefectPlace: Sendable, Hashable {
    public var file: String?
    /// 1-based line in `file`.
    public var line: Int?
    public var field: String?

    public init(file: String?, line: Int?, field: String?) { self.file = file; self.line = line; self.field = field }

    public func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.place(self)
        case .en: English.place(self)
        }
    }
}

/// The zip container of a set and the members read out of it.
public enum ZipFault: Sendable, Hashable {
    /// `damaged zip: …`
    case damaged(ZipDamage)
    case cannotOpen(reason: Cause)
    case memberOverlapsDirectory(member: String)
    case membersShareBytes(String, String)
    case unsafeName(member: String, UnsafeMemberName)
    case duplicateMember(String)
    case encrypted
    case unsupportedMethod(Int)
    case declaredBomb(uncompressed: Int, compressed: Int)
    case inflatesPastSize(Int)
    case zlibDidNotStart
    case deflateDamaged(zlib: Int)
    case sizeMismatch(got: Int, declared: Int)
    case checksumMismatch
    case truncated
}

/// How a zip's directory or headers are damaged.
public enum ZipDamage: Sendable, Hashable {
    /// Reading the directory failed with another error.
    case described(Cause)
    case tooShort(bytes: Int)
    case noEndRecord
    case badZip64EndRecord
    case directoryOutside(offset: Int, size: Int, fileSize: Int)
    case tooManyMembers(count: Int, max: Int)
    /// 1-based entry of the central directory.
    case directoryEntryDamaged(Int)
    case directoryEntryCut(Int)
    case memberOutside(String)
    case moreRefused(omitted: Int, listed: Int)
    case localHeaderUnreadable(String)
    case localHeaderDamaged(String)
    case dataPastEnd(String)
    case localHeaderNamesAnother(String)
}

/// Why a member's name is not safe to write anywhere.
public enum UnsafeMemberName: Sendable, Hashable, CaseIterable {
    case empty, nulByte, absolutePath, driveLetter, climbsOut
}

/// Why a member's stem is not a table name (letters, digits and `_`).
public enum TableNameFault: Sendable, Hashable {
    case empty
    case tooLong(Int)
    case badCharacter(UInt8)

    /// A byte as the sentences show it: `'x'` when printable ASCII, else `0x1B`.
    static func shown(_ b: UInt8) -> String {
        b >= 0x21 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : String(format: "0x%02X", b)
    }
}

/// The set as a whole: its folder or zip, its members and how they group into tables.
public enum SetFault: Sendable, Hashable {
    case doesNotExist
    case cannotListFolder
    case cannotReadFolder
    case cannotOpen
    case fileInSubfolder
    case largerThan(Int)
    case twoStructureFiles(used: String)
    case dataWithoutStructure
    case memoArchiveWithoutTable
    case plainAndNumberedParts(String)
    case partsMissing([String])
    case partRepeated(Int)
    case badTableName(member: String, stem: String, TableNameFault?)
    case cannotWriteTemporaryFile(String)
    /// `reason`: a foreign error's words (Foundation's, writing the copy).
    case cannotCopy(reason: String)
    case cannotCreateTemporaryFolder
    case noSuchTable
    case memoArchiveWithoutMemoFields
    case memoArchiveMissing(table: String)
    case textTooLarge(bytes: Int, records: Int, limit: Int)
    case noReadableStructure
}

/// A table's structure file (`_Estr`): LIST STRUCTURE text, delimited text or a DBF.
public enum StructureFault: Sendable, Hashable {
    case notText(offset: Int)
    case badRecordCount(String)
    case noWidth
    case badDecimals(Int)
    case unknownType(String)
    case noFieldLine
    case lacksColumns
    case recordWithoutFieldName
    case badFieldType, badFieldLen, badFieldDec
    case badWidth(Int)
    case noRecords
    case unreadableTable(reason: Cause)
    case badCommentValue(String)
    case incompleteLine
    case unknownFieldType(String)
    case badWidthText(String)
    case badDecimalsText(String)
    case noFields
    case tooLarge(fields: Int, bytes: Int, maxFields: Int, maxBytes: Int)
    case recordCountMismatch(said: Int, found: Int)
}

/// A line of a table's text that cannot be read as a record.
public enum LineFault: Sendable, Hashable {
    case widthExceeded(bytes: Int, width: Int)
    case shouldBeEmpty
    case ambiguous
    case fieldCount(found: Int, expected: Int)
    case cannotSplit
    case tooLong(bytes: Int, limit: Int)
    case binary
    case unclosedQuote
}

/// A field's value in a line.
public enum ValueFault: Sendable, Hashable {
    /// `shown`: the start of the value as it is in the text.
    case notA(shown: String, ExpectedValue)
    case tooLong(bytes: Int, width: Int)
    case typeNotInText(String)
    case doesNotFit(shown: String, length: Int, decimals: Int)
}

/// What a value should have been.
public enum ExpectedValue: Sendable, Hashable, CaseIterable {
    case number, integer32, currency, currencyDecimals, currencyInRange, logical
    case date, validDate, dateTime
}

/// A table's memo archive (`T.ZIP` holding a DBF with the memos).
public enum MemoFault: Sendable, Hashable {
    case lacksField
    case countMismatch(memo: Int, text: Int)
    case unreadable(reason: Cause)
    case valueMismatch(text: String, memo: String)
    case cannotWriteTemporaryFile
    case cannotRead(reason: Cause)
    case dbfCount(Int)
    case dbfUnreadable(reason: Cause)
}

/// `manifest.json` and what it says about the set.
public enum ManifestFault: Sendable, Hashable {
    /// `reason`: the JSON decoder's words (foreign).
    case unreadable(reason: String)
    case unknownFormat(String)
    case fileMissing
    case sizeMismatch(actual: Int, listed: Int)
    case hashMismatch
    case recordCountMismatch(listed: Int, found: Int)
}

/// Writing a set (`resgate backup`).
public enum BackupFault: Sendable, Hashable {
    case tableNotFound(folder: String)
    case unreadableTableLeftOut(reason: Cause)
    case tableLeftOut(reason: Cause)
    case noFreeQuote
}

/// Restoring a table into the live folder (RestoreKit's table sources and writer).
public enum RestoreFault: Sendable, Hashable {
    /// A DBF health finding; `wholeTable`: about the file, not one record.
    case health(HealthFact, wholeTable: Bool)
    case unreadableValue(reason: Cause)
    case structureMissing
    case tableUnreadable(reason: Cause)
    case cannotWrite(reason: Cause)
    case doesNotFitLiveField(reason: FitProblem)
    /// More defects than a table's report lists.
    case moreDefects(Int)
    case indexNotRebuilt(reason: Cause)
    /// The backup's structure cannot be written as the live table needs.
    case structureNotWritable(String)
    /// A table refused as the restore tells it (`--merge`'s refusals: `RestorePhrase.merge…`).
    case refused(RestorePhrase)
}

/// How a table's data file is written (BackupSet's `DataVariant`), as `show` tells it.
public enum DataLayout: Sendable, Hashable {
    /// `separator` and `quote` as shown: the character, or `TAB`.
    case delimited(separator: String, quote: String?, canonical: Bool)
    case sdf(bytes: Int)

    public func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.dataLayout(self)
        case .en: English.dataLayout(self)
        }
    }
}

public extension DefectReason {
    /// The sentence, not yet escaped: values from hostile files are shown as they are.
    func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.defect(self)
        case .en: English.defect(self)
        }
    }
}
