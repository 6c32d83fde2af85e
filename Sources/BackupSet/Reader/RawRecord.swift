import XBase

/// A data line split into its values but not typed: for a consumer that copies most values
/// straight into a DBF record (the restore) and types only the rest.
///
/// Only handed out for lines the typed reader would split the same way (`plainSpans`), so
/// typing every value here gives exactly the record the typed reader would: `value(_:)`
/// fails exactly where it would report the line. Valid only during the call that gives it.
public struct RawRecord {
    /// 1-based line the record is on, in `file`.
    public let line: Int
    let base: UnsafeRawPointer
    let spans: UnsafePointer<FieldSpan>
    /// Text-field position of each structure field (-1: memo field, not in the text).
    let textIndex: UnsafePointer<Int>
    let decoders: UnsafePointer<TextValueDecoder>
    let text: Unmanaged<FastTextDecoder>

    @inline(__always) func span(_ field: Int) -> (UnsafeRawBufferPointer, Bool, Int) {
        let t = textIndex[field]
        precondition(t >= 0, "field \(field) is a memo field: its value is not in the line")
        let s = spans[t]
        return (UnsafeRawBufferPointer(start: base + s.start, count: s.count), s.quoted, t)
    }

    /// The typed value of structure field `field` (not a memo field), as the typed reader
    /// decodes it; nil when the text is not a value of the field (the line is then a defect,
    /// which only the typed reader words).
    public func value(_ field: Int) -> DBFValue? {
        let (raw, quoted, t) = span(field)
        guard case .success(let v) = decoders[t].decode(raw, quoted: quoted, text: text.takeUnretainedValue()) else { return nil }
        return v
    }

    /// Whether `value(field)` would give a value, without making it (see
    /// `TextValueDecoder.accepts`): what `verify` asks of every value.
    func decodes(_ field: Int) -> Bool {
        let (raw, quoted, t) = span(field)
        return decoders[t].accepts(raw, quoted: quoted, text: text)
    }

    /// Writes structure field `field`'s value into `slot` through `copier`; false when it
    /// must be typed instead (see `RawFieldCopier`).
    @inline(__always)
    public func copy(_ field: Int, _ copier: RawFieldCopier, into slot: UnsafeMutableRawBufferPointer) -> Bool {
        let (raw, quoted, t) = span(field)
        return copier.copy(raw, quoted: quoted, decoder: decoders[t], into: slot)
    }

    /// `copy(_:_:into:)` of every field of `plan`, in one call (a call per field cost more
    /// than most copies): field `plan[k].field` into the `plan[k].length` bytes at
    /// `plan[k].offset` of `record`. The positions in `plan` of the fields whose copier
    /// declined go to `declined` (room for `plan.count`), in order; returns how many.
    public func copy(_ plan: UnsafeBufferPointer<FieldCopy>, into record: UnsafeMutableRawPointer,
                     declined: UnsafeMutablePointer<Int>) -> Int {
        var n = 0
        for k in 0..<plan.count {
            let c = plan[k]
            let (raw, quoted, t) = span(c.field)
            if !c.copier.copy(raw, quoted: quoted, decoder: decoders[t],
                              into: UnsafeMutableRawBufferPointer(start: record + c.offset, count: c.length)) {
                declined[n] = k
                n += 1
            }
        }
        return n
    }

    /// The code page the text is in (what `DBFWriter.textByteMap(from:)` needs).
    public var codePage: CodePage { text.takeUnretainedValue().codePage }
}

/// One field `RawRecord.copy(_:into:declined:)` copies: structure field `field` through
/// `copier` into the `length` bytes at `offset` of a record buffer (the caller's to keep
/// inside its buffer).
public struct FieldCopy {
    public let field: Int
    public let copier: RawFieldCopier
    public let offset: Int
    public let length: Int
    public init(field: Int, copier: RawFieldCopier, offset: Int, length: Int) {
        self.field = field; self.copier = copier; self.offset = offset; self.length = length
    }
}

