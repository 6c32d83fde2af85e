#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// One tag's index entries, gathered during the pass over the table and handed out in
/// index order.
///
/// An entry is the key bytes followed by the record number in big-endian order (`width` =
/// key length + 4), so plain byte order is CDX order and a run file is the entries back to
/// back. Entries go into a buffer of `capacity` entries; when it is full it is sorted and
/// written to a run file beside `spillBase` (deleted with this object), and refilled. The
/// last buffer stays in memory as the final run. `cursor()` merges the runs.
///
/// A tag that will spill (`overlapped`) splits its memory into two halves: a full half is
/// sorted and written on another core while the pass fills the other one, so the sorting
/// of big tags overlaps with reading the table instead of stopping it.
///
/// Sendable so that the tags' final sorts can run one per core; each tag is touched by one
/// thread at a time (the background spill owns its half until `waitForSpill`).
final class EntryRuns: @unchecked Sendable {
    let keyLength: Int
    let width: Int
    let unique: Bool
    /// Entries per buffer (per half when overlapped).
    let capacity: Int
    let overlapped: Bool
    private let storage: UnsafeMutableRawPointer
    /// The buffer being filled, in raw memory like the counters.
    private let active: UnsafeMutablePointer<UnsafeMutableRawPointer>
    var buffer: UnsafeMutableRawPointer { active.pointee }
    var activePointer: UnsafeMutablePointer<UnsafeMutableRawPointer> { active }
    /// `count` and `total` live in raw memory: a class's stored `var`s cost a dynamic
    /// exclusivity check on every access, which the per-record loop cannot afford.
    private let counters: UnsafeMutablePointer<Int>
    var countersPointer: UnsafeMutablePointer<Int> { counters }
    /// Entries in `buffer`.
    var count: Int { counters[0] }
    /// Entries gathered in all, spilled ones included.
    var total: Int { counters[1] }
    private(set) var runPaths: [String] = []
    private(set) var isSorted = false
    /// Order-independent digest of every entry gathered (when `digesting`).
    private(set) var digest = EntryDigest()
    let digesting: Bool
    private let spillBase: String
    private var pending: (group: DispatchGroup, result: SpillResult)?

    /// `capacity` entries in all; `overlapped` halves them (see the type's comment).
    init(keyLength: Int, unique: Bool, capacity: Int, spillBase: String, digesting: Bool = false, overlapped: Bool = false) {
        self.keyLength = keyLength
        width = keyLength + 4
        self.unique = unique
        let all = max(1, capacity)
        self.overlapped = overlapped && all >= 64
        self.capacity = self.overlapped ? all / 2 : all
        storage = .allocate(byteCount: all * width, alignment: 8)
        active = .allocate(capacity: 1)
        active.initialize(to: storage)
        counters = .allocate(capacity: 2)
        counters.initialize(repeating: 0, count: 2)
        self.spillBase = spillBase
        self.digesting = digesting
    }

    deinit {
        pending?.group.wait()
        storage.deallocate()
        active.deallocate()
        counters.deallocate()
        for p in runPaths { unlink(p) }
    }

    /// Where the next entry's key goes; `commit` it once written. Spills a full buffer first.
    @inline(__always) func slot() throws(CDXError) -> UnsafeMutablePointer<UInt8> {
        if counters[0] == capacity { try spill() }
        return (buffer + counters[0] * width).assumingMemoryBound(to: UInt8.self)
    }

    /// Completes the entry written at `slot()` with its record number.
    @inline(__always) func commit(recno: UInt32) {
        let entry = buffer + counters[0] * width
        entry.storeBytes(of: recno.bigEndian, toByteOffset: keyLength, as: UInt32.self)
        if digesting { digest.add(UnsafeRawPointer(entry), width) }
        counters[0] += 1
        counters[1] += 1
    }

    /// The appending end of these runs as a plain value (no reference counting per record);
    /// valid while this object lives.
    var appender: EntryAppender { EntryAppender(owner: self) }

