#if canImport(Glibc)
import Glibc
#endif

/// Whether another program holds a table open for writing.
///
/// FoxPro locks byte ranges of a DBF while it has the table open shared or exclusive; on
/// a Linux host (Samba share, Wine) those show up as POSIX record locks, and other tools
/// use whole-file `flock`. Both are probed without waiting.
public enum TableLocks {
    /// The first lock kind found on `path`, or nil when nobody holds one.
    public static func holder(of path: String) -> String? {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var fl = flock()
        fl.l_type = Int16(F_WRLCK)
        fl.l_whence = Int16(SEEK_SET)
        fl.l_start = 0
        fl.l_len = 0
        if fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != Int16(F_UNLCK) {
            return "record lock held by process \(fl.l_pid)"
        }
        // open file description locks (F_OFD_GETLK) are what Samba and Wine use today
        var ofd = flock()
        ofd.l_type = Int16(F_WRLCK)
        ofd.l_whence = Int16(SEEK_SET)
        if fcntl(fd, 36 /* F_OFD_GETLK */, &ofd) == 0 && ofd.l_type != Int16(F_UNLCK) {
            return "open-file lock held by another program"
        }
        if sysFlock(fd, LOCK_EX | LOCK_NB) != 0 {
            return errno == EWOULDBLOCK ? "whole-file lock (flock) held by another program" : nil
        }
        _ = sysFlock(fd, LOCK_UN)
        return nil
    }
}

/// One operation at a time per data folder: an exclusive `flock` on
/// `DATA/.resgate/lock`, held for the life of this value.
public final class FolderLock {
    let fd: Int32
    public init?(folder: String) {
        let dir = folder + "/.resgate"
        try? FileOps.makeDirectory(dir)
        let fd = open(dir + "/lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        if sysFlock(fd, LOCK_EX | LOCK_NB) != 0 { close(fd); return nil }
        self.fd = fd
    }
    deinit { _ = sysFlock(fd, LOCK_UN); close(fd) }
}

/// `flock(2)`; Swift sees the name `flock` as the C struct of the same name.
@_silgen_name("flock") func sysFlock(_ fd: Int32, _ operation: Int32) -> Int32
