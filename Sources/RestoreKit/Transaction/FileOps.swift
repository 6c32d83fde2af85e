import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The few file-system operations a crash-safe swap needs, each doing exactly one thing
/// and reporting errno in words.
public enum FileOps {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let operation: String
        public let path: String
        public let reason: String
        public var description: String { "\(operation) \(path): \(reason)" }
    }

    static func fail(_ op: String, _ path: String) -> Failure {
        Failure(operation: op, path: path, reason: String(cString: strerror(errno)))
    }

    /// Flushes a file's data and metadata to the disk.
    public static func fsyncFile(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw fail("open", path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw fail("fsync", path) }
    }

    /// Flushes a folder entry list, so a rename inside it survives a power cut.
    public static func fsyncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw fail("open", path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw fail("fsync", path) }
    }

    /// Atomic rename inside one file system.
    public static func rename(_ from: String, _ to: String) throws {
        guard Glibc.rename(from, to) == 0 else { throw fail("rename to \(to)", from) }
    }

    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    public static func size(_ path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Int(st.st_size)
    }

    public static func makeDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Copies a file byte for byte (then fsyncs it).
    public static func copy(_ from: String, _ to: String) throws {
        let inFD = open(from, O_RDONLY | O_CLOEXEC)
        guard inFD >= 0 else { throw fail("open", from) }
        defer { close(inFD) }
        let outFD = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard outFD >= 0 else { throw fail("create", to) }
        defer { close(outFD) }
        let buf = UnsafeMutableRawPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buf.deallocate() }
        while true {
            let n = read(inFD, buf, 1 << 20)
            if n < 0 { if errno == EINTR { continue }; throw fail("read", from) }
            if n == 0 { break }
            var done = 0
            while done < n {
                let w = write(outFD, buf + done, n - done)
                if w < 0 { if errno == EINTR { continue }; throw fail("write", to) }
                done += w
            }
        }
        guard fsync(outFD) == 0 else { throw fail("fsync", to) }
    }

    /// Gives `to` the owner, group and permission bits of `from`, so that a restored or
    /// put-back file opens for the ERP's service account exactly as the old one did.
    /// Fails (EPERM) when this user may not give that owner: the caller refuses the swap.
    public static func copyOwnerAndMode(from: String, to: String) throws {
        var st = stat()
        guard stat(from, &st) == 0 else { throw fail("stat", from) }
        var now = stat()
        guard stat(to, &now) == 0 else { throw fail("stat", to) }
        if now.st_uid != st.st_uid || now.st_gid != st.st_gid {
            guard chown(to, st.st_uid, st.st_gid) == 0 else {
                throw Failure(operation: "chown \(st.st_uid):\(st.st_gid) (the owner of \(from))", path: to,
                              reason: String(cString: strerror(errno)))
            }
        }
        // after chown: it clears set-id bits
        guard chmod(to, st.st_mode & 0o7777) == 0 else { throw fail("chmod", to) }
    }

    /// The owner and group of `path` when this process could not give them to a new file
    /// (not root, and not that owner or not in that group); nil when it can, or when
    /// `path` does not exist. Asked before a long restore, so it refuses up front.
    public static func ownerOutOfReach(_ path: String) -> (uid: UInt32, gid: UInt32)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        let euid = geteuid()
        if euid == 0 { return nil }
        var groups = [gid_t](repeating: 0, count: 256)
        let n = getgroups(Int32(groups.count), &groups)
        let inGroup = st.st_gid == getegid() || (n > 0 && groups[0..<Int(n)].contains(st.st_gid))
        return st.st_uid == euid && inGroup ? nil : (st.st_uid, st.st_gid)
    }

    /// Makes a write past `ulimit -f` fail with EFBIG instead of killing the process with
    /// SIGXFSZ, so a restore can clean its staging and say why. Process-wide, idempotent.
    public static func ignoreFileSizeSignal() {
        _ = signal(SIGXFSZ, SIG_IGN)
    }

    /// Free bytes for unprivileged writers on the file system holding `path`.
    public static func freeBytes(at path: String) -> Int? {
        var s = statvfs()
        guard statvfs(path, &s) == 0 else { return nil }
        return Int(s.f_bavail) * Int(s.f_frsize)
    }

    /// Total size of the files below `path`.
    public static func treeSize(_ path: String) -> Int {
        guard let e = FileManager.default.enumerator(atPath: path) else { return 0 }
        var total = 0
        while let rel = e.nextObject() as? String {
            total += size(path + "/" + rel) ?? 0
        }
        return total
    }
}
