import Crypto
import Foundation
import ResgateLocale
import SystemZlib

/// Limits that tell a zip bomb from a big honest member.
public struct ZipLimits: Sendable {
    /// Largest declared uncompressed ÷ compressed ratio accepted for members over
    /// `ratioFloor` bytes. Deflate cannot exceed ~1032:1; real text sits near 3–10:1.
    public var maxRatio: Int = 400
    public var ratioFloor: Int = 64 << 20
    /// Largest member accepted at all (declared size).
    public var maxMemberBytes: Int = 64 << 30
    public init() {}
}

/// Inflates one member into chunks handed to a consumer, checking as it goes that the
/// output never exceeds the declared size (a bomb lies about it), and at the end that the
/// size and the CRC-32 (computed by zlib, not in Swift) match.
struct ZipMemberReader {
    let archive: ZipArchive
    let entry: ZipEntry
    var limits = ZipLimits()
    /// The name defects give the member: its name in the set (top folder removed) for a
    /// set's own member; `T.ZIP:T.DBF` for one inside a memo archive.
    var fileName: String?
    static let chunkSize = 1 << 20

    func defect(_ kind: Defect.Kind, _ fault: ZipFault) -> BackupSetError {
        BackupSetError(Defect(kind, file: fileName ?? (archive.displayName + ":" + entry.name), .zip(fault)))
    }

    /// Checks done before a single byte is inflated.
    func precheck() throws(BackupSetError) {
        if entry.isEncrypted {
            throw defect(.corruptZip, .encrypted)
        }
        guard entry.method == 0 || entry.method == 8 else {
            throw defect(.corruptZip, .unsupportedMethod(entry.method))
        }
        if entry.uncompressedSize > limits.maxMemberBytes
            || (entry.uncompressedSize > limits.ratioFloor
                && entry.uncompressedSize / max(1, entry.compressedSize) > limits.maxRatio) {
            throw defect(.zipBomb, .declaredBomb(uncompressed: entry.uncompressedSize, compressed: entry.compressedSize))
        }
    }

    /// Streams the member on the calling thread. With `hashing`, returns the SHA-256 of the
    /// inflated bytes (hex), computed as they pass and returned only once the size and the
    /// CRC-32 are proven (what the manifest check needs, without a second inflate).
    @discardableResult
    func read(hashing: Bool = false, _ consume: (UnsafeRawBufferPointer) throws -> Void) throws -> String? {
        try precheck()
        let start = try archive.dataOffset(of: entry)
        let out = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 10, alignment: 16)
        defer { out.deallocate(); input.deallocate() }
        var total = 0
        var crc = UInt(SystemZlib.crc32(0, nil, 0))
        var sha: SHA256? = hashing ? SHA256() : nil
        func emit(_ n: Int) throws {
            guard n > 0 else { return }
            total += n
            if total > entry.uncompressedSize {
                throw defect(.zipBomb, .inflatesPastSize(entry.uncompressedSize))
            }
            crc = SystemZlib.crc32(crc, out.baseAddress!.assumingMemoryBound(to: Bytef.self), uInt(n))
            sha?.update(bufferPointer: UnsafeRawBufferPointer(rebasing: out[0..<n]))
            try consume(UnsafeRawBufferPointer(rebasing: out[0..<n]))
        }
        var remaining = entry.compressedSize
        var pos = start
        if entry.method == 0 {
            while remaining > 0 {
                let want = min(remaining, out.count)
                let got = try archive.source.read(into: UnsafeMutableRawBufferPointer(rebasing: out[0..<want]), at: pos)
                guard got == want else { throw truncated() }
                pos += got; remaining -= got
                try emit(got)
            }
        } else {
            var strm = z_stream()
            guard inflateInit2_(&strm, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                throw defect(.corruptZip, .zlibDidNotStart)
            }
            defer { inflateEnd(&strm) }
            var ended = false
            while !ended {
                if strm.avail_in == 0 && remaining > 0 {
                    let want = min(remaining, input.count)
                    let got = try archive.source.read(into: UnsafeMutableRawBufferPointer(rebasing: input[0..<want]), at: pos)
                    guard got == want else { throw truncated() }
                    pos += got; remaining -= got
                    strm.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    strm.avail_in = uInt(got)
                }
                strm.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
                strm.avail_out = uInt(out.count)
                let ret = inflate(&strm, Z_NO_FLUSH)
                try emit(out.count - Int(strm.avail_out))
                switch ret {
                case Z_STREAM_END: ended = true
                case Z_OK: continue
                case Z_BUF_ERROR:
                    if remaining == 0 && strm.avail_in == 0 { throw truncated() }
                default:
                    throw defect(.corruptZip, .deflateDamaged(zlib: Int(ret)))
                }
            }
        }
        if total != entry.uncompressedSize {
            throw defect(.corruptZip, .sizeMismatch(got: total, declared: entry.uncompressedSize))
        }
        if UInt32(truncatingIfNeeded: crc) != entry.crc32 {
            throw defect(.checksumMismatch, .checksumMismatch)
        }
        return sha.map { Self.hex($0.finalize()) }
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    func truncated() -> BackupSetError {
        defect(.corruptZip, .truncated)
    }

