import XBase

/// The live table's intact rows by identity (96-bit key fingerprint, or content when there
/// is no key), sorted for binary search, with a content fingerprint each and a "seen" bit.
/// 24 bytes a row: a million rows take 23 MiB. Past `budget` rows the merge is refused
/// rather than grow past the 64 MiB promise (see docs/merge.md).
struct LiveIndex {
    struct Entry {
        var k0: UInt64
        var k1: UInt32
        var index: UInt32
        var content: UInt64
    }
    /// Rows kept in memory at most (32 MiB of entries).
    static let budget = (32 << 20) / MemoryLayout<Entry>.stride

    private(set) var entries: [Entry] = []
    private var seen: [UInt64] = []

    mutating func add(_ e: Entry) { entries.append(e) }

    mutating func seal() {
        entries.sort { ($0.k0, $0.k1, $0.index) < ($1.k0, $1.k1, $1.index) }
        seen = [UInt64](repeating: 0, count: (entries.count + 63) / 64)
    }

    func isSeen(_ p: Int) -> Bool { seen[p >> 6] & (1 << UInt64(p & 63)) != 0 }
    mutating func markSeen(_ p: Int) { seen[p >> 6] |= 1 << UInt64(p & 63) }

    /// First position with identity (k0, k1), nil when none.
    func first(_ k0: UInt64, _ k1: UInt32) -> Int? {
        var lo = 0, hi = entries.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            let e = entries[mid]
            if (e.k0, e.k1) < (k0, k1) { lo = mid + 1 } else { hi = mid }
        }
        return lo < entries.count && entries[lo].k0 == k0 && entries[lo].k1 == k1 ? lo : nil
    }

    /// The first unseen entry with identity (k0, k1).
    func firstUnseen(_ k0: UInt64, _ k1: UInt32) -> Int? {
        guard var p = first(k0, k1) else { return nil }
        while p < entries.count && entries[p].k0 == k0 && entries[p].k1 == k1 {
            if !isSeen(p) { return p }
            p += 1
        }
        return nil
    }

    /// Marks every entry with identity (k0, k1) seen.
    mutating func markAll(_ k0: UInt64, _ k1: UInt32) {
        guard var p = first(k0, k1) else { return }
        while p < entries.count && entries[p].k0 == k0 && entries[p].k1 == k1 { markSeen(p); p += 1 }
    }

    /// Live record indexes of unseen entries, ascending (live order).
    func unseenIndexes(from start: Int = 0) -> [UInt32] {
        var out: [UInt32] = []
        for p in entries.indices where !isSeen(p) && Int(entries[p].index) >= start { out.append(entries[p].index) }
        out.sort()
        return out
    }
}
