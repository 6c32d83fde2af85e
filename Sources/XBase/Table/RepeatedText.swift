import Foundation

/// The text each C field had in the previous record of one `forEachRecord` pass, so a
/// value that repeats from record to record is not decoded and allocated again.
///
/// Store tables repeat long texts ("CONSUMIDOR FINAL", a product line, an address), in
/// runs or interleaved with other values. Making such a `String` means transcoding,
/// validating and a heap allocation; handing back a kept one is one retain. Only texts
/// longer than a small string (`SmallText.capacity`) are looked up: shorter ones are
/// cheaper to build than to find.
///
/// Each column keeps one text, with a copy of its bytes: the last value that appeared in
/// two consecutive records. A lookup compares the field's trimmed bytes with the kept
/// bytes (a hit), else with the previous record's (still in the pass's read buffer unless
/// the record opens a new chunk, `chunkStart`): when those match, the value repeats and
/// becomes the kept one. Each compare is a length compare, then the last and first words,
/// then `memcmp`; a column whose values never repeat costs no reference counting at all.
/// The cache belongs to the pass: records made elsewhere (`withRecord`) have none.
struct RepeatedText {
    struct Entry {
        /// The last record looked up in this column (-1: none yet).
        var record = -1
        /// Its trimmed length in bytes.
        var length = 0
        /// Length of the kept text's bytes (-1: nothing kept).
        var keptLength = -1
        /// Where this column's room for the kept bytes starts in `kept`.
        var keptAt = 0
        var text = ""
    }

    let entries: UnsafeMutablePointer<Entry>
    let count: Int
    let recordLength: Int
    /// The kept texts' bytes, each column in a room of its field's width (not at the
    /// field's offset: a damaged header may declare overlapping fields).
    let kept: UnsafeMutableRawPointer
    /// The first record of the chunk in the buffer: its predecessor's bytes are gone.
    var chunkStart = 0

    /// `widths`: each column's field width, in `DBFTable.fields` order.
    init(widths: [Int], recordLength: Int) {
        count = max(1, widths.count)
        entries = .allocate(capacity: count)
        var at = 0
        for i in 0..<count {
            (entries + i).initialize(to: Entry(keptAt: at))
            at += i < widths.count ? max(0, widths[i]) : 0
        }
        self.recordLength = recordLength
        kept = .allocate(byteCount: max(1, at), alignment: 8)
    }

    /// Frees the entries (their strings included); the pass calls it once, at its end.
    func free() {
        entries.deinitialize(count: count)
        entries.deallocate()
        kept.deallocate()
    }

    /// The text of `trimmed`, the trimmed bytes (at most the field's width) of column
    /// `column` in record `record`: the kept text when the bytes are the same, else
    /// `decode()`, kept when the previous record had the same bytes.
    @inline(__always)
    func text(_ trimmed: UnsafeRawBufferPointer, column: Int, record: Int,
              _ decode: (UnsafeRawBufferPointer) -> String) -> String {
        let e = entries + column
        let n = trimmed.count
        let p = trimmed.baseAddress!
        let keptBytes = kept + e.pointee.keptAt
        let last = e.pointee.record
        let lastLength = e.pointee.length
        e.pointee.record = record
        e.pointee.length = n
        if e.pointee.keptLength == n && Self.same(p, keptBytes, count: n) { return e.pointee.text }
        let s = decode(trimmed)
        if last == record &- 1 && record > chunkStart && lastLength == n && Self.same(p, p - recordLength, count: n) {
            keptBytes.copyMemory(from: p, byteCount: n)
            e.pointee.keptLength = n
            e.pointee.text = s
        }
        return s
    }

    /// Whether `count` (> 8) bytes at `a` and `b` are equal. The last and first words go
    /// first, inline: codes that differ often share a long prefix (an NF-e key starts with
    /// state, date and tax id), and then the `memcmp` call is not needed.
    @inline(__always)
    static func same(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count n: Int) -> Bool {
        a.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
            && a.loadUnaligned(as: UInt64.self) == b.loadUnaligned(as: UInt64.self)
            && memcmp(a, b, n) == 0
    }
}
