/// What the command line says about a backup set's way in and out: the source it turned
/// out to be, a download from or an upload to a remote (`REMOTE:path`). The words are in
/// `Portuguese+Transfer.swift` / `English+Transfer.swift`.
public enum TransferPhrase: Sendable, Hashable {
    /// What SET turned out to be; the name already escaped.
    case sourceBackupSet(String)
    case sourceTableFolder(String)
    /// The verb before a transfer's live figures.
    case downloading, uploading
    case cachedCopyChecked(name: String, path: String)
    /// `checks`: the hashes compared besides the size.
    case downloadedAndChecked(name: String, checks: [String], resumedBytes: Int64)
    case uploadingTo(name: String, root: String)
    case uploadedAndChecked(path: String, checks: [String])
    /// The upload failed: the set is still on this machine.
    case uploadFailedBackupKept(localSet: String)
    /// The new set is up; removing the old ones (--keep) failed.
    case pruneFailedNewBackupSafe

    public func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.transfer(self)
        case .en: English.transfer(self)
        }
    }
}
