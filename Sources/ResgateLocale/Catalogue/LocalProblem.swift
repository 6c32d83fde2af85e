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

extension English {
    static func localProblem(_ p: LocalProblem) -> String {
        switch p {
        case .cannotWrite(let r?): "cannot write: \(r)"
        case .cannotWrite(nil): "cannot write"
        case .cannotRead: "cannot read"
        case .cannotCreateFolder(let r): "cannot create the folder: \(r)"
        case .cannotCreateTemporaryFile: "cannot create a temporary file"
        case .cannotOpenLockFile: "cannot open the lock file"
        case .cannotLock: "cannot lock"
        case .cannotRename(let r): "cannot rename: \(r)"
        case .doesNotExist: "does not exist"
        case .foreign(let s): s
        }
    }
}

extension Portuguese {
    static func localProblem(_ p: LocalProblem) -> String {
        switch p {
        case .cannotWrite(let r?): "não foi possível gravar: \(r)"
        case .cannotWrite(nil): "não foi possível gravar"
        case .cannotRead: "não foi possível ler"
        case .cannotCreateFolder(let r): "não foi possível criar a pasta: \(r)"
        case .cannotCreateTemporaryFile: "não foi possível criar um arquivo temporário"
        case .cannotOpenLockFile: "não foi possível abrir o arquivo de trava"
        case .cannotLock: "não foi possível travar o arquivo"
        case .cannotRename(let r): "não foi possível renomear: \(r)"
        case .doesNotExist: "não existe"
        case .foreign(let s): s
        }
    }
}
