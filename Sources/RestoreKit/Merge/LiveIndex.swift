import Foundation
import XBase

/// The live table's intact rows by identity (the key's first 8 bytes and its 96-bit
/// fingerprint, or the content's when there is no key), in the order (identity, record)
/// for binary search, with a content fingerprint each and a "seen" bit.
///
/// 32 bytes a row. Up to `budget` rows are held in memory; past it the rows spill to
/// sorted runs in a folder under the staging folder, merged into one sorted file probed a
/// block at a time (`SpilledKeys`). The order is the same either way, so every answer is:
/// the spilled merge writes the same table and counts as the in-memory one. What stays in
/// memory past the budget is one bit per row twice (seen, pending) and the fences: a
/// 10 M-row table costs ~4 MiB (see docs/merge.md).
final class LiveIndex {
    struct Entry {
        /// The key's first bytes (`RecordHasher.prefix`): ordered by it first, for locality.
        var p: UInt64
        var k0: UInt64
        var k1: UInt32
        var index: UInt32
        var content: UInt64
    }
    /// Rows kept in memory at most (8 MiB of entries, 12 MiB while they are sorted).
    static let defaultBudget = (8 << 20) / MemoryLayout<Entry>.stride
    /// Intact live rows a merge takes at most (its bitmaps then take 8 MiB): a 2 GB table
    /// of 64-byte records has 32 M.
    static let maxRows = 32 << 20
    /// Tests force the spilled path with a tiny budget.
    @TaskLocal static var budgetOverride: Int? = nil
    /// Tests see the folder each spill makes.
    @TaskLocal static var spillObserver: (@Sendable (String) -> Void)? = nil

    let budget: Int
    /// Where spilled runs go (a folder is made under it: the staging folder).
    let spillParent: String
    /// `spillObserver` as it was when the index was made (parts add on other threads).
    private let observer: (@Sendable (String) -> Void)?
    private let lock = NSLock()
    private var entries: [Entry] = []
    private var spill: SpilledKeys?
    private var parts: [Part] = []
    private(set) var count = 0
    private var seen: [UInt64] = []
    /// Highest live record index added, plus one.
    private var indexEnd = 0

    /// `parts`: how many threads add at once (`part(_:)`), each with its own buffer of
    /// `budget / parts` entries, so the memory is the budget whatever their number.
    init(spillParent: String, expected: Int, parts n: Int = 1) {
        self.spillParent = spillParent
        budget = max(1, Self.budgetOverride ?? Self.defaultBudget)
        observer = Self.spillObserver
        let n = max(1, n)
        let capacity = max(1, budget / n)
        parts = (0..<n).map { _ in Part(capacity: capacity, reserve: min(capacity, max(0, expected) / n + 1)) }
        for p in parts { p.owner = self }
    }

    /// One thread's share of the adding. Entries of any part may be added in any order:
    /// the index's order is the entries', not the adding's.
    final class Part {
        fileprivate weak var owner: LiveIndex?
        fileprivate let capacity: Int
        fileprivate var entries: [Entry] = []
        fileprivate var indexEnd = 0

        fileprivate init(capacity: Int, reserve: Int) {
            self.capacity = capacity
            entries.reserveCapacity(reserve)
        }

        func add(_ e: Entry) throws(XBaseError) {
            if entries.count == capacity { try owner!.spillRun(&entries) }
            entries.append(e)
            indexEnd = max(indexEnd, Int(e.index) + 1)
        }
    }

    /// Part `i` of those asked for at `init` (before `seal`).
    func part(_ i: Int) -> Part { parts[i] }

    /// Whether the entries went to disk.
    var spilled: Bool { spill != nil }

    /// Adds through the first part (one thread).
    func add(_ e: Entry) throws(XBaseError) { try parts[0].add(e) }

