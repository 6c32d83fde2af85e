/// Why a cloud operation failed (CloudRemote's `CloudError`), as facts with their values.
/// The sentences are in `Portuguese+Cloud.swift` and `English+Cloud.swift`.
public enum CloudPhrase: Sendable, Hashable {
    case rcloneMissing
    case remoteNotConfigured(remote: String)
    case authFailed(remote: String, detail: String)
    case network(remote: String, detail: String)
    case notFound(path: String)
    case sizeMismatch(path: String, expected: Int64, actual: Int64)
    case hashMismatch(path: String, kind: String)
    /// `argument` is shown with its control characters escaped.
    case invalidRemote(argument: String, RemotePathProblem)
    case local(path: String, detail: String)
    case rcloneFailed(arguments: String, detail: String)

    public func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.cloud(self)
        case .en: English.cloud(self)
        }
    }

    public var words: Words { Words(pt: text(in: .pt), en: text(in: .en)) }

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
