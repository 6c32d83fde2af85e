/// A backup set's way in and out (`TransferPhrase`), in English.
extension English {
    static func transfer(_ p: TransferPhrase) -> String {
        switch p {
        case .sourceBackupSet(let n): "Source: backup set \(n)"
        case .sourceTableFolder(let n): "Source: folder of tables \(n) (corrected table)"
        case .downloading: "Downloading"
        case .uploading: "Uploading"
        case let .cachedCopyChecked(name, path): "\(name): cached copy already checked (\(path))"
        case let .downloadedAndChecked(name, checks, resumed):
            "\(name): downloaded and checked (\((["size"] + checks).joined(separator: ", ")))"
                + (resumed > 0 ? ", resumed from \(resumed) bytes" : "")
        case let .uploadingTo(name, root): "Uploading \(name) to \(root)…"
        case let .uploadedAndChecked(path, checks): "\(path): uploaded and checked (\((["size"] + checks).joined(separator: ", ")))"
        case .uploadFailedBackupKept(let local): "the backup stays at \(local); nothing was replaced on the remote"
        case .pruneFailedNewBackupSafe: "the new backup is on the remote; removing old ones (--keep) failed"
        }
    }
}
