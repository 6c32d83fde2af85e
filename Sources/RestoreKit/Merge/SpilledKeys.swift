import ResgateLocale
import Foundation
import XBase
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `LiveIndex`'s entries on disk, for live tables past its memory budget.
///
/// While the live table is read, each full buffer of entries arrives sorted and is written
/// as a run; `seal` merges the runs into one sorted file (the runs are removed as soon as
/// it is written) and keeps in memory only the first key of every block of `block`
/// entries. A probe is then a binary search of those fences and, unless the block is in
/// the window last read, one `pread` of a window of `windowBlocks` blocks starting one
/// block before it (backup rows in key order probe neighbours; the keys sharing a prefix
/// are probed in hash order, so a group that straddles two blocks is probed back and forth
/// across the boundary: the window holds both sides).
/// Everything lives in one folder (`merge-keys-…`) under the staging folder, removed by
/// `discard()` or when the object goes, whatever happened.
///
/// Disk: 32 bytes per intact live row for the sorted file, the same again for the runs
/// while they are merged. Memory: the fences (at most 2.5 MiB), one window of 16 blocks, and the
/// merge's read buffers (at most `mergeBuffers` bytes together).
final class SpilledKeys {
    typealias Entry = LiveIndex.Entry
    static let stride = MemoryLayout<Entry>.stride
    /// Fences kept at most: the block grows past 64 entries for larger tables.
    static let maxFences = 1 << 17
    /// Read buffers of all runs together while they are merged.
    static let mergeBuffers = 4 << 20
    /// Blocks read at once by a probe (32 KiB of 64-entry blocks): one read per 15 blocks
    /// of backup rows in key order instead of several per block.
    static let windowBlocks = 16

    let folder: String
    private var runs: [(path: String, count: Int)] = []
    private var nextRun = 0
    private let runLock = NSLock()
    private var sortedPath: String { folder + "/keys" }
    private var fd: Int32 = -1
    private(set) var count = 0
    private(set) var block = 64
    private var fences: [LiveIndex.Identity] = []
    /// Entries `cacheStart ..< cacheStart + cacheCount` (whole blocks), the window last read.
    private var cache: [Entry] = []
    private var cacheStart = 0
    private var cacheCount = 0