    /// Streams the member with inflating (and the CRC-32) on a second thread, so inflating
    /// and parsing overlap on two cores; memory stays at a few chunks. With `hashing`, the
    /// SHA-256 is computed on the calling thread as the chunks arrive: inflating is the
    /// longer of the two jobs, so the hash goes to the side that waits (`verify` of the
    /// 1 M set: the inflating thread was the one holding up the other); it is returned only
    /// once the producer has proven the size and the CRC-32, as `read` does.
    @discardableResult
    func readConcurrently(hashing: Bool = false, _ consume: (UnsafeRawBufferPointer) throws -> Void) throws -> String? {
        let pipe = ChunkPipe(buffers: 4, capacity: Self.chunkSize)
        let reader = self
        let thread = Thread {
            do {
                try reader.read(hashing: false) { chunk in
                    guard let buf = pipe.acquire() else { throw CancellationError() }
                    buf.baseAddress!.copyMemory(from: chunk.baseAddress!, byteCount: chunk.count)
                    pipe.publish(buf, count: chunk.count)
                }
                pipe.finish(nil)
            } catch {
                pipe.finish(error)
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
        defer { pipe.cancel(); pipe.waitUntilFinished() }
        var sha: SHA256? = hashing ? SHA256() : nil
        while let (buf, n) = try pipe.next() {
            let chunk = UnsafeRawBufferPointer(rebasing: buf[0..<n])
            sha?.update(bufferPointer: chunk)
            try consume(chunk)
            pipe.release(buf)
        }
        // `next` returned nil: the producer finished without error (size and CRC proven)
        return sha.map { Self.hex($0.finalize()) }
    }
}

/// A bounded hand-over of filled buffers from one producer thread to one consumer.
final class ChunkPipe: @unchecked Sendable {
    private let cond = NSCondition()
    private var free: [UnsafeMutableRawBufferPointer]
    private var all: [UnsafeMutableRawBufferPointer]
    private var filled: [(UnsafeMutableRawBufferPointer, Int)] = []
    private var head = 0
    private var done = false
    private var failure: Error?
    private var cancelled = false
    private var producerExited = false

    init(buffers: Int, capacity: Int) {
        all = (0..<buffers).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16) }
        free = all
    }
    deinit { for b in all { b.deallocate() } }

    func acquire() -> UnsafeMutableRawBufferPointer? {
        cond.lock(); defer { cond.unlock() }
        while free.isEmpty && !cancelled { cond.wait() }
        return cancelled ? nil : free.removeLast()
    }
    func publish(_ b: UnsafeMutableRawBufferPointer, count: Int) {
        cond.lock(); filled.append((b, count)); cond.broadcast(); cond.unlock()
    }
    func finish(_ error: Error?) {
        cond.lock(); done = true; failure = error; producerExited = true; cond.broadcast(); cond.unlock()
    }
    func next() throws -> (UnsafeMutableRawBufferPointer, Int)? {
        cond.lock(); defer { cond.unlock() }
        while head == filled.count && !done { cond.wait() }
        if head < filled.count {
            let r = filled[head]; head += 1
            if head > 64 { filled.removeFirst(head); head = 0 }
            return r
        }
        if let failure, !(failure is CancellationError) { throw failure }
        return nil
    }
    func release(_ b: UnsafeMutableRawBufferPointer) {
        cond.lock(); free.append(b); cond.broadcast(); cond.unlock()
    }
    func cancel() {
        cond.lock(); cancelled = true; cond.broadcast(); cond.unlock()
    }
    func waitUntilFinished() {
        cond.lock(); while !producerExited { cond.wait() }; cond.unlock()
    }
}
