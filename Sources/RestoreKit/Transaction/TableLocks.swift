import ResgateLocale
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ResgateLocale

/// Whether another program holds a table's file open with a lock.
///
/// FoxPro locks byte ranges of a DBF (and of its FPT and CDX) while it has the table open,
/// often far past the end of the file. On a Linux host those arrive as:
/// - POSIX record locks (`fcntl F_SETLK`): Wine's wineserver, older Samba;
/// - open file description locks (`F_OFD_SETLK`): Samba 4 and current Wine;
/// - whole-file `flock`: other Linux tools, and Samba's share modes on some setups.
/// All three are probed without waiting, on the whole range. The probe only needs the file
/// opened for reading (a test, `F_GETLK`, is not a lock), so a user who may not write the
/// file is still checked; when even that is impossible the answer says so and the caller
/// refuses, rather than taking silence for "free".
public enum TableLocks {
    /// Who holds a lock on a file.
    public enum Holder: Sendable, Equatable, CustomStringConvertible {
        /// A POSIX record lock of another process.
        case recordLock(pid: Int32)
        /// An open file description lock (Samba, Wine); the holder's pid is not known.
        case openFileLock
        /// A whole-file `flock`.
        case wholeFileLock
        public var description: String {
            switch self {
            case .recordLock(let pid): "record lock held by process \(pid)"
            case .openFileLock: "open-file lock held by another program"
            case .wholeFileLock: "whole-file lock (flock) held by another program"
            }
        }

        /// The holder in the person's words (the catalogue's), with the program's name when
        /// the system tells it (a record lock names its process).
        public var phrase: Phrase {
            switch self {
            case .recordLock(let pid): .lockRecordHolder(pid: pid, program: TableLocks.programName(pid: pid))
            case .openFileLock: .lockOpenFileHolder
            case .wholeFileLock: .lockWholeFileHolder
            }
        }
    }

    /// The name of process `pid` as `/proc` tells it (its command line, else its short
    /// name), or nil when it cannot be read.
    public static func programName(pid: Int32) -> String? {
        func read(_ path: String) -> String? {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var buf = [UInt8](repeating: 0, count: 512)
            let n = Glibc.read(fd, &buf, buf.count)
            guard n > 0 else { return nil }
            let text = String(decoding: buf[0..<n].map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : String(text.prefix(120))
        }
        return read("/proc/\(pid)/cmdline") ?? read("/proc/\(pid)/comm")
    }

    /// Probes the file at `path` and says who holds it (or why that cannot be known), as
    /// the catalogue's fact naming the file; nil when it is free.
    public static func holder(at path: String) -> Phrase? {
        phrase(file: (path as NSString).lastPathComponent, check(path))
    }

    /// What a probe found, in the person's words; nil when the file is free.
    public static func phrase(file: String, _ state: State) -> Phrase? {
        switch state {
        case .free: nil
        case .held(let h): h.phrase
        case let .cannotCheck(op, why): .lockCannotCheck(file: file, operation: op, reason: why)
        }
    }

    /// The answer of a probe.
    public enum State: Sendable, Equatable {
        /// Nobody holds a lock (or the file does not exist).
        case free
        case held(Holder)
        /// The probe itself failed: `operation` (open, fcntl, flock) and the system's reason.
        case cannotCheck(operation: String, reason: String)
    }

    /// Probes `path` for the three kinds of lock.
    public static func check(_ path: String) -> State {
        var fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        if fd < 0 && errno == ENOENT { return .free }
        // a file one may write but not read can still be probed
        if fd < 0 && errno == EACCES { fd = open(path, O_WRONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY) }
        guard fd >= 0 else { return .cannotCheck(operation: "open", reason: reason()) }
        defer { close(fd) }
        var fl = flock()
        fl.l_type = Int16(F_WRLCK)
        fl.l_whence = Int16(SEEK_SET)
        fl.l_start = 0
        fl.l_len = 0
        guard fcntl(fd, F_GETLK, &fl) == 0 else { return .cannotCheck(operation: "fcntl(F_GETLK)", reason: reason()) }
        if fl.l_type != Int16(F_UNLCK) { return .held(fl.l_pid > 0 ? .recordLock(pid: fl.l_pid) : .openFileLock) }
        // F_GETLK does not see this process's own POSIX locks; F_OFD_GETLK, from a fresh
        // open file description, sees every conflicting lock (and needs l_pid == 0)
        var ofd = flock()
        ofd.l_type = Int16(F_WRLCK)
        ofd.l_whence = Int16(SEEK_SET)
        if fcntl(fd, fOFDGetLock, &ofd) == 0 {
            if ofd.l_type != Int16(F_UNLCK) { return .held(ofd.l_pid > 0 ? .recordLock(pid: ofd.l_pid) : .openFileLock) }
        } else if errno != EINVAL {
            // EINVAL: a kernel before 3.15 without OFD locks; F_GETLK above saw them anyway
            return .cannotCheck(operation: "fcntl(F_OFD_GETLK)", reason: reason())
        }
        if sysFlock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == EWOULDBLOCK { return .held(.wholeFileLock) }
            return .cannotCheck(operation: "flock", reason: reason())
        }
        _ = sysFlock(fd, LOCK_UN)
        return .free
    }

