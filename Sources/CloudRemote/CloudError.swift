import Foundation
import ResgateLocale

/// Why a cloud operation failed, said so that a store technician knows what to do next.
/// Every case means nothing partial was used or left in place of a set.
public enum CloudError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with a `REMOTE:path` argument.
    public typealias PathProblem = RemotePathProblem

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
    /// The argument is remote-shaped but unsafe.
    case invalidRemote(String, PathProblem)
    /// Something local failed (cache folder, disk).
    case local(path: String, detail: String)
    /// rclone failed for another reason; `detail` is its last error line.
    case rcloneFailed(arguments: String, detail: String)

    /// The failure as facts for the catalogue (`Portuguese+Cloud`, `English+Cloud`).
    public var phrase: CloudPhrase {
        switch self {
        case .rcloneMissing: .rcloneMissing
        case .remoteNotConfigured(let r): .remoteNotConfigured(remote: r)
        case let .authFailed(r, d): .authFailed(remote: r, detail: d)
        case let .network(r, d): .network(remote: r, detail: d)
        case .notFound(let p): .notFound(path: p)
        case let .sizeMismatch(p, e, a): .sizeMismatch(path: p, expected: e, actual: a)
        case let .hashMismatch(p, k): .hashMismatch(path: p, kind: k)
        case let .invalidRemote(a, why): .invalidRemote(argument: a, why)
        case let .local(p, d): .local(path: p, detail: d)
        case let .rcloneFailed(a, d): .rcloneFailed(arguments: a, detail: d)
        }
    }

    public var words: Words { phrase.words }

    public func message(in language: Language) -> String { phrase.text(in: language) }
    public var description: String { phrase.text(in: .en) }

    /// Control characters shown as `\u{…}` so a message never carries them to the terminal.
    static func printable(_ s: String) -> String { CloudPhrase.printable(s) }
}
