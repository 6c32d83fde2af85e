import BackupSet
import Crypto
import Foundation

/// Local copies of remote sets, so commands read a set as they read any local one.
///
/// Layout, per remote folder (`<cache>/<folder key>/`): the set under its own name
/// (`Quinta_07.zip` or `Quinta_07/`) only once complete and checked; `.NAME.part` while
/// downloading; `.NAME.source.json` saying which remote version the copy (or part) is, so a
/// copy of last week's `Quinta_07` is never taken for this week's, and a part is only
/// resumed against the same version it started from.
public struct SetCache: Sendable {
    public var folder: String
    public var rclone: Rclone

    public init(folder: String? = nil, rclone: Rclone = Rclone()) {
        self.folder = folder ?? Self.defaultFolder()
        self.rclone = rclone
    }

    /// `$XDG_CACHE_HOME/resgate`, else `~/.cache/resgate`.
    public static func defaultFolder(_ env: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let x = env["XDG_CACHE_HOME"], x.hasPrefix("/") { return x + "/resgate" }
        return (env["HOME"] ?? NSHomeDirectory()) + "/.cache/resgate"
    }

    /// Bytes moved for one file of a set.
    public struct Progress: Sendable {
        public var set: String
        public var done: Int64
        public var total: Int64
    }

    /// A set ready to open locally.
    public struct Copy: Sendable {
        public var path: String
        /// True when the cached copy was already there and current: nothing was downloaded.
        public var fromCache: Bool
        /// Bytes already present from an interrupted earlier run.
        public var resumedBytes: Int64
        /// Hash kinds checked against the remote (empty when it offers none: size only).
        public var hashesChecked: [String]
    }

    /// Makes sure a current, checked copy of the set at `remote` (a `.zip` or a folder) is
    /// in the cache and returns its path. Network failures are retried with resume; on any
    /// failure nothing is at the set's cache name except an earlier complete copy.
    public func fetch(_ remote: RemotePath, progress: (Progress) -> Void = { _ in }) throws(CloudError) -> Copy {
        guard !remote.name.isEmpty else { throw .notFound(path: remote.description) }
        let sets = RemoteSets(rclone: rclone)
        guard let top = try sets.stat(remote) else { throw .notFound(path: remote.description) }
        let dir = directory(for: remote.parent)
        try makeDirectory(dir)
        let lock = try CacheLock(path: dir + "/." + remote.name + ".lock")
        defer { lock.release() }
        let final = dir + "/" + remote.name
        // the remote version now, from sizes and times only (cheap on every remote)
        let files: [RemoteEntry] = top.isDir ? try sets.list(remote, recursive: true, filesOnly: true) : [top]
        let version = SourceVersion(remote: remote.description, files: files)
        if let done = SourceVersion.read(sidecar(final)), done == version, Self.localBytes(final) == version.bytes {
            return Copy(path: final, fromCache: true, resumedBytes: 0, hashesChecked: [])
        }
        let part = dir + "/." + remote.name + ".part"
        let partRecord = part + ".source.json"
        if SourceVersion.read(partRecord) != version {
            try? FileManager.default.removeItem(atPath: part)
            try version.write(partRecord)
        }
        // hashes only now that a transfer is due (some remotes compute them on request)
        let hashed: [RemoteEntry] = top.isDir ? try sets.list(remote, recursive: true, hashes: true, filesOnly: true)
            : [try sets.stat(remote, hashes: true) ?? top]
        let fetcher = FileFetcher(rclone: rclone)
        let total = hashed.reduce(Int64(0)) { $0 + max(0, $1.size) }
        var resumed: Int64 = 0
        var kinds = Set<String>()
        if top.isDir {
            try makeDirectory(part)
            var before: Int64 = 0
            for f in hashed.sorted(by: { $0.path < $1.path }) {
                let target = part + "/" + f.path
                if !f.path.split(separator: "/").allSatisfy({ $0 != ".." && $0 != "." }) {
                    throw .invalidRemote(argument: f.path, .parentSegment)
                }
                try makeDirectory((target as NSString).deletingLastPathComponent)
                if f.size >= 0, FileManager.default.fileExists(atPath: target), FileFetcher.size(of: target) == f.size {
                    // checked and renamed in an earlier, interrupted run of this same version
                    resumed += f.size; before += f.size; continue
                }
                let base = before
                let outcome = try fetcher.fetch(try remote.child(f.path), entry: f, part: target + ".part") { n in
                    progress(Progress(set: remote.name, done: base + n, total: total))
                }
                resumed += outcome.resumedFrom
                outcome.hashChecked.map { _ = kinds.insert($0) }
                try rename(target + ".part", to: target)
                before += max(0, f.size)
            }
        } else {
            let outcome = try fetcher.fetch(remote, entry: hashed[0], part: part) { n in
                progress(Progress(set: remote.name, done: n, total: total))
            }
            resumed = outcome.resumedFrom
            outcome.hashChecked.map { _ = kinds.insert($0) }
        }
        // the checked copy takes the set's name; an older version there goes first
        try? FileManager.default.removeItem(atPath: sidecar(final))
        try? FileManager.default.removeItem(atPath: final)
        try rename(part, to: final)
        try version.write(sidecar(final))
        try? FileManager.default.removeItem(atPath: partRecord)
        return Copy(path: final, fromCache: false, resumedBytes: resumed, hashesChecked: kinds.sorted())
    }

