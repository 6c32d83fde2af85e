#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One tag's index entries, gathered during the pass over the table and handed out in
/// index order.
///
/// An entry is the key bytes followed by the record number in big-endian order (`width` =
/// key length + 4), so plain byte order is CDX order and a run file is the entries back to
/// back. Entries go into one buffer of `capacity` entries; when it is full it is sorted
/// and written to a run file beside `spillBase` (deleted with this object), and refilled.
/// The last buffer stays in memory as the final run. `cursor()` merges the runs.
///
/// Not thread-safe; sendable so that the tags' final sorts can run one per core, each tag
/// touched by one thread at a time.
final class EntryRuns: @unchecked Sendable {
    let keyLength: Int
    let width: Int
    let unique: Bool
    let capacity: Int
    let buffer: UnsafeMutableRawPointer
    /// Entries in `buffer`.
    private(set) var count = 0
    /// Entries gathered in all, spilled ones included.
    private(set) var total = 0
    private(set) var runPaths: [String] = []
    private(set) var isSorted = false
    /// Order-independent digest of every entry gathered (when `digesting`).
    private(set) var digest = EntryDigest()
    let digesting: Bool
    private let spillBase: String

    init(keyLength: Int, unique: Bool, capacity: Int, spillBase: String, digesting: Bool = false) {
        self.keyLength = keyLength
        width = keyLength + 4
        self.unique = unique
        self.capacity = max(1, capacity)
        buffer = .allocate(byteCount: self.capacity * width, alignment: 8)
        self.spillBase = spillBase
        self.digesting = digesting
    }

    deinit {
        buffer.deallocate()
        for p in runPaths { unlink(p) }
    }

    /// Where the next entry's key goes; `commit` it once written. Spills a full buffer first.
    @inline(__always) func slot() throws(CDXError) -> UnsafeMutablePointer<UInt8> {
        if count == capacity { try spill() }
        return (buffer + count * width).assumingMemoryBound(to: UInt8.self)
    }

    /// Completes the entry written at `slot()` with its record number.
    @inline(__always) func commit(recno: UInt32) {
        let entry = buffer + count * width
        entry.storeBytes(of: recno.bigEndian, toByteOffset: keyLength, as: UInt32.self)
        if digesting { digest.add(UnsafeRawPointer(entry), width) }
        count += 1
        total += 1
    }

    /// Sorts the in-memory run. Call once, after the last entry.
    func finish() {
        guard !isSorted else { return }
        EntrySort.sort(buffer, count: count, width: width)
        isSorted = true
    }

    private func spill() throws(CDXError) {
        EntrySort.sort(buffer, count: count, width: width)
        let path = spillBase + ".run\(runPaths.count)"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw .io(file: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        runPaths.append(path)
        var done = 0
        let bytes = count * width
        while done < bytes {
            let n = write(fd, buffer + done, bytes - done)
            guard n > 0 else { throw .io(file: path, reason: String(cString: strerror(errno))) }
            done += n
        }
        count = 0
    }

    /// A fresh pass over the entries in index order (UNIQUE keeps the first record of a
    /// key). Can be called more than once; the runs stay until this object goes.
    func cursor(readBufferBytes: Int = 1 << 18) throws(CDXError) -> EntryCursor {
        finish()
        return try EntryCursor(self, readBufferBytes: readBufferBytes)
    }

    /// Whether any key holds a byte ≥ 0x80 (the collation guard's question).
    func hasHighBytes() throws(CDXError) -> Bool {
        let c = try cursor()
        while try c.next() {
            for k in 0..<keyLength where c.entry[k] >= 0x80 { return true }
        }
        return false
    }
}

/// Sum of a strong 64-bit mix of each entry, twice with different seeds: equal for equal
/// multisets of entries whatever their order, and different, but for a 2^-128 chance, when
/// an entry is lost, added, repeated or altered. It lets the writer prove that a file it
/// reads back holds exactly the entries computed from the records.
struct EntryDigest: Equatable, Sendable {
    var a: UInt64 = 0
    var b: UInt64 = 0

    @inline(__always) mutating func add(_ p: UnsafeRawPointer, _ n: Int) {
        var h1: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n), h2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        var o = 0
        while o + 8 <= n {
            let w = p.loadUnaligned(fromByteOffset: o, as: UInt64.self)
            h1 = Self.mix(h1 ^ w); h2 = Self.mix(h2 &+ w)
            o += 8
        }
        var tail: UInt64 = 0
        while o < n { tail = tail << 8 | UInt64(p.load(fromByteOffset: o, as: UInt8.self)); o += 1 }
        a &+= Self.mix(h1 ^ tail)
        b &+= Self.mix(h2 &+ tail &+ 1)
    }

    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var z = x &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 31)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 29)
    }
}