    /// Makes a new folder for the runs under `parent`.
    init(parent: String) throws(XBaseError) {
        folder = parent + "/merge-keys-" + UUID().uuidString
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw .io(file: folder, reason: Self.reason(of: error))
        }
    }

    deinit { discard() }

    /// Closes the sorted file and removes the folder (idempotent).
    func discard() {
        if fd >= 0 { close(fd); fd = -1 }
        try? FileManager.default.removeItem(atPath: folder)
        cache = []
        cacheCount = 0
        fences = []
    }

    /// Writes `sorted` (already in index order) as one more run (any thread: the parts
    /// of a `LiveIndex` write theirs at once; their order does not matter to the merge).
    func writeRun(_ sorted: UnsafeBufferPointer<Entry>) throws(XBaseError) {
        runLock.lock()
        let path = folder + "/run\(nextRun)"
        nextRun += 1
        runLock.unlock()
        let out = try Self.create(path)
        defer { close(out) }
        try Self.writeAll(out, UnsafeRawBufferPointer(sorted), path: path)
        runLock.lock()
        runs.append((path, sorted.count))
        runLock.unlock()
    }

    /// Merges the runs into the sorted file, removes them and builds the fences.
    func seal() throws(XBaseError) {
        count = runs.reduce(0) { $0 + $1.count }
        block = max(64, (count + Self.maxFences - 1) / Self.maxFences)
        fences.reserveCapacity((count + block - 1) / block)
        let out = try Self.create(sortedPath)
        var readers: [RunReader] = []
        var merged = false
        defer {
            for r in readers { r.close() }
            if !merged { close(out) }
        }
        let path = sortedPath
        do {
            let each = max(256, Self.mergeBuffers / max(1, runs.count) / Self.stride)
            for r in runs { readers.append(try RunReader(path: r.path, count: r.count, capacity: each)) }
            var heap = RunHeap()
            for i in readers.indices { if let e = try readers[i].next() { heap.push(e, i) } }
            var buffer: [Entry] = []
            let flushAt = 1 << 14
            buffer.reserveCapacity(flushAt)
            var written = 0
            while let (e, i) = heap.pop() {
                if written % block == 0 { fences.append(.init(p: e.p, k0: e.k0, k1: e.k1)) }
                written += 1
                buffer.append(e)
                if buffer.count == flushAt {
                    try Self.attempt(path) { try buffer.withUnsafeBytes { b in try Self.writeAll(out, b, path: path) } }
                    buffer.removeAll(keepingCapacity: true)
                }
                if let next = try readers[i].next() { heap.push(next, i) }
            }
            try Self.attempt(path) { try buffer.withUnsafeBytes { b in try Self.writeAll(out, b, path: path) } }
        }
        merged = true
        for r in runs { unlink(r.path) }
        runs = []
        fd = out
        cache = [Entry](repeating: Entry(p: 0, k0: 0, k1: 0, index: 0, content: 0), count: block * Self.windowBlocks)
    }

    /// The entry at sorted position `p` (< count).
    @inline(__always)
    func entry(_ p: Int) throws(XBaseError) -> Entry {
        let i = p &- cacheStart
        if i >= 0 && i < cacheCount { return cache[i] }
        try load(p / block)
        return cache[p - cacheStart]
    }

    /// The first position whose identity is not below `id` (`count` when none).
    func lowerBound(_ id: LiveIndex.Identity) throws(XBaseError) -> Int {
        // the window last read, when it starts below `id` and ends at or above it (backup rows
        // in key order land there): no search of the fences
        if cacheCount > 0 && id.isAbove(cache[0]) && !id.isAbove(cache[cacheCount - 1]) {
            return cacheStart + Self.search(cache, 0, cacheCount, id)
        }
        var lo = 0, hi = fences.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if fences[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        // every block before `lo` starts below the key; block `lo` (if any) starts at or above it
        guard lo > 0 else { return 0 }
        let b = lo - 1
        let start = b * block
        if start < cacheStart || start >= cacheStart + cacheCount { try load(b) }
        let first = start - cacheStart
        return start + Self.search(cache, first, min(block, count - start), id)
    }

    /// The first of the `n` entries of `entries` from `from` not below `id`, counted from
    /// `from` (`n` when none).
    @inline(__always)
    static func search(_ entries: [Entry], _ from: Int, _ n: Int, _ id: LiveIndex.Identity) -> Int {
        var l = from, h = from + n
        while l < h {
            let mid = (l + h) >> 1
            if id.isAbove(entries[mid]) { l = mid + 1 } else { h = mid }
        }
        return l - from
    }

    /// Every entry in sorted order, read in large pieces (the block cache is left alone).
    func forEach(_ body: (Int, Entry) -> Void) throws(XBaseError) {
        var r = RunReader(fd: fd, path: sortedPath, count: count, capacity: (1 << 16) / Self.stride)
        var p = 0
        while let e = try r.next() { body(p, e); p += 1 }
    }

    /// Reads the window holding block `b`: from the block before it (a probe that moved on
    /// may come back across the boundary), `windowBlocks` blocks.
    private func load(_ b: Int) throws(XBaseError) {
        let start = max(0, b - 1) * block
        let n = min(block * Self.windowBlocks, count - start)
        let (fd, path) = (self.fd, sortedPath)
        cacheCount = 0
        try Self.attempt(path) {
            try cache.withUnsafeMutableBytes { buf in
                try Self.preadAll(fd, UnsafeMutableRawBufferPointer(rebasing: buf[0..<(n * Self.stride)]),
                                  offset: start * Self.stride, path: path)
            }
        }
        cacheStart = start
        cacheCount = n
    }

    // MARK: - files

    static func reason(of error: Error) -> IOReason {
        let ns = error as NSError
        if let u = ns.userInfo[NSUnderlyingErrorKey] as? NSError, u.domain == NSPOSIXErrorDomain {
            return .system(errno: Int32(truncatingIfNeeded: u.code))
        }
        return .other("\(error)")
    }

    /// `body`'s error as the `XBaseError` it is (the buffer closures of the standard
    /// library are untyped).
    static func attempt(_ path: String, _ body: () throws -> Void) throws(XBaseError) {
        do { try body() } catch let e as XBaseError { throw e } catch { throw .io(file: path, reason: .other("\(error)")) }
    }

    static func failure(_ path: String) -> XBaseError { .io(file: path, reason: .lastError) }

    static func create(_ path: String) throws(XBaseError) -> Int32 {
        let fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .cannotOpen(file: path, reason: .lastError) }
        return fd
    }

    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(XBaseError) {
        var done = 0
        while done < bytes.count {
            let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 { if errno == EINTR { continue }; throw failure(path) }
            done += n
        }
    }

    static func preadAll(_ fd: Int32, _ into: UnsafeMutableRawBufferPointer, offset: Int, path: String) throws(XBaseError) {
        var done = 0
        while done < into.count {
            let n = pread(fd, into.baseAddress! + done, into.count - done, off_t(offset + done))
            if n < 0 { if errno == EINTR { continue }; throw failure(path) }
            if n == 0 { throw .io(file: path, reason: .shortRead) }
            done += n
        }
    }
}