    /// The cached copy of a listed set when it is there and of the same remote version
    /// (same size and time), else nil; downloads nothing.
    public func cachedCopy(of entry: RemoteSetEntry) -> String? {
        let final = directory(for: entry.path.parent) + "/" + entry.path.name
        guard FileManager.default.fileExists(atPath: final), let v = SourceVersion.read(sidecar(final)),
              v.remote == entry.path.description, v.bytes == entry.bytes,
              v.newest == entry.modified.map({ $0.timeIntervalSince1970 }) else { return nil }
        return final
    }

    /// Removes every other set (and leftover part) cached from the same remote folder, so a
    /// central job watching a chain keeps one set per store on disk, not a week of them.
    public func keepOnly(_ remote: RemotePath) {
        let dir = directory(for: remote.parent)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        let keep: Set<String> = [remote.name, "." + remote.name + ".source.json", "." + remote.name + ".lock"]
        for n in names where !keep.contains(n) { try? FileManager.default.removeItem(atPath: dir + "/" + n) }
    }

    /// Bytes of a cached file, or of every file under a cached folder (a copy changed on
    /// disk since it was checked is fetched again); -1 when absent.
    static func localBytes(_ path: String) -> Int64 {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return -1 }
        guard isDir.boolValue else { return FileFetcher.size(of: path) }
        guard let files = try? SetUploader.files(in: path) else { return -1 }
        return files.reduce(0) { $0 + FileFetcher.size(of: $1.1) }
    }

    /// `<cache>/<readable remote folder>-<hash>`: readable for a technician looking in the
    /// cache, unique because two remotes can sanitize to the same text.
    func directory(for remoteFolder: RemotePath) -> String {
        let key = remoteFolder.description
        let readable = String(key.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" }.prefix(60))
        let digest = SHA256.hash(data: Data(key.utf8)).prefix(6).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        return folder + "/" + readable + "-" + digest
    }

    func sidecar(_ final: String) -> String {
        ((final as NSString).deletingLastPathComponent) + "/." + (final as NSString).lastPathComponent + ".source.json"
    }

    func makeDirectory(_ path: String) throws(CloudError) {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw .local(path: path, .cannotCreateFolder(reason: error.localizedDescription))
        }
    }

    func rename(_ from: String, to: String) throws(CloudError) {
        guard Foundation.rename(from, to) == 0 else {
            throw .local(path: to, .cannotRename(reason: String(cString: strerror(errno))))
        }
    }
}

extension RemotePath {
    /// A descendant by a relative `/`-separated path from a listing.
    func child(_ relative: String) throws(CloudError) -> RemotePath {
        try RemotePath(remote: remote, path: path.isEmpty || path == "/" ? path + relative : path + "/" + relative)
    }
}
