/// A read-ahead window over an FPT memo file for one pass over the records.
///
/// FoxPro appends memos in record order, so a full read asks for blocks that sit one after
/// the other. `MemoFile.read(block:)` makes two positioned reads and two arrays per memo;
/// the cursor instead refills one 256 KB window and hands out views into it, so a pass over
/// a million records makes a few hundred reads and no per-memo allocation. Memos larger
/// than the window, and DBT files, go through `MemoFile.read(block:)` as before.
///
/// One cursor belongs to one `forEachRecord` call (it is mutable, not shared).
final class MemoCursor {
    let memo: MemoFile
    let window: UnsafeMutableRawBufferPointer
    /// File offset of `window[0]` and how many bytes of the window are valid.
    var start = 0
    var count = 0
    static let windowSize = 256 << 10

    init(_ memo: MemoFile) {
        self.memo = memo
        window = .allocate(byteCount: Self.windowSize, alignment: 16)
    }

    deinit { window.deallocate() }

    /// Makes `[offset, offset + length)` readable from the window; false when it cannot fit.
    @inline(__always)
    private func ensure(_ offset: Int, _ length: Int) throws(XBaseError) -> Bool {
        if offset >= start && offset + length <= start + count { return true }
        guard length <= window.count else { return false }
        let got = try memo.reader.read(into: window, at: offset)
        start = offset
        count = got
        return length <= got
    }

    /// Calls `body` with the FPT record type and bytes of the memo at `block`; returns nil
    /// for block 0. Checks and errors are those of `MemoFile.read(block:)`.
    func withMemo<R>(block: Int, _ body: (UInt32, UnsafeRawBufferPointer) throws(XBaseError) -> R) throws(XBaseError) -> R? {
        guard block > 0 else { return nil }
        guard memo.kind == .fpt else {
            guard let m = try memo.read(block: block) else { return nil }
            return try Self.with(m.bytes) { p throws(XBaseError) in try body(m.type, p) }
        }
        let size = memo.size
        // `block` comes from the record (up to 10 digits or 32 bits): bounded before use
        let (offset, overflow) = block.multipliedReportingOverflow(by: memo.blockSize)
        guard !overflow, offset < size else {
            throw .badMemo(file: memo.path, record: nil, field: nil, block: block,
                           reason: .block(.outside(memoBytes: size)))
        }
        guard try ensure(offset, 8) else {
            throw .badMemo(file: memo.path, record: nil, field: nil, block: block, reason: .block(.headerCut))
        }
        let head = UnsafeRawBufferPointer(rebasing: window[(offset - start)..<(offset - start + 8)])
        let type = UInt32(bigEndian: head.loadUnaligned(as: UInt32.self))
        let length = Int(UInt32(bigEndian: head.loadUnaligned(fromByteOffset: 4, as: UInt32.self)))
        guard offset + 8 + length <= size else {
            throw .badMemo(file: memo.path, record: nil, field: nil, block: block,
                           reason: .block(.lengthPastEnd(length)))
        }
        guard type <= 2 else {
            throw .badMemo(file: memo.path, record: nil, field: nil, block: block,
                           reason: .block(.badType(Int(type))))
        }
        if try ensure(offset, 8 + length) {
            let from = offset - start + 8
            return try body(type, UnsafeRawBufferPointer(rebasing: window[from..<(from + length)]))
        }
        let bytes = try memo.reader.bytes(at: offset + 8, count: length)
        return try Self.with(bytes) { p throws(XBaseError) in try body(type, p) }
    }

    /// `withUnsafeBytes` keeping the typed error.
    private static func with<R>(_ a: [UInt8], _ body: (UnsafeRawBufferPointer) throws(XBaseError) -> R) throws(XBaseError) -> R {
        try a.withUnsafeBytes { p in Result { () throws(XBaseError) -> R in try body(p) } }.get()
    }
}
