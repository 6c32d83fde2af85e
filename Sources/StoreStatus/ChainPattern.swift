import CloudRemote
import Foundation
import ResgateLocale

/// `REMOTE:lojas/*/backup`: where a chain's stores keep their sets. Segments with `*`, `?`
/// or `[` are wildcards (matched by `fnmatch`, one folder level each); the folders they
/// match name the store (`loja-017`, or `sul/loja-017` for two wildcards).
public struct ChainPattern: Sendable {
    /// The fixed part before the first wildcard (listed to find stores).
    public let base: RemotePath
    /// The segments after `base`, wildcard or literal.
    public let segments: [String]

    public enum Problem: Error, Equatable { case notRemote, noWildcard, invalid(String) }

    public init(_ text: String) throws(Problem) {
        let split: RemotePath?
        do { split = try RemotePath(parsing: text) } catch { throw .invalid(error.message(in: .en)) }
        guard let whole = split else { throw .notRemote }
        let parts = whole.path.split(separator: "/").map(String.init)
        guard let first = parts.firstIndex(where: Self.isWildcard) else { throw .noWildcard }
        let prefix = (whole.path.hasPrefix("/") ? "/" : "") + parts[..<first].joined(separator: "/")
        do { base = try RemotePath(remote: whole.remote, path: prefix) } catch { throw .invalid(error.message(in: .en)) }
        segments = Array(parts[first...])
    }

    static func isWildcard(_ s: String) -> Bool { s.contains("*") || s.contains("?") || s.contains("[") }

    /// A store found by the pattern: its name and its backup folder.
    public struct Store: Sendable, Equatable {
        public var name: String
        public var root: RemotePath
    }

    /// Lists the folders level by level (one `rclone lsjson --dirs-only` per wildcard level
    /// and folder), in name order. Literal segments are appended without listing: a store
    /// whose backup folder is missing is reported by its own run, not dropped here.
    public func stores(rclone: Rclone) throws(CloudError) -> [Store] {
        var level: [(names: [String], path: RemotePath)] = [([], base)]
        for segment in segments {
            var next: [(names: [String], path: RemotePath)] = []
            for (names, path) in level {
                if Self.isWildcard(segment) {
                    let dirs = try RemoteSets(rclone: rclone).list(path).filter(\.isDir).map(\.name).sorted()
                    for d in dirs where !d.hasPrefix(".") && fnmatch(segment, d, 0) == 0 {
                        next.append((names + [d], try path.appending(d)))
                    }
                } else {
                    next.append((names, try path.appending(segment)))
                }
            }
            level = next
        }
        return level.map { Store(name: $0.names.joined(separator: "/"), root: $0.path) }
    }
}
