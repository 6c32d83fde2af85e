/// Why a CDX index could not be read, built or checked, as facts: the index file and, where
/// it applies, the tag and the byte offset of the bad page. XBase throws it as `CDXError`
/// (the same type); the words are in `English+Index.swift` and `Portuguese+Index.swift`.
public enum IndexFailure: Error, Sendable, Hashable, CustomStringConvertible {
    case cannotOpen(file: String, reason: IOReason)
    case io(file: String, reason: IOReason)
    /// The bytes do not form a CDX structure we can walk (bad pointer, impossible counts).
    case malformed(file: String, tag: String?, offset: Int, reason: IndexReason)
    /// The key or FOR expression uses something the evaluator does not support. Refusing is
    /// the only safe answer: a guessed key would build an index that finds wrong records.
    case unsupportedExpression(file: String, tag: String, expression: String, reason: ExpressionReason)
    /// The tag sorts by a national collation (VFP GENERAL, Harbour PTISO…), not by bytes.
    case unsupportedCollation(file: String, tag: String, collation: String)
    /// The table itself could not be read.
    case table(XBaseFailure)

    public func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.index(self)
        case .en: English.index(self)
        }
    }

    public var description: String { text(in: .en) }
}

/// What is wrong with the bytes of a CDX file.
public enum IndexReason: Sendable, Hashable {
    case fileTooShort(bytes: Int)
    case directoryKeyLength(Int)
    case tagOutsideFile(tag: String, offset: Int)
    case tagHeaderSize(bytes: Int)
    case tooManyTags
    case nodePointer(offset: Int, fileSize: Int)
    case treeTooDeep
    case cycle
    case rootNotMarked
    case innerMarkedRoot
    case pageCut(bytes: Int)
    case keyLengthImpossible(Int)
    case notANodeType(attribute: Int)
    case neitherInteriorNorLeaf(attribute: Int)
    case interiorCount(keys: Int, room: Int)
    case interiorEmpty
    case interiorLeftLink(Int, expected: Int)
    case interiorRightLink(Int, next: Int)
    case lastInteriorRightLink(Int)
    case leafWidths(record: Int, duplicate: Int, trailing: Int, entryBytes: Int)
    case leafMasks
    case leafCount(keys: Int, bytes: Int)
    /// `key` 1-based.
    case keyCompression(key: Int, duplicate: Int, trailing: Int, keyLength: Int)
    case firstKeyShares(bytes: Int)
    case keysIntoEntries(key: Int)
    case leafFreeSpace(says: Int, leaves: Int)
    case leafLeftLink(Int, previous: Int)
    case leafRightLink(Int, next: Int)
    case lastLeafRightLink(Int)
    case parentKey
}

/// The type of an index expression's value.
public enum ExpressionType: Sendable, Hashable, CaseIterable {
    case character, numeric, integer, date, dateTime, logical
}

/// Why an index expression is not evaluated.
public indirect enum ExpressionReason: Sendable, Hashable {
    /// The text does not parse; `position` is 1-based.
    case syntax(position: Int, SyntaxReason)
    case noField(String)
    case containerLacksField(container: String, field: String)
    case fieldNotKeyable(field: String, type: String)
    case notNeedsLogical
    case unaryNeedsNumber(minus: Bool)
    case unknownFunction(String)
    case logicalOperands(op: String)
    case cannotCompare(ExpressionType, ExpressionType)
    case containsNeedsCharacters
    case cannotApply(op: String, ExpressionType, ExpressionType)
    case needsNumbers(op: String)
    case badArguments(function: String, [ExpressionType])
    case onlyWithOne(function: String)
    case needsDate(function: String)
    case iifArguments
    case emptyTakesOne
    case bintocSize
    case forNotLogical
    case keyDoesNotFit(ExpressionType, keyLength: Int)
    case keyWidth(bytes: Int)
    /// The old index disagrees with the keys we compute (or is a binary index): the tag
    /// cannot be judged, so it is not rebuilt.
    case notJudged(IndexFinding)
}

/// Why an expression's text does not parse.
public enum SyntaxReason: Sendable, Hashable {
    case trailingText
    case expected(String)
    case fieldAfterAlias(String)
    case endsTooEarly
    case unexpectedToken
    case unclosedString
    case badNumber(String)
    case unknownDotWord(String)
    case unexpectedCharacter(String)
}

/// Why a table's database container (DBC) gives no long field names.
public enum ContainerReason: Sendable, Hashable {
    case notBeside(container: String)
    case notAContainer(path: String, column: String)
    case noTableObject(path: String, table: String)
    case tableObjects(path: String, count: Int, table: String)
    case fieldCount(path: String, listed: Int, table: String, fields: Int)
    case fieldMismatch(path: String, long: String, short: String)
    case unreadable(XBaseFailure)

    public func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.container(self)
        case .en: English.container(self)
        }
    }
}

/// What a check found wrong with one tag of an index (XBase's `IndexDefect.detail`).
/// `shown` values are entries as `recno:key`.
public enum IndexFinding: Sendable, Hashable {
    /// The file or a tag cannot be read or walked.
    case failure(IndexFailure)
    case tableUnreadable(IndexFailure)
    case binaryIndex(IndexFailure)
    case keysDisagree(shared: Int, indexEntries: Int, recordEntries: Int)
    case entriesDiffer(indexEntries: Int, recordEntries: Int, first: EntryDifference?)
    /// Entries differ and are not in byte order: entry `entry` sorts before the one before it.
    case unsortedAndDiffer(entry: Int, shown: String, previous: String, first: EntryDifference?)
    case outOfOrder(entry: Int, shown: String, previous: String)
    case nationalCollation(position: Int, before: String, after: String)
    case newTagCount(new: Int, old: Int)
    case newTagHeaderDiffers
    case newOutOfOrder(entry: Int)
    case newEntryCount(entries: Int, records: Int)
    case newEntriesDiffer
    case cannotCheckNew(IndexFailure)

    public func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.indexFinding(self)
        case .en: English.indexFinding(self)
        }
    }
}

/// The first place where an index's entries and the records' differ.
public enum EntryDifference: Sendable, Hashable {
    /// `position` 1-based; nil: nothing there.
    case at(position: Int, index: String?, records: String?)
    case extra(String)
    case missing(String)
}
