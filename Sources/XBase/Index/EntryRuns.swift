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
        // A tag that spilled in halves has one half idle once the pass is over (its entries
        // are in a run file): the merge reads through it instead of through new memory.
        if overlapped, !idleHalfLent, !runPaths.isEmpty {
            let half = capacity * width
            let share = half / runPaths.count / width * width
            if share >= 16 * width {
                idleHalfLent = true
                let idle = active.pointee == storage ? storage + half : storage
                return try EntryCursor(self, readBufferBytes: share, area: idle)
            }
        }
        let perRun = min(1 << 18, max(1 << 14, KeyPass.mergeBufferBudget / max(1, runPaths.count)))
        return try EntryCursor(self, readBufferBytes: perRun, area: nil)
    }

    /// Whether a live cursor reads through the idle half (one at a time may).
    var idleHalfLent = false

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
        guard fd >= 0 else { throw .io(file: path, reason: .lastError) }
        defer { close(fd) }
        var done = 0
        let bytes = count * width
        while done < bytes {
            let n = write(fd, base + done, bytes - done)
            guard n > 0 else { throw .io(file: path, reason: .lastError) }
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

@inline(__always)
func memcmpRaw(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Int { Int(memcmp(a, b, n)) }
