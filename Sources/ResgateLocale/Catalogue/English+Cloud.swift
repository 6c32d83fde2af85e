/// Why a cloud operation failed (`CloudPhrase`), in English.
extension English {
    static func cloud(_ c: CloudPhrase) -> String {
        switch c {
        case .rcloneMissing:
            "rclone is not installed: install it with `apt-get install rclone` (Debian/Ubuntu) or the official build from https://rclone.org/install/ (needed for MEGA)"
        case .remoteNotConfigured(let r):
            "the remote \"\(r)\" is not configured in rclone: run `rclone config` and create it (see docs/cloud.md)"
        case let .authFailed(r, d):
            "the remote \"\(r)\" refused access (user, password or permission): check it with `rclone config` — \(d)"
        case let .network(r, d):
            "could not reach the remote \"\(r)\" even after retrying (network): \(d)"
        case .notFound(let p): "\(p): does not exist on the remote"
        case let .sizeMismatch(p, e, a): "\(p): \(a) bytes instead of \(e) after the transfer; the copy was discarded"
        case let .hashMismatch(p, k): "\(p): the \(k) differs from the remote's after the transfer; the copy was discarded"
        case let .invalidRemote(a, why): "\(CloudPhrase.printable(a)): remote path refused: \(remotePath(why))"
        case let .local(p, d): "\(p): \(localProblem(d))"
        case let .rcloneFailed(a, d): "rclone \(a) failed: \(d)"
        }
    }

    static func remotePath(_ p: RemotePathProblem) -> String {
        switch p {
        case .controlCharacter: "holds a control character"
        case .badRemoteName: "invalid remote name"
        case .leadingDash: "a name starts with '-'"
        case .parentSegment: "holds a '..' segment"
        case .badSegment: "empty name, or one with '/'"
        }
    }
}

/// `LocalProblem` (`CloudPhrase.local`, `StatusPhrase.Down.local`).
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
