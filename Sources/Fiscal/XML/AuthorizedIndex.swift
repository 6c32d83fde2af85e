/// What the tax authority holds for one series, per the XML folder.
public struct SeriesDocuments: Sendable {
    /// Authorized (or denied) notes, sorted by number, one per number. When the same note
    /// is saved twice, the copy in the lexically first file is kept, so the result does not
    /// depend on scan order. Stored compactly (`NoteStore`): a year of a busy store is
    /// 200,000 notes, and the check must stay under 64 MiB.
    private var store: NoteStore
    /// Notes whose number was already held by a note with a different key.
    public var conflicts: [AuthorizedNote] = []
    public var voided: [VoidedRange] = []
    public var cancellations: [Int: Cancellation] = [:]
    /// Signed notes without authorization (contingency notes still to send), one per number.
    public var pending: [PendingNote] = []

    public init() { store = NoteStore(files: FileNames()) }
    init(files: FileNames) { store = NoteStore(files: files) }

    /// The authorized and denied notes in number order (each built when read).
    public var noteList: NoteList { NoteList(store: store) }

    /// The pending note with this number (binary search; `pending` is sorted by number).
    public func pendingNote(_ number: Int) -> PendingNote? { Self.find(number, in: pending, by: \.number) }

    /// The note with this number (binary search).
    public func note(_ number: Int) -> AuthorizedNote? { store.position(of: number).map(store.note(at:)) }
    /// Whether the XML holds an authorized or denied note with this number (no texts built).
    public func hasNote(_ number: Int) -> Bool { store.position(of: number) != nil }

    /// Whether the note numbered `number` has a right key (as its own fields say) that
    /// differs from `key`; nil when no note has that number. Compares bytes in place:
    /// it runs once for every row of the data.
    func rightKey(of number: Int, differsFrom key: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let i = store.position(of: number) else { return nil }
        return store.keyIsRight(at: i) && !store.key(at: i, equals: key)
    }

    /// The element of `sorted` (ascending by `number`) whose number is `number`.
    static func find<T>(_ number: Int, in sorted: [T], by key: (T) -> Int) -> T? {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if key(sorted[mid]) < number { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && key(sorted[lo]) == number ? sorted[lo] : nil
    }

    /// The notes by number (a convenience for callers; builds a dictionary).
    public var notes: [Int: AuthorizedNote] {
        Dictionary(noteList.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The highest number authorized, denied, cancelled, voided, or signed and waiting to
    /// be sent (a contingency note holds its number as surely as an authorized one).
    public var lastUsed: Int? {
        var m = store.records.last.map { Int($0.number) }
        if let p = pending.last?.number { m = max(m ?? p, p) }
        if let v = voided.map(\.last).max() { m = max(m ?? v, v) }
        if let c = cancellations.keys.max() { m = max(m ?? c, c) }
        return m
    }

    /// Every number spent at the tax authority, as sorted disjoint ranges.
    public var usedRanges: [ClosedRange<Int>] {
        var r = NumberRanges.runs(ofSorted: store.records.map { Int($0.number) })
        r += cancellations.keys.map { $0...$0 }
        r += voided.map { $0.first...$0.last }
        r += pending.map { $0.number...$0.number }
        return NumberRanges.merge(r)
    }

    /// Adds a note read from file number `file` of the store's file table.
    mutating func add(_ note: AuthorizedNote, file: UInt32) { store.add(note, file: file) }

    /// Adds a note whose file is given by path (an index built by hand).
    mutating func add(_ note: AuthorizedNote) { store.add(note, file: store.files.append(note.file)) }

    mutating func add(_ c: Cancellation) {
        if let old = cancellations[c.number], old.file <= c.file { return }
        cancellations[c.number] = c
    }

    mutating func merge(_ other: SeriesDocuments) {
        store.absorb(other.store)
        conflicts += other.conflicts
        voided += other.voided
        pending += other.pending
        for c in other.cancellations.values { add(c) }
    }

    /// Sorts by number and file, keeps one note per number, moves notes with another key
    /// for an already-held number to `conflicts`.
    mutating func normalize() {
        conflicts += store.sortKeepingFirst()
        voided.sort { ($0.first, $0.file) < ($1.first, $1.file) }
        // one pending note per number (the lexically first file), and none for a number
        // the tax authority already holds: the copy in the POS folder was sent after all
        pending.sort { ($0.number, $0.file) < ($1.number, $1.file) }
        var seen = Set<Int>()
        pending = pending.filter { seen.insert($0.number).inserted && note($0.number) == nil }
        conflicts.sort { ($0.number, $0.file) < ($1.number, $1.file) }
    }
}

/// Everything read from an XML folder: per series, the numbers the tax authority holds;
/// and every file that added nothing, with the reason.
public struct AuthorizedIndex: Sendable {
    public var series: [SeriesID: SeriesDocuments] = [:]
    /// The files the notes were read from, each path stored once (see `FileNames`).
    public let files: FileNames
    public var skipped: [SkippedFile] = []
    public var filesRead = 0
    public var documentsRead = 0

    public init() { files = FileNames() }
    init(files: FileNames) { self.files = files }

    public var brokenFiles: [SkippedFile] { skipped.filter { $0.reason.isBroken } }

    /// The issuers (CNPJ/CPF) that have documents in the index.
    public var issuers: Set<String> { Set(series.keys.map(\.issuer)) }

    mutating func add(_ note: AuthorizedNote, to id: SeriesID, file: UInt32? = nil) {
        let f = file ?? files.append(note.file)
        series[id, default: SeriesDocuments(files: files)].add(note, file: f)
        documentsRead += 1
    }
    mutating func add(_ v: VoidedRange) {
        series[v.series, default: SeriesDocuments(files: files)].voided.append(v)
        documentsRead += 1
    }
    mutating func add(_ p: PendingNote, to id: SeriesID) {
        series[id, default: SeriesDocuments(files: files)].pending.append(p)
        documentsRead += 1
    }
    mutating func add(_ c: Cancellation) {
        series[c.series, default: SeriesDocuments(files: files)].add(c)
        documentsRead += 1
    }
    mutating func skip(_ file: String, _ reason: SkipReason) {
        skipped.append(SkippedFile(file: file, reason: reason))
    }

    /// Combines the partial index of another worker into this one.
    mutating func merge(_ other: AuthorizedIndex) {
        for (id, docs) in other.series {
            if series[id] == nil { series[id] = docs } else { series[id]!.merge(docs) }
        }
        skipped += other.skipped
        filesRead += other.filesRead
        documentsRead += other.documentsRead
    }

    /// Sorts the lists that depend on scan order and keeps one note per number, so two runs
    /// give the same report. `XMLIndexer` calls it; call it after adding documents by hand.
    public mutating func normalize() {
        skipped.sort { $0.file < $1.file }
        // the keys copied first: mutating the dictionary while its `keys` view holds the
        // storage would copy every series (and its notes) once more
        for id in Array(series.keys) { series[id]!.normalize() }
    }
}
