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

    private struct Stop: Error {}

    /// Reads records `start ..< start + n` of `table`: memo fields through `memoMap`,
    /// the cross-checked ones through `checkMap`; an unreadable memo becomes blank and its
    /// reason is kept in `failures`.
    static func load(_ table: DBFTable, start: Int, n: Int, memoMap: [(slot: Int, field: FieldDescriptor)],
                     checkMap: [(slot: Int, field: FieldDescriptor)]) throws -> MemoBatch {
        let width = memoMap.count, cw = checkMap.count
        var b = MemoBatch(start: start)
        b.values = [DBFValue](repeating: .null, count: n * width)
        b.check = [DBFValue?](repeating: nil, count: n * cw)
        var k = 0
        var bytes = 0
        do {
            try table.forEachRecord(from: start) { r in
                if k >= n || bytes >= byteBudget { throw Stop() }
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
                for (j, c) in checkMap.enumerated() { b.check[k * cw + j] = try? r.value(c.field) }
                k += 1
            }
        } catch is Stop {}
        b.count = k
        return b
    }
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
