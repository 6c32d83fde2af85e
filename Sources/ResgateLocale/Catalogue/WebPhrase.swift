/// Why the web screen's server refuses a request or cannot start (ResgateWeb's `WebError`),
/// as facts. The words are in `Portuguese+Web.swift` / `English+Web.swift`; the page's own
/// words stay in its `i18n.js`.
public enum WebPhrase: Sendable, Hashable {
    case noSocket
    case noFreePort
    case pageFileUnreadable(String)
    case pageFilesMissing
    case nothingRunning
    case notCancellable
    /// Another operation (its kind; nil when it is no longer known) holds the data folder.
    case busy(kind: WebOperation?)
    case noSuchOperation(String)
    case invalidJSONBody(String)
    case noBackupRoot
    case invalidBackupName
    case noSuchBackup(id: String, root: String)
    case pathDoesNotExist(String)
    case notFolderOrZip(String)
    case notBackupOrTableFolder(String)
    case invalidReportName
    case noSuchReport(String)
    case hostNotAllowed
    case foreignOrigin(String)
    case crossSite
    /// `header`: the token's header when a state-changing call lacks it.
    case missingToken(header: String?)
    case wrongToken
    case methodNotAllowed(use: String)
    /// An operation failed with an error that has no words of its own.
    case failed(Cause)

    public func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.web(self)
        case .en: English.web(self)
        }
    }

    public var words: Words { Words(text) }
}
