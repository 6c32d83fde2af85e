/// `resgate reindex`: a table's index status and what is wrong with an index (facts of
/// `StoreOps.ReindexReport`). The words are in `Portuguese+Reindex.swift` / `English+Reindex.swift`.
public enum ReindexPhrase: Sendable, Hashable {
    case status(Status)
    /// A defect of an index: its tag (nil: the whole file), what kind, and what the verifier found.
    case defect(tag: String?, fault: Fault, detail: IndexFinding)

    public enum Status: Sendable, Hashable, CaseIterable {
        case ok, defects, unchecked, rebuilt, refused, failed, noIndex, missingIndex
    }

    /// `XBase.IndexDefect.Kind`, as far as words differ.
    public enum Fault: Sendable, Hashable, CaseIterable {
        case damagedStructure, outOfOrder, entriesDiffer, nationalCollation, keysDisagree, binaryIndex
        /// An expression the verifier cannot compute: the tag is not checked.
        case unsupportedExpression
    }
}

public extension ReindexPhrase {
    func text(in language: Language) -> String { Phrase.reindex(self).text(in: language) }
    var words: Words { Phrase.reindex(self).words }
}
