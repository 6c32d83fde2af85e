/// What `scan` finds in a table (RestoreKit's `StoreScanner`), as facts; the words are in
/// `Portuguese+Scan.swift` / `English+Scan.swift`.
public enum ScanPhrase: Sendable, Hashable {
    /// A DBF health finding (XBase's `TableHealth`).
    case health(HealthFact)
    /// More findings than the table's report keeps.
    case moreFindings(Int)
    /// A defect of the table's index file `file` (as `reindex` tells it); `repairable`:
    /// `reindex` rebuilds it.
    case index(file: String, ReindexPhrase, repairable: Bool)
    /// The header says there is a CDX index but no file is there.
    case indexFileMissing
}

public extension ScanPhrase {
    func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.scan(self)
        case .en: English.scan(self)
        }
    }
}
