/// The authorized notes of one series, stored compactly: a fixed-size record per note and
/// the note's texts (key, issue date, protocol) digit-packed in shared byte chunks.
/// 200,000 notes as `AuthorizedNote` values cost ~75 MB (four heap strings each); here
/// ~16 MB, and adding a worker's partial store moves its chunks instead of copying them.
///
/// An `AuthorizedNote` is built only when one is asked for (`NoteList` subscript); the hot
/// path of the check (is this data row's key the authorized one?) compares bytes in place.
struct NoteStore: Sendable {
    /// One note: 32 bytes. The reader refuses values that do not fit (see `limits`).
    struct Record: Sendable {
        var number: UInt32
        var file: UInt32
        /// Where the packed texts start: chunk number in the high 32 bits, offset in the low.
        var text: UInt64
        var keyLength: UInt16
        var issuedLength: UInt16
        var protocolLength: UInt16
        var status: Int16
        /// Index into `problemLists`, or -1 when the key is right.
        var problems: Int32
        var isEntry: Bool
    }

    /// The largest values a record holds; `FiscalXMLReader` reports a note past them as a
    /// broken file instead of storing it cut.
    enum Limits {
        static let number = 999_999_999
        /// Bytes of chNFe, dhEmi or nProt as written (the layout has 44, 25 and 15).
        static let textBytes = 255
    }

    private(set) var records: [Record] = []
    /// Packed texts (`DigitPacking`): key, issue date, protocol, one after another.
    private var chunks: [[UInt8]] = []
    private var problemLists: [[AccessKeyProblem]] = []
    let files: FileNames

    /// Texts go into chunks of about this size, so growing never copies more than one.
    static let chunkSize = 1 << 20

    init(files: FileNames) { self.files = files }

    var count: Int { records.count }

    /// Adds a note (its number within `Limits.number`, its texts within `Limits.textBytes`:
    /// the reader checks both).
    mutating func add(_ note: AuthorizedNote, file: UInt32) {
        let need = DigitPacking.maxPacked(note.key.utf8.count + note.issued.utf8.count + note.protocolNumber.utf8.count)
        let last = DigitPacking.room(for: need, in: &chunks, chunkSize: Self.chunkSize)
        let offset = chunks[last].count
        DigitPacking.pack(note.key, into: &chunks[last])
        let keyEnd = chunks[last].count
        DigitPacking.pack(note.issued, into: &chunks[last])
        let issuedEnd = chunks[last].count
        DigitPacking.pack(note.protocolNumber, into: &chunks[last])
        var problems: Int32 = -1
        if !note.keyProblems.isEmpty {
            problems = Int32(truncatingIfNeeded: problemLists.count)
            problemLists.append(note.keyProblems)
        }
        records.append(Record(number: UInt32(clamping: note.number), file: file, text: UInt64(last) << 32 | UInt64(offset),
                              keyLength: UInt16(clamping: keyEnd - offset), issuedLength: UInt16(clamping: issuedEnd - keyEnd),
                              protocolLength: UInt16(clamping: chunks[last].count - issuedEnd),
                              status: Int16(clamping: note.status), problems: problems, isEntry: note.isEntry))
    }

    /// The note a record stands for, with its strings built.
    func note(at i: Int) -> AuthorizedNote {
        let r = records[i]
        let c = Int(r.text >> 32), o = Int(r.text & 0xFFFF_FFFF)
        let k = Int(r.keyLength), d = Int(r.issuedLength), p = Int(r.protocolLength)
        return chunks[c].withUnsafeBufferPointer { b in
            AuthorizedNote(number: Int(r.number),
                           key: DigitPacking.unpack(UnsafeBufferPointer(rebasing: b[o..<(o + k)])),
                           issued: DigitPacking.unpack(UnsafeBufferPointer(rebasing: b[(o + k)..<(o + k + d)])),
                           protocolNumber: DigitPacking.unpack(UnsafeBufferPointer(rebasing: b[(o + k + d)..<(o + k + d + p)])),
                           status: Int(r.status), file: files.path(r.file),
                           keyProblems: r.problems >= 0 ? problemLists[Int(r.problems)] : [],
                           isEntry: r.isEntry)
        }
    }

