import Foundation
import ResgateLocale
import XBase

/// The memo values of `count` consecutive records of a memo DBF, read in one pass: at
/// most `n` records, and no more once their memos add up to `byteBudget` (8,192 records
/// all pointing at one 10 MB memo would otherwise hold 80 GB).
struct MemoBatch {
    static let byteBudget = 8 << 20
    var start = 0
    var count = 0
    /// Record-major: `values[k * memoMap.count + j]`.
    var values: [DBFValue] = []
    var check: [DBFValue?] = []
    var failures: [Int: Cause] = [:]
    /// Stored mode (see `MemoArchive.storeBytes`): each memo value as its stored bytes in
    /// `arena` (record-major like `values`, which stays empty); `others` holds the typed
    /// value of an entry that is neither NULL nor a memo's bytes.
    var entries: [StoredMemoEntry] = []
    var arena: [UInt8] = []
    var others: [Int: DBFValue] = [:]

    private struct Stop: Error {}

    /// Reads records `start ..< start + n` of `table`: memo fields through `memoMap`,
    /// the cross-checked ones through `checkMap`; an unreadable memo becomes blank and its
    /// reason is kept in `failures`.
    static func load(_ table: DBFTable, start: Int, n: Int, memoMap: [(slot: Int, field: FieldDescriptor)],
                     checkMap: [(slot: Int, field: FieldDescriptor)], stored: Bool = false) throws -> MemoBatch {
        let width = memoMap.count, cw = checkMap.count
        var b = MemoBatch(start: start)
        if stored {
            b.entries = [StoredMemoEntry](repeating: StoredMemoEntry(start: 0, count: 0, kind: .null), count: n * width)
        } else {
            b.values = [DBFValue](repeating: .null, count: n * width)
        }
        b.check = [DBFValue?](repeating: nil, count: n * cw)
        // stored mode reads fields by position: no field descriptor copied per record
        let positions = stored ? memoMap.map { table.position(of: $0.field) ?? -1 } : []
        let textType = stored ? memoMap.map { $0.field.type == .memo } : []
        var k = 0
        var bytes = 0
        do {
            try table.forEachRecord(from: start) { r in
                if k >= n || bytes >= byteBudget { throw Stop() }
                if stored {
                    for j in 0..<width { bytes += b.store(r, positions[j], textType[j], k * width + j, memoMap) }
                } else {
                for (j, m) in memoMap.enumerated() {
                    do {
                        let v = try r.value(m.field)
                        switch v {
                        case .string(let t): bytes += t.utf8.count
                        case .bytes(let d): bytes += d.count
                        default: break
                        }
                        b.values[k * width + j] = v
                    } catch {
                        b.values[k * width + j] = m.field.type == .memo ? .string("") : .bytes([])
                        b.failures[k * width + j] = Cause(error)
                    }
                }
                }
                for (j, c) in checkMap.enumerated() { b.check[k * cw + j] = try? r.value(c.field) }
                k += 1
            }
        } catch is Stop {}
        b.count = k
        return b
    }

    /// Stored mode: the value of `field` in `r` into `entries[index]` (bytes into `arena`),
    /// what `value(_:)` then gives being exactly `r.value(field)`; returns the bytes taken.
    /// An unreadable memo is a blank of its kind, its reason kept, as in typed mode.
    /// `position`: the field's in the memo table (-1: not one of its visible fields);
    /// `text`: the field is an M (an unreadable one is then blank text, else blank bytes).
    private mutating func store(_ r: DBFRecord, _ position: Int, _ text: Bool, _ index: Int,
                                _ memoMap: [(slot: Int, field: FieldDescriptor)]) -> Int {
        let from = arena.count
        var e = StoredMemoEntry(start: from, count: 0, kind: .null)
        do {
            var got = false
            if position >= 0 {
                got = try r.storedMemo(at: position) { textual, bytes in
                    e.kind = textual ? .text : .bytes
                    e.count = bytes.count
                    if bytes.count > 0 { arena.append(contentsOf: bytes) }
                }
            }
            if !got {
                // NULL, or a field of the memo DBF that is not a memo: its typed value
                let v = try r.value(memoMap[index % memoMap.count].field)
                if case .null = v { e.kind = .null } else { e.kind = .other; others[index] = v }
            }
        } catch {
            if arena.count > from { arena.removeLast(arena.count - from) }
            e = StoredMemoEntry(start: from, count: 0, kind: text ? .text : .bytes)
            failures[index] = Cause(error)
        }
        entries[index] = e
        return e.count
    }

    /// Stored mode: the typed value of entry `index`, as typed mode would hold it (`high`:
    /// the memo table's `TextDecoding.highTable`, what its records decode text with).
    func value(_ index: Int, high: UnsafeMutablePointer<UInt32>) -> DBFValue {
        let e = entries[index]
        switch e.kind {
        case .null: return .null
        case .other: return others[index] ?? .null
        case .text, .bytes:
            return arena.withUnsafeBytes { a in
                let b = UnsafeRawBufferPointer(rebasing: a[e.start..<(e.start + e.count)])
                return e.kind == .text ? .string(TextDecoding.decode(b, high: high)) : .bytes(Array(b))
            }
        }
    }
}

/// One memo value of a stored-mode batch: `arena[start ..< start + count]`.
struct StoredMemoEntry {
    enum Kind: UInt8 {
        /// NULL (no bytes).
        case null
        /// Text in the memo table's code page (typed: `.string`).
        case text
        /// Bytes kept as they are (typed: `.bytes`).
        case bytes
        /// Anything else: the typed value is in `others`.
        case other
    }
    var start: Int
    var count: Int
    var kind: Kind
}

/// One batch loading on a thread of its own while the previous one is consumed: reading
/// and decoding the memo DBF then overlaps with the parsing and writing of the text.
/// Whoever waits for it is the only other user of the table, so the table is never read
/// by two threads at once.
final class MemoBatchLoad: @unchecked Sendable {
    let start: Int
    private let cond = NSCondition()
    private var result: Result<MemoBatch, Error>?

    init(start: Int, _ work: @escaping @Sendable () throws -> MemoBatch) {
        self.start = start
        let t = Thread { [self] in
            let r = Result { try work() }
            cond.lock(); result = r; cond.broadcast(); cond.unlock()
        }
        t.stackSize = 1 << 20
        t.start()
    }

    /// Waits for the batch (or its error).
    func wait() throws -> MemoBatch {
        cond.lock(); defer { cond.unlock() }
        while result == nil { cond.wait() }
        return try result!.get()
    }
}
