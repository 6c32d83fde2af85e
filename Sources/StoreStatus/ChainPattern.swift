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

    /// The whole chain in one `rclone lsjson -R` of `base` (stores, their backup folders,
    /// their sets and a folder set's files), split per store; nil when that listing fails
    /// (then each store is listed on its own, so one bad folder fails only its store).
    /// One process instead of one per store: what makes a run with nothing new take
    /// seconds over hundreds of stores.
    /// What the chain's listing says of one store's backup folder.
    public enum Listed: Sendable {
        /// Not listed yet (the store lists its own folder).
        case unknown
        /// The store's folder is there but its backup folder is not.
        case missing
        /// The backup folder's entries, paths relative to it.
        case entries([RemoteEntry])
    }

    public func listing(rclone: Rclone) -> [(store: Store, listed: Listed)]? {
        guard let all = try? RemoteSets(rclone: rclone).list(base, recursive: true, depth: segments.count + 2) else { return nil }
        let last = segments.lastIndex(where: Self.isWildcard) ?? 0
        let tail = Array(segments[(last + 1)...])
        /// The store a listed path belongs to (by its first `last + 1` segments), or nil.
        func storeName(_ parts: [String]) -> String? {
            guard parts.count > last else { return nil }
            for i in 0...last {
                if parts[i].hasPrefix(".") || fnmatch(segments[i], parts[i], 0) != 0 { return nil }
            }
            return zip(segments[...last], parts[...last]).filter { Self.isWildcard($0.0) }.map(\.1).joined(separator: "/")
        }
        var stores: [String: Store] = [:]
        var entries: [String: [RemoteEntry]] = [:]
        for e in all where e.isDir {
            let parts = e.path.split(separator: "/").map(String.init)
            guard let name = storeName(parts) else { continue }
            if parts.count == last + 1, stores[name] == nil {
                var root = base
                for p in parts + tail { guard let r = try? root.appending(p) else { continue }; root = r }
                stores[name] = Store(name: name, root: root)
                if tail.isEmpty { entries[name] = [] }
            } else if parts.count == segments.count, Array(parts[(last + 1)...]) == tail {
                entries[name] = entries[name] ?? []      // the backup folder exists
            }
        }
        for e in all {
            let parts = e.path.split(separator: "/").map(String.init)
            guard parts.count > segments.count, let name = storeName(parts), stores[name] != nil,
                  Array(parts[(last + 1)..<segments.count]) == tail else { continue }
            var rel = e
            rel.path = parts[segments.count...].joined(separator: "/")
            entries[name, default: []].append(rel)
        }
        return stores.keys.sorted().compactMap { n in stores[n].map { ($0, entries[n].map(Listed.entries) ?? .missing) } }
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
