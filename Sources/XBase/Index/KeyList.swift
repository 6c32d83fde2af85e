#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fixed-length keys with their record numbers, stored back to back in one buffer so that a
/// million keys cost two allocations, not a million.
public struct KeyList: Sendable {
    public let keyLength: Int
    public private(set) var keyBytes: [UInt8] = []
    public private(set) var recnos: [UInt32] = []

    public init(keyLength: Int, capacity: Int = 0) {
        self.keyLength = keyLength
        keyBytes.reserveCapacity(capacity * keyLength)
        recnos.reserveCapacity(capacity)
    }

    public var count: Int { recnos.count }
    public func key(_ i: Int) -> ArraySlice<UInt8> { keyBytes[(i * keyLength)..<((i + 1) * keyLength)] }

    public mutating func append<C: Collection>(key: C, recno: UInt32) where C.Element == UInt8 {
        keyBytes.append(contentsOf: key); recnos.append(recno)
    }

    /// Compares entries i and j by key bytes, then record number: CDX order under MACHINE.
    func compare(_ i: Int, _ j: Int) -> Int {
        let c = keyBytes.withUnsafeBufferPointer { b in
            memcmpBytes(b.baseAddress! + i * keyLength, b.baseAddress! + j * keyLength, keyLength)
        }
        if c != 0 { return c }
        return recnos[i] == recnos[j] ? 0 : (recnos[i] < recnos[j] ? -1 : 1)
    }

    /// Sorts by (key, recno) and, for a UNIQUE tag, keeps only the first record of each key
    /// (FoxPro keeps the lowest record number).
    ///
    /// Sorts (first 8 key bytes, position) pairs, which keeps most comparisons inside one
    /// contiguous array, then moves the keys into place by following the permutation's
    /// cycles: no second copy of the keys is ever made.
    public mutating func sort(unique: Bool) {
        guard count > 1 else { return }
        let n = count, len = keyLength
        var order: [(prefix: UInt64, index: UInt32)] = keyBytes.withUnsafeBufferPointer { kb in
            (0..<n).map { i in
                var p: UInt64 = 0
                for k in 0..<8 { p = p << 8 | UInt64(k < len ? kb[i * len + k] : 0) }
                return (p, UInt32(i))
            }
        }
        let recs = recnos
        keyBytes.withUnsafeBufferPointer { kb in
            let base = kb.baseAddress!
            order.sort { a, b in
                if a.prefix != b.prefix { return a.prefix < b.prefix }
                let i = Int(a.index), j = Int(b.index)
                if len > 8 {
                    let c = memcmpBytes(base + i * len + 8, base + j * len + 8, len - 8)
                    if c != 0 { return c < 0 }
                }
                return recs[i] < recs[j]
            }
        }
        // new[pos] = old[order[pos]], cycle by cycle.
        var done = [Bool](repeating: false, count: n)
        var saved = [UInt8](repeating: 0, count: len)
        keyBytes.withUnsafeMutableBufferPointer { kb in
            let base = kb.baseAddress!
            for start in 0..<n where !done[start] {
                for k in 0..<len { saved[k] = base[start * len + k] }
                let savedRecno = recnos[start]
                var pos = start
                while true {
                    done[pos] = true
                    let src = Int(order[pos].index)
                    if src == start {
                        for k in 0..<len { base[pos * len + k] = saved[k] }
                        recnos[pos] = savedRecno
                        break
                    }
                    (base + pos * len).update(from: base + src * len, count: len)
                    recnos[pos] = recnos[src]
                    pos = src
                }
            }
        }
        if unique { removeRepeatedKeys() }
    }

    /// After sorting: keeps the first entry of each run of equal keys, in place.
    private mutating func removeRepeatedKeys() {
        let len = keyLength, n = count
        var kept = 0
        keyBytes.withUnsafeMutableBufferPointer { kb in
            let base = kb.baseAddress!
            for i in 0..<n {
                if kept > 0, memcmpBytes(base + (kept - 1) * len, base + i * len, len) == 0 { continue }
                if kept != i {
                    (base + kept * len).update(from: base + i * len, count: len)
                    recnos[kept] = recnos[i]
                }
                kept += 1
            }
        }
        keyBytes.removeLast((n - kept) * len)
        recnos.removeLast(n - kept)
    }

    /// Index of the first adjacent pair out of (key, recno) order, or nil when sorted.
    public func firstDisorder() -> Int? {
        guard count > 1 else { return nil }
        for i in 1..<count where compare(i - 1, i) > 0 { return i }
        return nil
    }

    public func entry(_ i: Int) -> CDXEntry { CDXEntry(key: Array(key(i)), recno: recnos[i]) }
}

@inline(__always)
func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Int {
    Int(memcmp(a, b, n))
}

/// Computes the expected keys of several tags in one pass over a table, all in memory and
/// sorted by comparison: the plain reference that `KeyPass` (bounded memory, radix sort,
/// spilled runs) is tested against.
public enum KeyCollector {
    /// One sorted `KeyList` per builder, in the builders' order: FOR applied, deleted
    /// records included (FoxPro indexes them), UNIQUE keeping the first record of a key.
    public static func collect(table: DBFTable, builders: [TagKeyBuilder]) throws(CDXError) -> [KeyList] {
        var lists = builders.map { KeyList(keyLength: $0.tag.keyLength, capacity: table.recordCount) }
        var buffer = [UInt8]()
        do {
            try table.forEachRecord { record in
                for i in builders.indices where builders[i].key(record: record.bytes, recno: record.number, into: &buffer) {
                    lists[i].append(key: buffer, recno: UInt32(record.number))
                }
            }
        } catch let e as XBaseError {
            throw .table(e)
        } catch {
            throw .table(.io(file: table.path, reason: .other("\(error)")))
        }
        for i in lists.indices { lists[i].sort(unique: builders[i].tag.isUnique) }
        return lists
    }
}

extension KeyList {
    /// Every entry of a cursor, in its order.
    init(_ cursor: EntryCursor) throws(CDXError) {
        self.init(keyLength: cursor.keyLength)
        while try cursor.next() { append(key: cursor.key, recno: cursor.recno) }
    }
}
