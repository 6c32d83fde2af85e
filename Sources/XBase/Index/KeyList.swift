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
    public mutating func sort(unique: Bool) {
        guard count > 1 else { return }
        var order = [Int32](0..<Int32(count))
        order.sort { compare(Int($0), Int($1)) < 0 }
        var newKeys = [UInt8](); newKeys.reserveCapacity(keyBytes.count)
        var newRecnos = [UInt32](); newRecnos.reserveCapacity(count)
        var lastKept = -1
        for o in order {
            let i = Int(o)
            if unique, lastKept >= 0, key(i) == key(lastKept) { continue }
            newKeys.append(contentsOf: key(i)); newRecnos.append(recnos[i])
            lastKept = i
        }
        keyBytes = newKeys; recnos = newRecnos
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
    for k in 0..<n where a[k] != b[k] { return a[k] < b[k] ? -1 : 1 }
    return 0
}

/// Computes the expected keys of several tags in one pass over a table.
public enum KeyCollector {
    /// One sorted `KeyList` per builder, in the builders' order: FOR applied, deleted
    /// records included (FoxPro indexes them), UNIQUE keeping the first record of a key.
    public static func collect(table: DBFTable, builders: [TagKeyBuilder]) throws(CDXError) -> [KeyList] {
        var lists = builders.map { KeyList(keyLength: $0.tag.keyLength, capacity: table.recordCount) }
        var buffer = [UInt8]()
        do {
            try table.forEachRecord { record in
                for (i, b) in builders.enumerated() where b.key(record: record.bytes, recno: record.number, into: &buffer) {
                    lists[i].append(key: buffer, recno: UInt32(record.number))
                }
            }
        } catch let e as XBaseError {
            throw .table(e)
        } catch {
            throw .table(.io(file: table.path, reason: "\(error)"))
        }
        for i in lists.indices { lists[i].sort(unique: builders[i].tag.isUnique) }
        return lists
    }
}
