import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Which version of a remote set a cached copy (or a part) holds: every file's relative
/// path, size and time as listed. Slot names are reused every week, so the name alone
/// never says a copy is current.
struct SourceVersion: Codable, Equatable {
    struct File: Codable, Equatable {
        var path: String
        var size: Int64
        var modified: Double?
    }
    var remote: String
    var files: [File]

    init(remote: String, files: [RemoteEntry]) {
        self.remote = remote
        self.files = files.map { File(path: $0.path, size: $0.size, modified: $0.modified?.timeIntervalSince1970) }
            .sorted { $0.path < $1.path }
    }

    var bytes: Int64 { files.reduce(0) { $0 + max(0, $1.size) } }
    var newest: Double? { files.compactMap(\.modified).max() }

    static func read(_ path: String) -> SourceVersion? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(SourceVersion.self, from: data)
    }

    func write(_ path: String) throws(CloudError) {
        do {
            let enc = JSONEncoder()
            enc.outputFormatting = [.sortedKeys, .prettyPrinted]
            try enc.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .local(path: path, .cannotWrite(reason: error.localizedDescription))
        }
    }
}

/// An exclusive lock on one cached set, so two commands fetching the same set at once do
/// not write into the same part file; released by the kernel if the process dies.
final class CacheLock {
    private let fd: Int32

    init(path: String) throws(CloudError) {
        fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .local(path: path, .cannotOpenLockFile) }
        guard flock(fd, LOCK_EX) == 0 else {
            close(fd)
            throw .local(path: path, .cannotLock)
        }
    }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
