/// Why a cloud operation failed, as facts with their values; CloudRemote throws it as
/// `CloudError` (the same type). The sentences are in `Portuguese+Cloud.swift` and
/// `English+Cloud.swift`.
public enum CloudPhrase: Error, Sendable, Hashable, CustomStringConvertible {
    /// rclone is not installed (or `RESGATE_RCLONE` names no executable).
    case rcloneMissing
    /// The remote has no section in rclone's config.
    case remoteNotConfigured(remote: String)
    /// The remote refused the login (wrong password, expired token, no permission).
    case authFailed(remote: String, detail: String)
    /// The remote could not be reached after every retry.
    case network(remote: String, detail: String)
    /// The path does not exist on the remote.
    case notFound(path: String)
    /// A copy's size differs from the remote's after transfer.
    case sizeMismatch(path: String, expected: Int64, actual: Int64)
    /// A copy's hash differs from the remote's after transfer.
    case hashMismatch(path: String, kind: String)
    /// The argument is remote-shaped but unsafe; `argument` is shown with its control
    /// characters escaped.
    case invalidRemote(argument: String, RemotePathProblem)
    /// Something local failed (cache folder, disk): what, as `LocalProblem`.
    case local(path: String, LocalProblem)
    /// rclone failed for another reason; `detail` is its last error line.
    case rcloneFailed(arguments: String, detail: String)

    public func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.cloud(self)
        case .en: English.cloud(self)
        }
    }

    public var words: Words { Words(pt: text(in: .pt), en: text(in: .en)) }

    public func message(in language: Language) -> String { text(in: language) }
    public var description: String { text(in: .en) }

    /// Control characters shown as `\u{…}` so a message never carries them to the terminal.
    public static func printable(_ s: String) -> String {
        String(s.unicodeScalars.map { u in
            u.value < 0x20 || (0x7F...0x9F).contains(u.value) ? "\\u{\(String(u.value, radix: 16))}" : String(u)
        }.joined())
    }
}

/// What is wrong with a `REMOTE:path` argument.
public enum RemotePathProblem: String, Sendable, Equatable, CaseIterable {
    case controlCharacter, badRemoteName, leadingDash, parentSegment, badSegment
}
