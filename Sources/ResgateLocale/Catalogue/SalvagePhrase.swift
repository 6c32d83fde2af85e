/// What `resgate salvage` says (and merge's summary, for the records it could not read), as
/// facts. The words are in `Portuguese+Salvage.swift` / `English+Salvage.swift`.
public enum SalvagePhrase: Sendable, Hashable {
    /// `--table` is not a table name; the name as given, already escaped.
    case badName(String)
    case noTable(table: String, folder: String)
    case unreadableHeader(file: String, reason: Cause)
    case cannotWrite(file: String, reason: Cause)
    /// Why a record cannot be trusted (XBase's `RecordFault.Kind` is this type).
    case fault(RecordFaultKind)
    /// A record set aside: `VENDAS registro 12 TOTAL: número ilegível`.
    case quarantined(table: String, record: Int, field: String?, RecordFaultKind)
    /// A memo emptied, its record kept.
    case memoLost(table: String, record: Int, field: String, RecordFaultKind)
    /// The summary's first line.
    case salvaged(table: String, records: Int, output: String)
    case headerCountDiffers(header: Int, inFile: Int)
    case tornTail(bytes: Int)
    case lostCounts(unreadable: Int, memos: Int)

    public func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.salvage(self)
        case .en: English.salvage(self)
        }
    }
}

/// Why one record cannot be trusted (XBase's `RecordFault.Kind`).
public enum RecordFaultKind: String, Sendable, Hashable, Codable {
    /// The first byte is neither ` ` nor `*`.
    case badDeleteFlag
    case badNumber, badDate, badLogical, badDateTime, badVarLength
    /// A memo pointer that is not a number.
    case badMemoPointer
    /// A memo pointer past the memo file, or into a block that is not a memo.
    case memoPointerOutside, badMemoBlock
}