    /// Waits for a spill running on another core and reports its failure.
    func waitForSpill() throws(CDXError) {
        guard let p = pending else { return }
        p.group.wait()
        pending = nil
        if let e = p.result.error { throw e }
    }

    /// Sorts the in-memory run. Call once, after the last entry (and `waitForSpill`).
    func finish() {
        pending?.group.wait()
        guard !isSorted else { return }
        EntrySort.sort(buffer, count: count, width: width)
        isSorted = true
    }

    fileprivate func spill() throws(CDXError) {
        try waitForSpill()
        let path = spillBase + ".run\(runPaths.count)"
        runPaths.append(path)
        let job = SpillJob(base: active.pointee, count: counters[0], width: width, path: path)
        counters[0] = 0
        guard overlapped else { return try job.run() }
        let result = SpillResult()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            do throws(CDXError) { try job.run() } catch { result.error = error }
        }
        pending = (group, result)
        // Fill the other half meanwhile.
        active.pointee = active.pointee == storage ? storage + capacity * width : storage
    }

    /// A fresh pass over the entries in index order (UNIQUE keeps the first record of a
    /// key). Can be called more than once; the runs stay until this object goes.
    func cursor() throws(CDXError) -> EntryCursor {
        finish()
        let perRun = min(1 << 18, max(1 << 14, KeyPass.mergeBufferBudget / max(1, runPaths.count)))
        return try EntryCursor(self, readBufferBytes: perRun)
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

/// Sorts one full buffer and writes it as a run file.
struct SpillJob: @unchecked Sendable {
    let base: UnsafeMutableRawPointer
    let count: Int
    let width: Int
    let path: String

    func run() throws(CDXError) {
        EntrySort.sort(base, count: count, width: width)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw .io(file: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var done = 0
        let bytes = count * width
        while done < bytes {
            let n = write(fd, base + done, bytes - done)
            guard n > 0 else { throw .io(file: path, reason: String(cString: strerror(errno))) }
            done += n
        }
    }
}

/// A background spill's failure, read only after its group was waited for.
final class SpillResult: @unchecked Sendable {
    var error: CDXError?
}

/// `EntryRuns.slot()` and `commit(recno:)` for the per-record loop: the owner is held
/// unowned(unsafe), so copying or calling this costs no retain/release.
struct EntryAppender {
    unowned(unsafe) let owner: EntryRuns
    let active: UnsafeMutablePointer<UnsafeMutableRawPointer>
    let counters: UnsafeMutablePointer<Int>
    let capacity: Int, width: Int, keyLength: Int
    let digesting: Bool

    init(owner: EntryRuns) {
        self.owner = owner
        active = owner.activePointer; counters = owner.countersPointer
        capacity = owner.capacity; width = owner.width; keyLength = owner.keyLength; digesting = owner.digesting
    }

    @inline(__always) func slot() throws(CDXError) -> UnsafeMutablePointer<UInt8> {
        if counters[0] == capacity { try owner.spill() }
        return (active.pointee + counters[0] * width).assumingMemoryBound(to: UInt8.self)
    }

    @inline(__always) func commit(recno: UInt32) {
        if digesting { owner.commit(recno: recno); return }
        (active.pointee + counters[0] * width).storeBytes(of: recno.bigEndian, toByteOffset: keyLength, as: UInt32.self)
        counters[0] += 1
        counters[1] += 1
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

    init(_ runs: EntryRuns, readBufferBytes: Int) throws(CDXError) {
        keyLength = runs.keyLength; width = runs.width; unique = runs.unique
        last = .allocate(byteCount: runs.width, alignment: 8)
        currentEntry = .allocate(capacity: 1)
        currentEntry.initialize(to: UnsafePointer(last.assumingMemoryBound(to: UInt8.self)))
        var list: [RunSource] = []
        do throws(CDXError) {
            for p in runs.runPaths { list.append(try RunSource(path: p, width: width, bufferBytes: readBufferBytes)) }
        } catch {
            for s in list { s.close() }
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
