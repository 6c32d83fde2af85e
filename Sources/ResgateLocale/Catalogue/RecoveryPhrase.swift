/// What `resgate recreate` says to a person. The words are in `Portuguese+Recovery.swift` /
/// `English+Recovery.swift`.
public enum RecreatePhrase: Sendable, Hashable {
    case confirm(Int, tables: String)
    /// No terminal to ask and no --yes.
    case needYes
    case nothing
    /// One note re-created (`record`: its sales row) or, in a dry run, to be re-created.
    case note(Int, series: Int, model: Int, items: Int, record: Int?, dryRun: Bool)
    case skippedEntry(Int)
    case done(Int, id: String, data: String)
    case dryRun(Int)
    case stockHeading
    case truncatedHeading
    /// A list of the report stopped at its limit; `--json` counts every entry.
    case more(Int)
    case checkFailed
    case refused(Cause)
    case markedRows(field: String, value: String)
}

/// What `resgate inutilizar` says to a person.
public enum VoidingPhrase: Sendable, Hashable {
    /// One request drafted: its numbers, file, deadline (ISO date) and days left (negative: overdue).
    case request(id: String, first: Int, last: Int, file: String?, deadline: String, daysLeft: Int)
    case unsigned
    /// A span not included: the points of sale must be checked first.
    case held(String, near: Int?)
    case nothing
    case written(Int, folder: String)
}

public extension RecreatePhrase {
    func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.recreate(self)
        case .en: English.recreate(self)
        }
    }
}

public extension VoidingPhrase {
    func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.voiding(self)
        case .en: English.voiding(self)
        }
    }
}
