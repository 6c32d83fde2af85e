#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written sequentially through one preallocated buffer, with positioned patches
/// and an explicit `fsync`.
///
/// Why not `FileHandle`: appending a record must not allocate, and the header must be
/// patched in place once the count is known. Plain POSIX calls give both.
///
/// With `writeBehind`, full buffers are written by a thread of their own (`WriteBehind`)
/// while the next one fills; `flush()`, `patch`, `sync()` and `close()` wait for them, so
/// the file's bytes and every error are the same as writing in place.
final class OutputFile {
    let path: String
    private let fd: Int32
    private var buffer: UnsafeMutableRawBufferPointer
    private let bufferSize: Int
    private let background: Bool
    private var behind: WriteBehind?
    private var used = 0
    /// Bytes handed to the kernel so far (the buffer's contents start here).
    private(set) var flushedLength: Int = 0
    private var closed = false

    /// Creates (or truncates) `path`. The buffer is allocated once, here.
    init(path: String, bufferSize: Int = 1 << 20, writeBehind: Bool = false) throws(XBaseError) {
        self.path = path
        self.bufferSize = max(bufferSize, 4096)
        background = writeBehind
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotOpen(file: path, reason: .lastError) }
        self.fd = fd
        buffer = .allocate(byteCount: max(bufferSize, 4096), alignment: 16)
    }

    deinit {
        stopBehind()
        if !closed { _ = closeDescriptor(fd) }
        buffer.deallocate()
    }

    /// Ends the write-behind thread (its queue written) and frees its buffers.
    private func stopBehind() {
        guard let b = behind else { return }
        b.stop()
        for spare in b.spareBuffers { spare.deallocate() }
        behind = nil
    }

    /// The buffer is full: hand it over (write-behind) or write it now.
    private func handOff() throws(XBaseError) {
        guard background, used > 0 else { return try flush() }
        if behind == nil {
            behind = WriteBehind(fd: fd, spare: (0..<2).map { _ in .allocate(byteCount: bufferSize, alignment: 16) })
        }
        do { buffer = try behind!.submit(buffer, count: used) } catch { throw .io(file: path, reason: .system(errno: error.errno)) }
        flushedLength += used
        used = 0
    }

    /// Total length written, buffered bytes included.
    var length: Int { flushedLength + used }

    /// Reserves `count` bytes at the end of the file and lets `fill` write them in place
    /// (no copy, no allocation). `count` must not exceed the buffer size.
    func append(count: Int, _ fill: (UnsafeMutableRawBufferPointer) throws(XBaseError) -> Void) throws(XBaseError) {
        precondition(count <= buffer.count)
        if used + count > buffer.count { try handOff() }
        let slice = UnsafeMutableRawBufferPointer(rebasing: buffer[used..<(used + count)])
        try fill(slice)
        used += count
    }

    /// Appends bytes of any size.
    func append(_ bytes: UnsafeRawBufferPointer) throws(XBaseError) {
        var rest = bytes
        while !rest.isEmpty {
            if used == buffer.count { try handOff() }
            let n = min(rest.count, buffer.count - used)
            UnsafeMutableRawBufferPointer(rebasing: buffer[used..<(used + n)])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: rest[0..<n]))
            used += n
            rest = UnsafeRawBufferPointer(rebasing: rest[n...])
        }
    }

    func append(_ bytes: [UInt8]) throws(XBaseError) {
        try withBytes(bytes) { (p) throws(XBaseError) in try append(p) }
    }

    /// Appends `count` copies of `byte`.
    func appendRepeated(_ byte: UInt8, count: Int) throws(XBaseError) {
        var left = count
        while left > 0 {
            if used == buffer.count { try handOff() }
            let n = min(left, buffer.count - used)
            UnsafeMutableRawBufferPointer(rebasing: buffer[used..<(used + n)]).initializeMemory(as: UInt8.self, repeating: byte)
            used += n
            left -= n
        }
    }

    /// Hands the buffered bytes to the kernel (after everything written behind).
    func flush() throws(XBaseError) {
        if let b = behind {
            do { try b.drain() } catch { throw .io(file: path, reason: .system(errno: error.errno)) }
        }
        var start = 0
        while start < used {
            let n = write(fd, buffer.baseAddress! + start, used - start)
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(file: path, reason: .lastError)
            }
            start += n
        }
        flushedLength += used
        used = 0
    }

    /// Overwrites bytes already written (the buffer is flushed first).
    func patch(at offset: Int, _ bytes: [UInt8]) throws(XBaseError) {
        try flush()
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress! + done, bytes.count - done, off_t(offset + done)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(file: path, reason: .lastError)
            }
            done += n
        }
    }

    /// Flushes and asks the kernel to put the file on disk.
    func sync() throws(XBaseError) {
        try flush()
        guard fsync(fd) == 0 else { throw .io(file: path, reason: .flush(errno: errno)) }
    }

    func close() throws(XBaseError) {
        guard !closed else { return }
        try flush()
        stopBehind()
        closed = true
        guard closeDescriptor(fd) == 0 else { throw .io(file: path, reason: .close(errno: errno)) }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// `close(2)`, named apart from `OutputFile.close()`.
private func closeDescriptor(_ fd: Int32) -> Int32 { close(fd) }

/// `withUnsafeBytes` for a body with typed throws (the standard one erases the error type).
func withBytes<R>(_ a: [UInt8], _ body: (UnsafeRawBufferPointer) throws(XBaseError) -> R) throws(XBaseError) -> R {
    let result: Result<R, XBaseError> = a.withUnsafeBytes { p in
        Result { () throws(XBaseError) -> R in try body(p) }
    }
    return try result.get()
}