/// Takes lines as `RawRecord`s before the typed reader does (see `BackupSet.forEachRecord(
/// table:options:raw:_:)`). A line goes through `stage`, then, when that accepts it, its
/// memo values are read and `commit` gets them; a line `stage` declines is read the typed
/// way and handed to the ordinary body (or reported), as if no sink were there.
public protocol RawRecordSink: AnyObject {
    /// Prepares the record from the line's text values. False: the typed path takes the
    /// line. Must leave no trace outside its own scratch state when it returns false.
    func stage(_ record: RawRecord) throws -> Bool
    /// Completes the staged record: `values` holds the memo values (structure order, only
    /// memo fields meaningful). The sink owns the outcome from here on.
    func commit(_ record: RawRecord, memoValues values: [DBFValue]) throws
    /// Whether the sink takes memo values as stored (`commit(_:memos:)`) from a memo
    /// archive whose text is in `codePage`; asked once per table, before any line.
    func takesStoredMemos(codePage: CodePage) -> Bool
    /// `commit(_:memoValues:)` with the memo values as stored in the memo archive, for a
    /// sink that said it takes them.
    func commit(_ record: RawRecord, memos: StoredMemos) throws
}

extension RawRecordSink {
    public func takesStoredMemos(codePage: CodePage) -> Bool { false }
    public func commit(_ record: RawRecord, memos: StoredMemos) throws {
        try commit(record, memoValues: memos.values)
    }
}

/// A record's memo values as the memo archive stores them, without a `String` per memo
/// (see `RawRecordSink.takesStoredMemos`): valid only during the `commit` that gets it.
/// `value(_:)` is always exactly the value `commit(_:memoValues:)` would have had.
public struct StoredMemos {
    /// What a memo field holds as stored.
    public enum Memo {
        /// Text in the memo archive's code page: the typed value is `.string` of it.
        case text(UnsafeRawBufferPointer)
        /// Bytes: the typed value is `.bytes` of them.
        case bytes(UnsafeRawBufferPointer)
        /// Anything else (NULL, no memo column): ask `value(_:)`.
        case typed
    }

    /// This record's entries, one per memo column.
    let entries: UnsafePointer<StoredMemoEntry>
    let arena: UnsafeRawPointer?
    /// Memo column of each structure field (-1: none).
    let column: UnsafePointer<Int>
    let high: UnsafeMutablePointer<UInt32>
    /// Values of the structure fields with no column (blanks).
    let fallback: [DBFValue]
    /// The batch's typed `.other` entries, by batch index.
    let others: [Int: DBFValue]
    /// Batch index of `entries[0]`.
    let first: Int

    /// Memo field `field` (structure order) as stored.
    @inline(__always)
    public func stored(_ field: Int) -> Memo {
        let c = column[field]
        guard c >= 0 else { return .typed }
        let e = entries[c]
        switch e.kind {
        case .text: return .text(UnsafeRawBufferPointer(start: e.count > 0 ? arena! + e.start : nil, count: e.count))
        case .bytes: return .bytes(UnsafeRawBufferPointer(start: e.count > 0 ? arena! + e.start : nil, count: e.count))
        case .null, .other: return .typed
        }
    }

    /// The typed value of memo field `field` (structure order), as the typed reader gives it.
    public func value(_ field: Int) -> DBFValue {
        let c = column[field]
        guard c >= 0 else { return fallback[field] }
        let e = entries[c]
        switch e.kind {
        case .null: return .null
        case .other: return others[first + c] ?? .null
        case .text:
            return .string(TextDecoding.decode(UnsafeRawBufferPointer(start: e.count > 0 ? arena! + e.start : nil, count: e.count),
                                               high: high))
        case .bytes:
            return .bytes(Array(UnsafeRawBufferPointer(start: e.count > 0 ? arena! + e.start : nil, count: e.count)))
        }
    }

    /// Every structure field's value as `commit(_:memoValues:)` gets them (memo fields meaningful).
    public var values: [DBFValue] { fallback.indices.map { column[$0] >= 0 ? value($0) : fallback[$0] } }
}
