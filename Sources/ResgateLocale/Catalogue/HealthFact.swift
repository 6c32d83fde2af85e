/// What a DBF table's health check found (XBase's `HealthFinding`), as facts with their
/// values. The sentences are in `Portuguese+Health.swift` and `English+Health.swift`.
public enum HealthFact: Sendable, Hashable {
    /// Why the table cannot be opened.
    case unreadableTable(XBaseFailure)
    case unknownCodePage(mark: UInt8, readAs: String)
    case badDeleteFlag(UInt8)
    case unreadableRecords(XBaseFailure)
    /// The end-of-file byte where `record` should start; `last` is the header's count.
    case eofInsideRecords(record: Int, last: Int)
    case countTooHigh(header: Int, room: Int, strayBytes: Int)
    case countTooLow(header: Int, room: Int)
    case recordLengthMismatch(header: Int, fields: Int)
    /// A note of the header parser (`HeaderNote`); its kind says what it is about.
    case headerNote(HeaderNote)
    case unknownFieldType(UInt8)
    /// Why the memo file cannot be used (nil: it is missing).
    case memoFileUnusable(XBaseFailure?)
    case shortMemoFile(path: String, bytes: Int)
    case memoNextFreePastEnd(block: Int, bytes: Int)
    case noEOFByte
    case bytesAfterEOF(Int)
    case byteAfterLastRecord(UInt8)
    case bytesAfterLastRecord(Int)
    /// `shown`: the field's bytes as the report quotes them.
    case numberOverflow(shown: String)
    case notANumber(shown: String)
    case badDate(shown: String)
    case badLogical(shown: String)
    case badDateTime(shown: String)
    /// A timestamp that is not valid, maybe read two ways.
    case ambiguousTimestamp(ValueReason)
    case badVarLength(lengthByte: Int, width: Int)
    case badMemoPointer(shown: String)
    case memoBlock(block: Int, MemoBlockFault)
    /// Words read back from a stored finding.
    case described(Words)

    public func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.health(self)
        case .en: English.health(self)
        }
    }

    /// Two hex digits, as the sentences show a byte after `0x`.
    static func hex(_ b: UInt8) -> String { (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true) }
}

/// What a header note is about.
public enum HeaderNoteKind: Sendable, Hashable, CaseIterable {
    case dbcBacklinkMissing, terminator, recordLength, brokenDescriptor, other
}

/// Where a DBF header disagrees with its file, read anyway (XBase's `TableHeader.notes`),
/// with its numbers; the health check reports each by its `kind`.
public enum HeaderNote: Sendable, Hashable {
    /// The byte after the descriptors is not 0x0D.
    case terminator(UInt8)
    case lastDescriptorCut
    case noTerminator
    case noFields
    /// Not reported as a note: the health check compares the lengths itself.
    case recordLengthDiffers(header: Int, fields: Int)
    /// The records are read `fields` bytes apart, not `header`.
    case recordsApart(fields: Int, header: Int)
    case fieldCut(name: String, end: Int, recordLength: Int, cutTo: Int)
    case fieldOverlaps(name: String, offset: Int, inside: String, from: Int, to: Int)
    /// A VFP header with room for the descriptors only: a free table (not damage).
    case noBacklink
    case backlinkDoesNotFit
    case countAboveFile(header: Int, holds: Int)
    case countBelowRoom(header: Int, room: Int)
    case memoFileMissing(expected: String)
    case memoFileUnusable(XBaseFailure)

    public var kind: HeaderNoteKind {
        switch self {
        case .noBacklink: .dbcBacklinkMissing
        case .terminator, .noTerminator: .terminator
        case .recordsApart, .recordLengthDiffers: .recordLength
        case .lastDescriptorCut, .fieldCut, .fieldOverlaps, .backlinkDoesNotFit: .brokenDescriptor
        case .noFields, .countAboveFile, .countBelowRoom, .memoFileMissing, .memoFileUnusable: .other
        }
    }

    public func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.headerNote(self)
        case .en: English.headerNote(self)
        }
    }
}

/// What is wrong with the memo block a record points at.
public enum MemoBlockFault: Sendable, Hashable {
    case outside(memoBytes: Int)
    case headerCut
    case badType(Int)
    case lengthPastEnd(Int)
    case badSignature
    case lengthDoesNotFit(Int)
}