    /// The first of `files` (names in `folder`) that is locked or cannot be checked.
    public static func firstProblem(in folder: String, files: [String]) -> (file: String, state: State)? {
        for f in files {
            let s = check(folder + "/" + f)
            if s != .free { return (f, s) }
        }
        return nil
    }

    /// `F_OFD_GETLK` (glibc defines it only under `_GNU_SOURCE`, which Swift does not see).
    static let fOFDGetLock: Int32 = 36

    private static func reason() -> String { String(cString: strerror(errno)) }
}

/// One operation at a time per data folder: an exclusive `flock` on
/// `DATA/.resgate/lock`, held for the life of this value.
public final class FolderLock {
    let fd: Int32

    /// Why the folder lock could not be taken.
    public enum Failure: Error, Sendable, Equatable {
        /// Another Resgate operation holds it.
        case busy
        /// The folder (or its `.resgate`) cannot be written: read-only, no permission…
        /// `reason` is `strerror(3)`'s words (a foreign error's, English in every language),
        /// by design: the fact is the path and that it cannot be written.
        case cannotWrite(path: String, reason: String)
    }

    /// Nil when the lock cannot be taken, whatever the reason (see `acquire`).
    public convenience init?(folder: String) {
        guard let fd = try? Self.open(folder: folder) else { return nil }
        self.init(fd: fd)
    }

    private init(fd: Int32) { self.fd = fd }

    /// Takes the lock, or says why not: busy is not the same as a read-only folder.
    public static func acquire(folder: String) throws(Failure) -> FolderLock {
        FolderLock(fd: try open(folder: folder))
    }

    private static func open(folder: String) throws(Failure) -> Int32 {
        let dir = folder + "/.resgate"
        if mkdir(dir, 0o755) != 0 && errno != EEXIST {
            throw .cannotWrite(path: dir, reason: String(cString: strerror(errno)))
        }
        let fd = Glibc.open(dir + "/lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: dir + "/lock", reason: String(cString: strerror(errno))) }
        if sysFlock(fd, LOCK_EX | LOCK_NB) != 0 { close(fd); throw .busy }
        // the lock file may be writable while the folder is not (a read-only bind, a
        // folder whose mode changed): the swap renames in the folder itself
        if access(folder, W_OK) != 0 {
            let why = String(cString: strerror(errno))
            _ = sysFlock(fd, LOCK_UN); close(fd)
            throw .cannotWrite(path: folder, reason: why)
        }
        return fd
    }

    deinit { _ = sysFlock(fd, LOCK_UN); close(fd) }
}

/// `flock(2)`; Swift sees the name `flock` as the C struct of the same name.
@_silgen_name("flock") func sysFlock(_ fd: Int32, _ operation: Int32) -> Int32
