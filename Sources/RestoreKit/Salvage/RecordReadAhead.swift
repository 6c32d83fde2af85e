import XBase

/// Records asked for one by one, served from one read when they come in order.
///
/// A merge reads live rows back by number: the rows it appends come in ascending, mostly
/// consecutive order, one `pread` each before. From the second consecutive record on, the
/// next `windowBytes` of whole records are read at once and the following rows are copied
/// from there. Scattered reads (rows replacing backup rows, ~1 in 40) stay one read each:
/// a window would copy far more than it serves.
struct RecordReadAhead {
    static let windowBytes = 256 << 10
    private var window: UnsafeMutableRawBufferPointer?
    /// Records `start ..< start + count` are in `window`.
    private var start = 0
    private var count = 0
    private var last = -2

    /// Reads record `index` of `table` into `into` (`recordLength` bytes); false when the
    /// file does not hold it whole (as `DBFTable.readStoredRecord`).
    mutating func read(_ index: Int, from table: DBFTable, into: UnsafeMutableRawBufferPointer) throws -> Bool {
        let rl = table.header.recordLength
        defer { last = index }
        guard into.count == rl, rl > 0 else { return false }
        if index >= start && index < start + count {
            into.copyMemory(from: UnsafeRawBufferPointer(rebasing: window![((index - start) * rl)..<((index - start + 1) * rl)]))
            return true
        }
        guard index == last + 1 else { return try table.readStoredRecord(index, into: into) }
        if window == nil { window = .allocate(byteCount: max(rl, Self.windowBytes / rl * rl), alignment: 8) }
        count = 0
        let got = try table.readStoredRecords(from: index, into: window!)
        guard got > 0 else { return false }
        (start, count) = (index, got)
        into.copyMemory(from: UnsafeRawBufferPointer(rebasing: window![0..<rl]))
        return true
    }

    /// Frees the window (the owner's `deinit`).
    func deallocate() { window?.deallocate() }
}
