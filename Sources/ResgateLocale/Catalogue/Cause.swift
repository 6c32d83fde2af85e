/// Why something failed when another error is the reason, as the fact that error is: the
/// engine's own errors keep their facts (worded in the reader's language at the edge); only
/// a foreign error (Foundation, POSIX, a library) keeps its own words.
public indirect enum Cause: Sendable, Hashable, CustomStringConvertible {
    case xbase(XBaseFailure)
    case fiscal(FiscalErrorPhrase)
    case restore(RestorePhrase)
    case phrase(Phrase)
    /// A backup-set defect (BackupSet's `Defect`): its place and reason.
    case defect(DefectPlace, DefectReason)
    /// An error that is not the engine's (Foundation, POSIX, a library): its own
    /// description, English, shown as it is in every language.
    case foreign(String)

    /// The error's fact where it is one of ours (`CauseConvertible` for the modules'
    /// own error types), else its description.
    public init(_ error: any Error) {
        switch error {
        case let e as XBaseFailure: self = .xbase(e)
        case let e as FiscalErrorPhrase: self = .fiscal(e)
        case let e as MergeConfigFailure: self = .phrase(.invalidMergeConfig(e))
        case let e as any CauseConvertible: self = e.cause
        default: self = .foreign("\(error)")
        }
    }

    /// The sentence, not yet escaped (whoever shows it does, as for `DefectReason`).
    public func text(in language: Language) -> String {
        switch self {
        case .xbase(let f): f.text(in: language)
        case .fiscal(let e): e.text(in: language)
        case .restore(let p): Phrase.restore(p).text(in: language)
        case .phrase(let p): p.text(in: language)
        case let .defect(place, r):
            (place == DefectPlace(file: nil, line: nil, field: nil) ? "" : place.text(in: language) + ": ") + r.text(in: language)
        case .foreign(let s): s
        }
    }

    public var description: String { text(in: .en) }
}

/// An error of the engine's modules that is told as a `Cause` (BackupSet's, RestoreKit's).
public protocol CauseConvertible: Error {
    var cause: Cause { get }
}

/// A literal is a foreign error's words (samples in tests).
extension Cause: ExpressibleByStringLiteral {
    public init(stringLiteral s: String) { self = .foreign(s) }
}