    /// Sorts a part's full buffer and writes it as a run (any thread; the folder is made
    /// by the first).
    private func spillRun(_ buffer: inout [Entry]) throws(XBaseError) {
        lock.lock()
        if spill == nil {
            do {
                let s = try SpilledKeys(parent: spillParent)
                spill = s
                observer?(s.folder)
            } catch { lock.unlock(); throw error }
        }
        let spill = self.spill!
        lock.unlock()
        buffer.sort(by: RunHeap.less)
        try SpilledKeys.attempt(spill.folder) { try buffer.withUnsafeBufferPointer { b in try spill.writeRun(b) } }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Ends the adding (every part's thread done): sorts (in memory) or merges the runs
    /// (spilled).
    func seal() throws(XBaseError) {
        indexEnd = parts.reduce(indexEnd) { max($0, $1.indexEnd) }
        if let spill {
            for p in parts where !p.entries.isEmpty { try spillRun(&p.entries) }
            parts = []
            entries = []
            try spill.seal()
            count = spill.count
        } else {
            // (the first part's buffer is taken over, not shared: appending must not copy it)
            if let first = parts.first { swap(&entries, &first.entries) }
            for p in parts.dropFirst() { entries.append(contentsOf: p.entries); p.entries = [] }
            parts = []
            entries.sort(by: RunHeap.less)
            count = entries.count
        }
        seen = [UInt64](repeating: 0, count: (count + 63) / 64)
    }

    /// Removes the spilled files (idempotent; also done when the index goes).
    func discard() { spill?.discard() }

    func isSeen(_ p: Int) -> Bool { seen[p >> 6] & (1 << UInt64(p & 63)) != 0 }
    func markSeen(_ p: Int) { seen[p >> 6] |= 1 << UInt64(p & 63) }

    @inline(__always)
    private func entry(_ p: Int) throws(XBaseError) -> Entry {
        if let spill { return try spill.entry(p) }
        return entries[p]
    }

    /// An entry's identity (what equal keys share), in the index's order.
    struct Identity: Equatable {
        var p: UInt64
        var k0: UInt64
        var k1: UInt32
        @inline(__always)
        static func < (a: Identity, b: Identity) -> Bool { (a.p, a.k0, a.k1) < (b.p, b.k0, b.k1) }
        @inline(__always)
        func matches(_ e: Entry) -> Bool { e.p == p && e.k0 == k0 && e.k1 == k1 }
        @inline(__always)
        func isAbove(_ e: Entry) -> Bool { (e.p, e.k0, e.k1) < (p, k0, k1) }
    }

    /// First position with identity `id`, nil when none.
    func first(_ id: Identity) throws(XBaseError) -> Int? {
        let lo: Int
        if let spill {
            lo = try spill.lowerBound(id)
        } else {
            var l = 0, h = entries.count
            while l < h {
                let mid = (l + h) >> 1
                if id.isAbove(entries[mid]) { l = mid + 1 } else { h = mid }
            }
            lo = l
        }
        guard lo < count else { return nil }
        return id.matches(try entry(lo)) ? lo : nil
    }

    /// The first unseen entry with identity `id` and its position.
    func firstUnseen(_ id: Identity) throws(XBaseError) -> (Int, Entry)? {
        var start = try firstFromHint(id)
        if start == nil { start = try first(id) }
        guard var p = start else { return nil }
        while p < count {
            let e = try entry(p)
            guard id.matches(e) else { return nil }
            if !isSeen(p) {
                (hint, hintID) = (p + 1, id)
                return (p, e)
            }
            p += 1
        }
        return nil
    }

    /// Just past the entry `firstUnseen` returned last, and that entry's identity.
    private var hint = 0
    private var hintID: Identity?

    /// The first position of `id` without a search when it is the one just past the entry
    /// found last (backup rows in key order: the usual case). The entries are in order, so
    /// when the entry at `hint` has identity `id` and the one before it (`hintID`) another,
    /// none before `hint` has `id`. nil: search.
    @inline(__always)
    private func firstFromHint(_ id: Identity) throws(XBaseError) -> Int? {
        guard let last = hintID, hint < count, last != id, id.matches(try entry(hint)) else { return nil }
        return hint
    }

    /// Marks every entry with identity `id` seen.
    func markAll(_ id: Identity) throws(XBaseError) {
        guard var p = try first(id) else { return }
        while p < count {
            let e = try entry(p)
            guard id.matches(e) else { return }
            markSeen(p)
            p += 1
        }
    }

    /// Live record indexes of unseen entries at or past `start`, as a bitmap by live
    /// record (read in ascending order: live order).
    func unseen(from start: Int) throws(XBaseError) -> RecordBitmap {
        var out = RecordBitmap(count: indexEnd)
        if let spill {
            try spill.forEach { p, e in
                if !isSeen(p) && Int(e.index) >= start { out.insert(Int(e.index)) }
            }
        } else {
            for p in entries.indices where !isSeen(p) && Int(entries[p].index) >= start { out.insert(Int(entries[p].index)) }
        }
        return out
    }
}

/// One bit per live record.
struct RecordBitmap {
    private var words: [UInt64]
    let count: Int

    init(count: Int) {
        self.count = count
        words = [UInt64](repeating: 0, count: (count + 63) / 64)
    }

    mutating func insert(_ i: Int) { words[i >> 6] |= 1 << UInt64(i & 63) }

    /// The members in ascending order.
    func forEach(_ body: (Int) throws -> Void) rethrows {
        for (w, word) in words.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                let b = bits.trailingZeroBitCount
                try body(w << 6 | b)
                bits &= bits - 1
            }
        }
    }
}