/// Pull-style k-way merge of a tag's sorted runs. `entry` points at the current entry
/// (key then big-endian record number) and stays valid until the next call to `next()`.
final class EntryCursor {
    let keyLength: Int
    let width: Int
    private let unique: Bool
    private var sources: [RunSource] = []
    /// Source indices ordered as a binary min-heap on their current entries.
    private var heap: [Int] = []
    private var started = false
    private var last: UnsafeMutableRawPointer
    private var hasLast = false
    private(set) var entry: UnsafePointer<UInt8>

    init(_ runs: EntryRuns, readBufferBytes: Int) throws(CDXError) {
        keyLength = runs.keyLength; width = runs.width; unique = runs.unique
        last = .allocate(byteCount: runs.width, alignment: 8)
        entry = UnsafePointer(last.assumingMemoryBound(to: UInt8.self))
        for p in runs.runPaths { sources.append(try RunSource(path: p, width: width, bufferBytes: readBufferBytes)) }
        if runs.count > 0 { sources.append(RunSource(memory: UnsafeRawPointer(runs.buffer), count: runs.count, width: width)) }
        for i in sources.indices where try sources[i].advance() { heap.append(i) }
        heap.withUnsafeMutableBufferPointer { h in
            var i = h.count / 2 - 1
            while i >= 0 { siftDown(h, i); i -= 1 }
        }
    }

    deinit {
        last.deallocate()
        for s in sources { s.close() }
    }

    var recno: UInt32 { UInt32(bigEndian: UnsafeRawPointer(entry + keyLength).loadUnaligned(as: UInt32.self)) }
    var key: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: entry, count: keyLength) }

    /// Moves to the next entry in index order; false at the end.
    func next() throws(CDXError) -> Bool {
        while true {
            if started, !heap.isEmpty {
                let top = heap[0]
                if try sources[top].advance() {
                    heap.withUnsafeMutableBufferPointer { siftDown($0, 0) }
                } else {
                    heap[0] = heap[heap.count - 1]
                    heap.removeLast()
                    if !heap.isEmpty { heap.withUnsafeMutableBufferPointer { siftDown($0, 0) } }
                }
            }
            started = true
            guard let top = heap.first else { return false }
            let e = sources[top].current
            if unique {
                if hasLast, memcmpBytes(UnsafePointer(last.assumingMemoryBound(to: UInt8.self)), e, keyLength) == 0 { continue }
                last.copyMemory(from: e, byteCount: width)
                hasLast = true
            }
            entry = e
            return true
        }
    }

    private func siftDown(_ h: UnsafeMutableBufferPointer<Int>, _ start: Int) {
        var i = start
        let n = h.count
        while true {
            let l = 2 * i + 1
            if l >= n { return }
            var m = l
            if l + 1 < n, less(h[l + 1], h[l]) { m = l + 1 }
            if !less(h[m], h[i]) { return }
            h.swapAt(i, m)
            i = m
        }
    }

    @inline(__always) private func less(_ x: Int, _ y: Int) -> Bool {
        memcmpBytes(sources[x].current, sources[y].current, width) < 0
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

    init(memory: UnsafeRawPointer, count: Int, width: Int) {
        let start = memory.assumingMemoryBound(to: UInt8.self)
        current = start; next = start; end = start + count * width
        self.width = width; fd = -1; path = ""; buffer = nil; bufferBytes = 0
    }

    init(path: String, width: Int, bufferBytes: Int) throws(CDXError) {
        let f = open(path, O_RDONLY)
        guard f >= 0 else { throw .io(file: path, reason: String(cString: strerror(errno))) }
        fd = f; self.path = path; self.width = width
        self.bufferBytes = max(1, bufferBytes / width) * width
        let b = UnsafeMutableRawPointer.allocate(byteCount: self.bufferBytes, alignment: 8)
        buffer = b
        let start = UnsafePointer(b.assumingMemoryBound(to: UInt8.self))
        current = start; next = start; end = start
    }

    func close() {
        if fd >= 0 { _ = Glibc.close(fd) }
        buffer?.deallocate()
    }

    /// Steps to the next entry; false when the run is exhausted.
    @inline(__always) mutating func advance() throws(CDXError) -> Bool {
        if next == end {
            guard let buffer else { return false }
            var filled = 0
            while filled < bufferBytes {
                let n = read(fd, buffer + filled, bufferBytes - filled)
                if n < 0 { throw .io(file: path, reason: String(cString: strerror(errno))) }
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

@inline(__always)
func memcmpRaw(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Int { Int(memcmp(a, b, n)) }
