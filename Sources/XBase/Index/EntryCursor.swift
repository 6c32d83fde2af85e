#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Pull-style k-way merge of a tag's sorted runs. `entry` points at the current entry
/// (key then big-endian record number) and stays valid until the next call to `next()`.
final class EntryCursor {
    let keyLength: Int
    let width: Int
    private let unique: Bool
    /// Sources and heap live in raw memory (no exclusivity checks, no copy-on-write tests
    /// in the per-entry loop).
    private let sources: UnsafeMutablePointer<RunSource>
    private let sourceCount: Int
    /// Source indices ordered as a binary min-heap on their current entries.
    private let heap: UnsafeMutablePointer<Int>
    private let state: UnsafeMutablePointer<Int>   // [0] heap size, [1] started, [2] has last
    private let last: UnsafeMutableRawPointer
    private let currentEntry: UnsafeMutablePointer<UnsafePointer<UInt8>>
    /// The current entry: key bytes, then the record number big-endian.
    var entry: UnsafePointer<UInt8> { currentEntry.pointee }

    /// Holds the runs: the in-memory run and a lent read area live in their storage.
    private let runs: EntryRuns
    private let lentArea: Bool

    /// `area`, when given, holds `readBufferBytes` per run file (the runs' idle half, given
    /// back when this cursor goes); otherwise each run file gets its own buffer.
    init(_ runs: EntryRuns, readBufferBytes: Int, area: UnsafeMutableRawPointer?) throws(CDXError) {
        self.runs = runs
        lentArea = area != nil
        keyLength = runs.keyLength; width = runs.width; unique = runs.unique
        last = .allocate(byteCount: runs.width, alignment: 8)
        currentEntry = .allocate(capacity: 1)
        currentEntry.initialize(to: UnsafePointer(last.assumingMemoryBound(to: UInt8.self)))
        var list: [RunSource] = []
        do throws(CDXError) {
            for (k, p) in runs.runPaths.enumerated() {
                list.append(try RunSource(path: p, width: width, bufferBytes: readBufferBytes,
                                          area: area.map { $0 + k * readBufferBytes }))
            }
        } catch {
            for s in list { s.close() }
            if area != nil { runs.idleHalfLent = false }
            last.deallocate()
            currentEntry.deallocate()
            throw error
        }
        if runs.count > 0 { list.append(RunSource(memory: UnsafeRawPointer(runs.buffer), count: runs.count, width: width)) }
        sourceCount = list.count
        sources = .allocate(capacity: max(1, list.count))
        sources.initialize(from: list, count: list.count)
        heap = .allocate(capacity: max(1, list.count))
        state = .allocate(capacity: 3)
        state.initialize(repeating: 0, count: 3)
        var size = 0
        for i in 0..<sourceCount {
            let more: Bool
            do throws(CDXError) { more = try sources[i].advance() } catch { release(); throw error }
            if more { heap[size] = i; size += 1 }
        }
        state[0] = size
        var i = size / 2 - 1
        while i >= 0 { siftDown(i); i -= 1 }
    }

    deinit {
        release()
        state.deallocate()
        currentEntry.deallocate()
    }

    private func release() {
        guard state[2] >= 0 else { return }
        state[2] = -1
        if lentArea { runs.idleHalfLent = false }
        for i in 0..<sourceCount { sources[i].close() }
        sources.deinitialize(count: sourceCount)
        sources.deallocate(); heap.deallocate(); last.deallocate()
    }

    var recno: UInt32 { UInt32(bigEndian: UnsafeRawPointer(entry + keyLength).loadUnaligned(as: UInt32.self)) }
    var key: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: entry, count: keyLength) }

    /// Moves to the next entry in index order; false at the end.
    func next() throws(CDXError) -> Bool {
        while true {
            if state[1] != 0, state[0] > 0 {
                if try sources[heap[0]].advance() {
                    if state[0] > 1 { siftDown(0) }
                } else {
                    state[0] -= 1
                    heap[0] = heap[state[0]]
                    if state[0] > 1 { siftDown(0) }
                }
            }
            state[1] = 1
            guard state[0] > 0 else { return false }
            let e = sources[heap[0]].current
            if unique {
                if state[2] == 1, memcmpRaw(last, e, keyLength) == 0 { continue }
                last.copyMemory(from: e, byteCount: width)
                state[2] = 1
            }
            currentEntry.pointee = e
            return true
        }
    }

    private func siftDown(_ start: Int) {
        var i = start
        let n = state[0]
        while true {
            let l = 2 * i + 1
            if l >= n { return }
            var m = l
            if l + 1 < n, less(heap[l + 1], heap[l]) { m = l + 1 }
            if !less(heap[m], heap[i]) { return }
            let t = heap[i]; heap[i] = heap[m]; heap[m] = t
            i = m
        }
    }

    @inline(__always) private func less(_ x: Int, _ y: Int) -> Bool {
        memcmpRaw(sources[x].current, sources[y].current, width) < 0
    }
}

/// One sorted run: an in-memory block, or a run file read through a buffer of whole entries.
struct RunSource {
    private(set) var current: UnsafePointer<UInt8>
    private let width: Int
    private var next: UnsafePointer<UInt8>
    private var end: UnsafePointer<UInt8>
    private let fd: Int32
    private let path: String
    private let buffer: UnsafeMutableRawPointer?
    private let bufferBytes: Int
    private let ownsBuffer: Bool

    init(memory: UnsafeRawPointer, count: Int, width: Int) {
        let start = memory.assumingMemoryBound(to: UInt8.self)
        current = start; next = start; end = start + count * width
        self.width = width; fd = -1; path = ""; buffer = nil; bufferBytes = 0; ownsBuffer = false
    }

    /// Reads through `area` (`bufferBytes` long, owned by someone else) when given.
    init(path: String, width: Int, bufferBytes: Int, area: UnsafeMutableRawPointer? = nil) throws(CDXError) {
        let f = open(path, O_RDONLY)
        guard f >= 0 else { throw .io(file: path, reason: .lastError) }
        fd = f; self.path = path; self.width = width
        self.bufferBytes = max(1, bufferBytes / width) * width
        ownsBuffer = area == nil
        let b = area ?? UnsafeMutableRawPointer.allocate(byteCount: self.bufferBytes, alignment: 8)
        buffer = b
        let start = UnsafePointer(b.assumingMemoryBound(to: UInt8.self))
        current = start; next = start; end = start
    }

    func close() {
        if fd >= 0 { _ = Glibc.close(fd) }
        if ownsBuffer { buffer?.deallocate() }
    }

    /// Steps to the next entry; false when the run is exhausted.
    @inline(__always) mutating func advance() throws(CDXError) -> Bool {
        if next == end {
            guard let buffer else { return false }
            var filled = 0
            while filled < bufferBytes {
                let n = read(fd, buffer + filled, bufferBytes - filled)
                if n < 0 { throw .io(file: path, reason: .lastError) }
                if n == 0 { break }
                filled += n
            }
            let whole = filled / width * width
            guard whole > 0 else { return false }
            let start = UnsafePointer(buffer.assumingMemoryBound(to: UInt8.self))
            next = start; end = start + whole
        }
        current = next
        next += width
        return true
    }
}
