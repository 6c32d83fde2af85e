import Foundation

/// A place on an rclone remote, `REMOTE:path` (`mega:Backups/Loja1`), or an rclone
/// connection string (`:webdav,url='http://127.0.0.1:8080/':sets`).
///
/// Everything that reaches rclone's argument vector goes through here first: rclone is
/// never run through a shell, but an argument starting with `-` would still be read as a
/// flag, a control character could hide what is shown to the technician, and a `..`
/// segment could climb out of the folder the technician named.
public struct RemotePath: Sendable, Hashable, CustomStringConvertible {
    /// The remote's name as in `rclone config` (`mega`), or a connection string (`:webdav,…`).
    public let remote: String
    /// Path inside the remote, `/`-separated, no trailing or doubled `/`. A leading `/` is
    /// kept: on SFTP `remote:/x` is absolute while `remote:x` is under the login's home.
    public let path: String

    /// Parses and validates `REMOTE:path`; returns nil when `argument` is not remote-shaped
    /// at all (a local path), throws when it is remote-shaped but unsafe.
    public init?(parsing argument: String) throws(CloudError) {
        guard let split = Self.split(argument) else { return nil }
        try self.init(remote: split.remote, path: split.path)
    }

    public init(remote: String, path: String) throws(CloudError) {
        try Self.validate(remote: remote, path: path)
        self.remote = remote
        self.path = (path.hasPrefix("/") ? "/" : "") + path.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
    }

    /// True when `argument` names a remote rather than a local file: it is not an existing
    /// local path, and has a `:` before any `/` after a valid remote name.
    public static func looksRemote(_ argument: String) -> Bool {
        if FileManager.default.fileExists(atPath: argument) { return false }
        return split(argument) != nil
    }

    /// `remote:path` as rclone takes it.
    public var description: String { remote + ":" + path }

    /// The last path segment (a set's file or folder name).
    public var name: String { path.split(separator: "/").last.map(String.init) ?? "" }

    /// The folder holding this path.
    public var parent: RemotePath {
        var parts = path.split(separator: "/")
        if !parts.isEmpty { parts.removeLast() }
        return RemotePath(unchecked: remote, (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/"))
    }

    /// A child of this path; `name` must be one segment.
    public func appending(_ name: String) throws(CloudError) -> RemotePath {
        guard !name.isEmpty, !name.contains("/") else { throw CloudError.invalidRemote(argument: description + "/" + name, .badSegment) }
        return try RemotePath(remote: remote, path: path.isEmpty || path == "/" ? path + name : path + "/" + name)
    }

    private init(unchecked remote: String, _ path: String) { self.remote = remote; self.path = path }

    // MARK: - Parsing and validation

    static func split(_ argument: String) -> (remote: String, path: String)? {
        if argument.hasPrefix(":") {
            // connection string `:backend,key=value,…:path`; values may be quoted and hold `:`
            guard let end = connectionStringEnd(argument) else { return nil }
            let remote = String(argument[..<end])
            return (remote, String(argument[argument.index(after: end)...]))
        }
        guard let colon = argument.firstIndex(of: ":") else { return nil }
        let remote = String(argument[..<colon])
        if remote.contains("/") || remote.contains("\\") || remote.isEmpty { return nil }
        // a single letter before `:` is a Windows drive letter, never a remote
        if remote.count == 1 { return nil }
        return (remote, String(argument[argument.index(after: colon)...]))
    }

    /// Index of the `:` closing a connection string, skipping quoted values.
    private static func connectionStringEnd(_ s: String) -> String.Index? {
        var quote: Character?
        var i = s.index(after: s.startIndex)
        while i < s.endIndex {
            let c = s[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == ":" {
                return i
            }
            i = s.index(after: i)
        }
        return nil
    }

    static func validate(remote: String, path: String) throws(CloudError) {
        let whole = remote + ":" + path
        if remote.unicodeScalars.contains(where: isControl) || path.unicodeScalars.contains(where: isControl) {
            throw .invalidRemote(argument: whole, .controlCharacter)
        }
        if remote.hasPrefix(":") {
            // backend name right after the colon: letters, digits, `_`
            let backend = remote.dropFirst().prefix { $0 != "," }
            guard !backend.isEmpty, backend.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw .invalidRemote(argument: whole, .badRemoteName)
            }
        } else {
            // rclone's own rule for config section names, and never a flag
            guard !remote.hasPrefix("-"), !remote.hasPrefix(" "),
                  remote.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_-.+@ ".contains($0)) }) else {
                throw .invalidRemote(argument: whole, .badRemoteName)
            }
        }
        if path.hasPrefix("-") { throw .invalidRemote(argument: whole, .leadingDash) }
        for segment in path.split(separator: "/") {
            if segment == ".." { throw .invalidRemote(argument: whole, .parentSegment) }
            if segment.hasPrefix("-") { throw .invalidRemote(argument: whole, .leadingDash) }
        }
    }

    private static func isControl(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || (0x7F...0x9F).contains(u.value)
    }
}
