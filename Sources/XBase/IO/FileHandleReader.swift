import ResgateLocale
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only file opened with POSIX `open`, read with positioned reads.
///
/// `pread` keeps no shared offset, so a table and its memo file can be read from any
/// position without seeking, and without mapping the whole file into memory (a mapped
/// 2 GB table would count against the process's resident size once touched).
public final class FileHandleReader: @unchecked Sendable {
    public let path: String
    let fd: Int32
    public let size: Int

    public init(path: String) throws(XBaseError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotOpen(file: path, reason: .lastError) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let reason = IOReason.lastError
            close(fd)
            throw .cannotOpen(file: path, reason: reason)
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw .cannotOpen(file: path, reason: .isFolder)
        }
        self.fd = fd
        self.size = Int(st.st_size)
    }

    deinit { close(fd) }

    /// Reads up to `buffer.count` bytes at `offset`; returns how many were read (short at EOF).
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(XBaseError) -> Int {
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(file: path, reason: .lastError)
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// Reads up to `count` bytes at `offset` into a new array (short at EOF).
    public func bytes(at offset: Int, count: Int) throws(XBaseError) -> [UInt8] {
        guard count > 0, offset < size else { return [] }
        let want = min(count, size - offset)
        var out = [UInt8](repeating: 0, count: want)
        var failure: XBaseError?
        let got = out.withUnsafeMutableBytes { p -> Int in
            do { return try read(into: p, at: offset) } catch { failure = error as? XBaseError ?? .io(file: path, reason: .other("\(error)")); return 0 }
        }
        if let failure { throw failure }
        if got < want { out.removeLast(want - got) }
        return out
    }
}
