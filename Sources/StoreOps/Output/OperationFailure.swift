import ResgateLocale

/// Why an operation could not run: a fact with its values. The CLI prints its words on
/// stderr and exits with `exit`; the web screen answers with the matching HTTP status.
public struct OperationFailure: Error, Sendable, CustomStringConvertible {
    public var phrase: Phrase
    /// Further lines (each defect of an unreadable set), already in words.
    public var details: Words?
    public var exit: ExitKind

    public init(_ phrase: Phrase, exit: ExitKind = .badInput, details: Words? = nil) {
        self.phrase = phrase; self.exit = exit; self.details = details
    }

    public func text(in language: Language) -> String {
        details.map { $0.text(in: language) } ?? phrase.text(in: language)
    }

    public var description: String { text(in: .en) }
}
