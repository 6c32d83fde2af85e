import Foundation

/// The text each C field had in the previous record of one `forEachRecord` pass, so a
/// value that repeats from record to record is not decoded and allocated again.
///
/// Store tables repeat long texts in consecutive records ("CONSUMIDOR FINAL", a product
/// line, an address). Making such a `String` means transcoding, validating and a heap
/// allocation; handing back the previous one is one retain. Only texts longer than a small
/// string (`SmallText.capacity`) are kept: shorter ones are cheaper to build than to look up.
///
/// Each lookup compares the field's trimmed bytes with the previous record's (still in the
/// pass's read buffer unless the record opens a new chunk, `chunkStart`): one length
/// compare, and a `memcmp` when the lengths agree. A text is kept only once it has
/// repeated, so a column whose values never repeat costs no reference counting at all;
/// a run of k equal values is decoded twice instead of k times. The cache belongs to the
/// pass: records made elsewhere (`withRecord`) have none.
struct RepeatedText {
    struct Entry {
        /// The last record looked up in this column (-1: none yet).
        var record = -1
        /// Its trimmed length in bytes.
        var length = 0
        /// Whether `text` is that record's text (set only when the value repeated).
        var hasText = false
        var text = ""
    }

    let entries: UnsafeMutablePointer<Entry>
    let count: Int
    let recordLength: Int
    /// The first record of the chunk in the buffer: its predecessor's bytes are gone.
    var chunkStart = 0

    init(columns: Int, recordLength: Int) {
        count = max(1, columns)
        entries = .allocate(capacity: count)
        entries.initialize(repeating: Entry(), count: count)
        self.recordLength = recordLength
    }

    /// Frees the entries (their strings included); the pass calls it once, at its end.
    func free() {
        entries.deinitialize(count: count)
        entries.deallocate()
    }

    /// The text of `trimmed`, the trimmed bytes of column `column` in record `record`:
    /// the kept text when the previous record had the same bytes, else `decode()`.
    @inline(__always)
    func text(_ trimmed: UnsafeRawBufferPointer, column: Int, record: Int,
              _ decode: (UnsafeRawBufferPointer) -> String) -> String {
        let e = entries + column
        let n = trimmed.count
        let repeats = e.pointee.record == record &- 1 && record > chunkStart && e.pointee.length == n
            && Self.same(trimmed.baseAddress!, trimmed.baseAddress! - recordLength, count: n)
        e.pointee.record = record
        e.pointee.length = n
        if !repeats {
            e.pointee.hasText = false
            return decode(trimmed)
        }
        if e.pointee.hasText { return e.pointee.text }
        let s = decode(trimmed)
        e.pointee.text = s
        e.pointee.hasText = true
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
