import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes the filled buffers of one file on a thread of its own, in order, while the caller
/// fills the next one: the kernel's copy of the bytes (a tenth of a restore's time on its
/// main thread) moves to another core.
///
/// Bounded: a fixed set of buffers circulates; `submit` blocks while all of them wait to be
/// written. A write error is kept and thrown by the next `submit` or `drain`, so nothing is
/// lost silently: `OutputFile.sync()`/`close()` drain before they answer.
final class WriteBehind: @unchecked Sendable {
    private let cond = NSCondition()
    private var queue: [(UnsafeMutableRawBufferPointer, Int)] = []
    private var free: [UnsafeMutableRawBufferPointer]
    private var writing = false
    private var stopping = false
    private var exited = false
    private var failure: Int32?
    private let fd: Int32

    /// `spare`: the buffers handed back by `submit` (the caller owns them all; deallocates after `stop`).
    init(fd: Int32, spare: [UnsafeMutableRawBufferPointer]) {
        self.fd = fd
        free = spare
        let t = Thread { [unowned self] in self.loop() }
        t.stackSize = 1 << 18
        t.start()
    }

    private func loop() {
        cond.lock()
        while true {
            while queue.isEmpty && !stopping { cond.wait() }
            if queue.isEmpty { break }
            let (buf, count) = queue.removeFirst()
            writing = true
            let skip = failure != nil
            cond.unlock()
            let error = skip ? nil : Self.writeAll(fd, buf, count)
            cond.lock()
            if let error, failure == nil { failure = error }
            writing = false
            free.append(buf)
            cond.broadcast()
        }
        exited = true
        cond.broadcast()
        cond.unlock()
    }

    /// nil, or the reason the bytes could not all be written.
    static func writeAll(_ fd: Int32, _ buf: UnsafeMutableRawBufferPointer, _ count: Int) -> Int32? {
        var start = 0
        while start < count {
            let n = write(fd, buf.baseAddress! + start, count - start)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            start += n
        }
        return nil
    }

    /// Queues `count` bytes of `buf` and returns an empty buffer to fill next.
    func submit(_ buf: UnsafeMutableRawBufferPointer, count: Int) throws(WriteFailure) -> UnsafeMutableRawBufferPointer {
        cond.lock(); defer { cond.unlock() }
        if let failure { throw WriteFailure(errno: failure) }
        queue.append((buf, count))
        cond.broadcast()
        while free.isEmpty { cond.wait() }
        return free.removeLast()
    }

    /// Waits until every queued buffer is written.
    func drain() throws(WriteFailure) {
        cond.lock(); defer { cond.unlock() }
        while !queue.isEmpty || writing { cond.wait() }
        if let failure { throw WriteFailure(errno: failure) }
    }

    /// Writes what is queued and ends the thread (also after a failure).
    func stop() {
        cond.lock()
        stopping = true
        cond.broadcast()
        while !exited { cond.wait() }
        cond.unlock()
    }

    /// Every buffer once the thread has stopped (the caller deallocates them).
    var spareBuffers: [UnsafeMutableRawBufferPointer] { free }

    struct WriteFailure: Error { let errno: Int32 }
}
