import Foundation
import XBase
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds an `AuthorizedIndex` from a folder tree of XML files using every core: workers
/// take batches of files from a shared counter (batches balance better than halves when
/// file sizes differ), each with its own reader, read buffer and partial index; the
/// partial indexes are merged at the end. Memory stays bounded by the largest file plus
/// the index itself.
public enum XMLIndexer {
    /// Indexes every file under `folder`. Throws only when the folder itself cannot be read.
    public static func index(folder: String, workers: Int = ProcessInfo.processInfo.activeProcessorCount) throws(FiscalError) -> AuthorizedIndex {
        let files = try FileWalker.regularFiles(under: folder)
        return index(files: files, workers: workers)
    }

    /// Indexes the given files.
    public static func index(files: [String], workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                             progress: WorkProgressSink? = nil) -> AuthorizedIndex {
        index(files: FileNames(files), workers: workers, progress: progress)
    }

    /// Indexes the files of a table (`FileWalker`'s); the index keeps the table, and its
    /// notes name their files by number in it.
    /// `progress` gets the files handed to the readers so far (every batch of 64).
    public static func index(files: FileNames, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                             progress: WorkProgressSink? = nil) -> AuthorizedIndex {
        let count = max(1, min(workers, (files.count + 63) / 64))
        let shared = SharedCursor(total: files.count, batch: 64, progress: progress)
        let results = PartialResults(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { w in
            var reader = FiscalXMLReader()
            var partial = AuthorizedIndex(files: files)
            let buffer = ReadBuffer()
            while let range = shared.next() {
                for k in range {
                    buffer.read(files.path(UInt32(k)), number: UInt32(k), reader: &reader, into: &partial)
                }
            }
            results.set(w, partial)
        }
        // merge into the largest partial so only the smaller ones are copied
        var partials = results.takeAll().sorted { $0.documentsRead > $1.documentsRead }
        guard !partials.isEmpty else { return AuthorizedIndex(files: files) }
        progress?(WorkProgress(.indexXML, done: files.count, total: files.count))
        var index = partials.removeFirst()
        while let p = partials.popLast() { index.merge(p) }
        index.normalize()
        return index
    }
}

/// Hands out batches of indexes to the workers.
private final class SharedCursor: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let total: Int, batch: Int
    private let progress: WorkProgressSink?
    init(total: Int, batch: Int, progress: WorkProgressSink?) { self.total = total; self.batch = batch; self.progress = progress }
    func next() -> Range<Int>? {
        lock.lock()
        guard nextIndex < total else { lock.unlock(); return nil }
        let r = nextIndex..<min(total, nextIndex + batch)
        nextIndex = r.upperBound
        lock.unlock()
        progress?(WorkProgress(.indexXML, done: r.lowerBound, total: total))
        return r
    }
}

private final class PartialResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [AuthorizedIndex?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: AuthorizedIndex) { lock.lock(); slots[i] = v; lock.unlock() }
    /// Hands the partial indexes over and forgets them, so they are not kept twice.
    func takeAll() -> [AuthorizedIndex] {
        lock.lock(); defer { lock.unlock() }
        let out = slots.compactMap { $0 }
        slots = []
        return out
    }
}

/// One growing buffer per worker; files are read with open/fstat/read, no Data objects.
private final class ReadBuffer {
    private var storage = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)
    deinit { storage.deallocate() }

    func read(_ path: String, number: UInt32, reader: inout FiscalXMLReader, into index: inout AuthorizedIndex) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            index.filesRead += 1
            return index.skip(path, .unreadable(String(cString: strerror(errno))))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            index.filesRead += 1
            return index.skip(path, .unreadable(String(cString: strerror(errno))))
        }
        let size = Int(st.st_size)
        if size + 1 > storage.count {
            storage.deallocate()
            storage = .allocate(byteCount: max(size + 1, storage.count * 2), alignment: 8)
        }
        var got = 0
        while got < size {
            let r = systemRead(fd, storage.baseAddress! + got, size - got)
            if r < 0 && errno == EINTR { continue }
            if r <= 0 { break }
            got += r
        }
        reader.read(UnsafeRawBufferPointer(rebasing: storage[0..<got]), file: path, fileNumber: number, into: &index)
    }
}

@inline(__always) private func systemRead(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(fd, p, n)
    #else
    Darwin.read(fd, p, n)
    #endif
}
