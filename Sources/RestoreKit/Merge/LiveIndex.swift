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
    private var entries: [Entry] = []
    private var spill: SpilledKeys?
    private(set) var count = 0
    private var seen: [UInt64] = []
    /// Highest live record index added, plus one.
    private var indexEnd = 0

    init(spillParent: String, expected: Int) {
        self.spillParent = spillParent
        budget = max(1, Self.budgetOverride ?? Self.defaultBudget)
        entries.reserveCapacity(min(budget, max(0, expected)))
    }

    /// Whether the entries went to disk.
    var spilled: Bool { spill != nil }

    func add(_ e: Entry) throws(XBaseError) {
        if entries.count == budget {
            if spill == nil {
                let s = try SpilledKeys(parent: spillParent)
                spill = s
                Self.spillObserver?(s.folder)
            }
            try spillEntries()
        }
        entries.append(e)
        indexEnd = max(indexEnd, Int(e.index) + 1)
    }

    private func spillEntries() throws(XBaseError) {
        entries.sort(by: RunHeap.less)
        let spill = self.spill!
        try SpilledKeys.attempt(spill.folder) { try entries.withUnsafeBufferPointer { b in try spill.writeRun(b) } }
        entries.removeAll(keepingCapacity: true)
    }

    /// Ends the adding: sorts (in memory) or merges the runs (spilled).
    func seal() throws(XBaseError) {
        if let spill {
            if !entries.isEmpty { try spillEntries() }
            entries = []
            try spill.seal()
            count = spill.count
        } else {
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
        guard var p = try first(id) else { return nil }
        while p < count {
            let e = try entry(p)
            guard id.matches(e) else { return nil }
            if !isSeen(p) { return (p, e) }
            p += 1
        }
        return nil
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
