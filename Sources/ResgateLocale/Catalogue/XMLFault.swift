/// What is wrong with a broken XML file (Fiscal's reader; `Fiscal.XMLDefect` is this type),
/// kept structured so it can be said in both languages and compared in tests. The words are
/// in `Portuguese+XML.swift` / `English+XML.swift`.
public enum XMLFault: Sendable, Hashable, Codable {
    /// The file ends inside a tag (its name when known).
    case endsInsideTag(String?)
    case unterminated(Construct)
    case endTagWithoutStart(String)
    case mismatchedEndTag(found: String, open: String)
    case noTagName
    /// The file ends while this element is still open: truncated.
    case endsBefore(String)
    /// A field the document needs is absent (e.g. `ide/nNF`).
    case missingField(String)
    case notANumber(field: String, text: String)
    case reversedRange(first: Int, last: Int)
    /// A cancellation event whose `chNFe` is not a usable key.
    case unusableEventKey(String)
    /// A value longer than the layout allows by far (chNFe, dhEmi, nProt): not stored.
    case valueTooLong(field: String, bytes: Int)
    /// A number past what the layout allows (nNF above 999,999,999).
    case numberTooLarge(field: String, value: Int)

    /// What an unterminated construct is (`unterminated`).
    public enum Construct: String, Sendable, Codable { case comment, cdata, processingInstruction, declaration }

    public func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.xmlFault(self)
        case .en: English.xmlFault(self)
        }
    }
}