    /// Calls `body` with the packed key bytes of record `i`, without building a string.
    func withPackedKey<R>(at i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let r = records[i]
        let c = Int(r.text >> 32), o = Int(r.text & 0xFFFF_FFFF)
        return chunks[c].withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[o..<(o + Int(r.keyLength))])) }
    }

    /// Whether record `i`'s key is exactly the bytes `raw`.
    func key(at i: Int, equals raw: UnsafeBufferPointer<UInt8>) -> Bool {
        withPackedKey(at: i) { DigitPacking.equals($0, raw) }
    }

    func keyIsRight(at i: Int) -> Bool { records[i].problems < 0 }

    /// The position of the record numbered `number` (records sorted by number), if any.
    func position(of number: Int) -> Int? {
        var lo = 0, hi = records.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(records[mid].number) < number { lo = mid + 1 } else { hi = mid }
        }
        return lo < records.count && Int(records[lo].number) == number ? lo : nil
    }

    /// Takes over another store's records and chunks (moved, not copied when the file
    /// tables are the same; otherwise their paths are added to this store's table).
    mutating func absorb(_ other: NoteStore) {
        let base = UInt64(chunks.count)
        let problemBase = Int32(truncatingIfNeeded: problemLists.count)
        chunks += other.chunks
        problemLists += other.problemLists
        records.reserveCapacity(records.count + other.records.count)
        let sameFiles = other.files === files
        for var r in other.records {
            r.text += base << 32
            if r.problems >= 0 { r.problems += problemBase }
            if !sameFiles { r.file = files.append(other.files.path(r.file)) }
            records.append(r)
        }
    }

    /// Sorts by number, then by file (path order), and keeps the first of each number;
    /// returns the positions dropped whose key differs from the kept one's (conflicts),
    /// as notes.
    mutating func sortKeepingFirst() -> [AuthorizedNote] {
        if files.isInPathOrder {
            records.sort { ($0.number, $0.file) < ($1.number, $1.file) }
        } else {
            // paths appended out of order (an index built by hand): compare the paths
            let files = self.files
            records.sort { $0.number != $1.number ? $0.number < $1.number : files.path($0.file) < files.path($1.file) }
        }
        var conflicts: [AuthorizedNote] = []
        var write = 0
        for read in records.indices {
            if write > 0, records[write - 1].number == records[read].number {
                // packing is a function of the text: equal keys have equal packed bytes
                let same = withPackedKey(at: write - 1) { a in withPackedKey(at: read) { b in a.elementsEqual(b) } }
                if !same { conflicts.append(note(at: read)) }
            } else {
                if write != read { records[write] = records[read] }
                write += 1
            }
        }
        records.removeLast(records.count - write)
        return conflicts
    }
}

/// The authorized notes of a series in number order, built one at a time on access.
public struct NoteList: RandomAccessCollection, Sendable {
    let store: NoteStore
    public var startIndex: Int { 0 }
    public var endIndex: Int { store.count }
    public subscript(i: Int) -> AuthorizedNote { store.note(at: i) }
    /// The number of note `i`, without building the note (the loops over every note of
    /// a year ask these first and build only the notes they keep).
    public func number(at i: Int) -> Int { Int(store.records[i].number) }
    public func isDenied(at i: Int) -> Bool { !AuthorizedNote.authorizedStatuses.contains(Int(store.records[i].status)) }
    public func keyIsRight(at i: Int) -> Bool { store.keyIsRight(at: i) }
    /// `tpNF` 0: an entry note of the store (a return, an import), not a sale.
    public func isEntry(at i: Int) -> Bool { store.records[i].isEntry }
    /// `tpEmis` as a 44-character key carries it (character 35), as `AccessKey.emission`.
    public func emission(at i: Int) -> Int? {
        var k = 0
        var found: UInt8?
        store.withPackedKey(at: i) { p in
            _ = DigitPacking.forEachByte(p) { b in
                if k == 34 { found = b }
                k += 1
                return k <= 44
            }
        }
        guard k == 44, let f = found, f >= 48, f <= 57 else { return nil }
        return Int(f - 48)
    }
    /// The first position whose number is `number` or more.
    public func firstPosition(from number: Int) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(store.records[mid].number) < number { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
