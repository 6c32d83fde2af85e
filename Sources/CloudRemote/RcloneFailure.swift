import Foundation

/// How long to wait between attempts of an operation that failed on the network.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included.
    public var attempts = 4
    /// Wait before the second attempt; doubled each time, up to `maxDelay`.
    public var firstDelay: TimeInterval = 1
    public var maxDelay: TimeInterval = 16

    public init(attempts: Int = 4, firstDelay: TimeInterval = 1, maxDelay: TimeInterval = 16) {
        self.attempts = attempts; self.firstDelay = firstDelay; self.maxDelay = maxDelay
    }

    /// Wait after the `attempt`-th failure (1-based).
    public func delay(after attempt: Int) -> TimeInterval {
        min(maxDelay, firstDelay * pow(2, Double(max(0, attempt - 1))))
    }
}

/// Reads what rclone said on stderr, and its exit status, to tell the cases a technician
/// acts on differently: not configured, refused login, unreachable, missing.
enum RcloneFailure {
    static func classify(status: Int32, stderr: String, command: String, operands: [String]) -> CloudError {
        let lines = stderr.split(whereSeparator: \.isNewline).map { stripTimestamp(String($0)) }.filter { !$0.isEmpty }
        let detail = CloudError.printable(lines.last(where: { $0.contains("Failed") || $0.contains("ERROR") }) ?? lines.last
            ?? "exit status \(status)")
        let text = stderr.lowercased()
        let remoteName = operands.compactMap { RemotePath.split($0)?.remote }.first ?? ""
        if text.contains("didn't find section in config file") || text.contains("config file \"") && text.contains("not found") {
            return .remoteNotConfigured(remote: remoteName)
        }
        if authMarkers.contains(where: text.contains) { return .authFailed(remote: remoteName, detail: detail) }
        if status == 5 || networkMarkers.contains(where: text.contains) { return .network(remote: remoteName, detail: detail) }
        if status == 3 || status == 4 || notFoundMarkers.contains(where: text.contains) {
            return .notFound(path: operands.last(where: { RemotePath.split($0) != nil }) ?? operands.last ?? "")
        }
        return .rcloneFailed(arguments: ([command] + operands).joined(separator: " "), detail: detail)
    }

    static let authMarkers = [
        "401 unauthorized", "unauthorized", "403 forbidden", "unable to authenticate", "authentication failed",
        "permission denied", "login failed", "couldn't login", "invalid credentials", "invalid_grant", "access denied",
        "token expired",
    ]
    static let networkMarkers = [
        "connection refused", "connection reset", "no such host", "i/o timeout", "timeout awaiting", "deadline exceeded",
        "network is unreachable", "no route to host", "broken pipe", "unexpected eof", ": eof", "tls handshake",
        "server closed", "connection lost", "temporary failure", "503 service unavailable", "502 bad gateway",
        "504 gateway", "too many requests", "429",
    ]
    static let notFoundMarkers = ["directory not found", "object not found", "file not found", "not found"]

    /// rclone prefixes log lines with `2026/11/27 04:20:29 `.
    static func stripTimestamp(_ line: String) -> String {
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].count == 10, parts[0].filter({ $0 == "/" }).count == 2, parts[1].contains(":") {
            return String(parts[2])
        }
        return line
    }
}
