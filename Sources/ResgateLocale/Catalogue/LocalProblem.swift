/// What failed on this machine around a cloud copy (`CloudPhrase.local`) or a status run
/// (`StatusPhrase.Down.local`). A `reason` is a foreign error's words (Foundation's
/// description, `strerror(3)`), shown as they are in every language, by design.
public enum LocalProblem: Sendable, Hashable {
    case cannotWrite(reason: String?)
    case cannotRead
    case cannotCreateFolder(reason: String)
    case cannotCreateTemporaryFile
    case cannotOpenLockFile
    case cannotLock
    case cannotRename(reason: String)
    case doesNotExist
    /// A foreign error with nothing of ours to say about it.
    case foreign(String)

    public func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.localProblem(self)
        case .en: English.localProblem(self)
        }
    }
}