/// Sequential, buffered reading of a file of entries (a run, or the sorted file).
struct RunReader {
    let fd: Int32
    let path: String
    let owned: Bool
    private var remaining: Int
    private var offset = 0
    private var buffer: [LiveIndex.Entry]
    private var at = 0
    private var filled = 0

    init(path: String, count: Int, capacity: Int) throws(XBaseError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotOpen(file: path, reason: .lastError) }
        self.init(fd: fd, path: path, count: count, capacity: capacity, owned: true)
    }

    init(fd: Int32, path: String, count: Int, capacity: Int, owned: Bool = false) {
        self.fd = fd; self.path = path; self.owned = owned
        remaining = count
        buffer = [LiveIndex.Entry](repeating: .init(p: 0, k0: 0, k1: 0, index: 0, content: 0), count: max(1, min(capacity, count)))
    }

    /// Closes the file if this reader opened it.
    func close() { if owned { _ = Glibc.close(fd) } }

    /// The next entry, nil at the end.
    mutating func next() throws(XBaseError) -> LiveIndex.Entry? {
        if at == filled {
            guard remaining > 0 else { return nil }
            let n = min(buffer.count, remaining)
            let (fd, path, offset) = (self.fd, self.path, self.offset)
            try SpilledKeys.attempt(path) {
                try buffer.withUnsafeMutableBytes { b in
                    try SpilledKeys.preadAll(fd, UnsafeMutableRawBufferPointer(rebasing: b[0..<(n * SpilledKeys.stride)]),
                                             offset: offset, path: path)
                }
            }
            self.offset += n * SpilledKeys.stride
            remaining -= n
            filled = n
            at = 0
        }
        defer { at += 1 }
        return buffer[at]
    }
}

/// A binary min-heap of (entry, run) by the index order (prefix, k0, k1, record).
struct RunHeap {
    private var items: [(LiveIndex.Entry, Int)] = []

    static func less(_ a: LiveIndex.Entry, _ b: LiveIndex.Entry) -> Bool {
        (a.p, a.k0, a.k1, a.index) < (b.p, b.k0, b.k1, b.index)
    }

    mutating func push(_ e: LiveIndex.Entry, _ run: Int) {
        items.append((e, run))
        var c = items.count - 1
        while c > 0 {
            let p = (c - 1) >> 1
            guard Self.less(items[c].0, items[p].0) else { break }
            items.swapAt(c, p)
            c = p
        }
    }

    mutating func pop() -> (LiveIndex.Entry, Int)? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var p = 0
            while true {
                let l = 2 * p + 1, r = l + 1
                var m = p
                if l < items.count && Self.less(items[l].0, items[m].0) { m = l }
                if r < items.count && Self.less(items[r].0, items[m].0) { m = r }
                if m == p { break }
                items.swapAt(p, m)
                p = m
            }
        }
        return top
    }
}
