/// What the tax authority holds for one series, per the XML folder.
public struct SeriesDocuments: Sendable, Codable {
    /// Authorized (or denied) notes by number. When the same note is saved twice, the copy
    /// in the lexically first file is kept, so the result does not depend on scan order.
    public var notes: [Int: AuthorizedNote] = [:]
    /// Notes whose number was already held by a note with a different key.
    public var conflicts: [AuthorizedNote] = []
    public var voided: [VoidedRange] = []
    public var cancellations: [Int: Cancellation] = [:]

    public init() {}

    /// The highest number authorized, denied, cancelled or voided.
    public var lastUsed: Int? {
        var m = notes.keys.max()
        if let v = voided.map(\.last).max() { m = max(m ?? v, v) }
        if let c = cancellations.keys.max() { m = max(m ?? c, c) }
        return m
    }

    /// Every number spent at the tax authority, as sorted disjoint ranges.
    public var usedRanges: [ClosedRange<Int>] {
        var r: [ClosedRange<Int>] = notes.keys.map { $0...$0 }
        r += cancellations.keys.map { $0...$0 }
        r += voided.map { $0.first...$0.last }
        return NumberRanges.merge(r)
    }

    mutating func add(_ note: AuthorizedNote) {
        if let old = notes[note.number] {
            if old.key == note.key {
                if note.file < old.file { notes[note.number] = note }
            } else {
                // keep both visible: the lexically first stays in `notes`
                if note.file < old.file { notes[note.number] = note; conflicts.append(old) } else { conflicts.append(note) }
            }
        } else {
            notes[note.number] = note
        }
    }

    mutating func add(_ c: Cancellation) {
        if let old = cancellations[c.number], old.file <= c.file { return }
        cancellations[c.number] = c
    }

    mutating func merge(_ other: SeriesDocuments) {
        for n in other.notes.values { add(n) }
        for n in other.conflicts { conflicts.append(n) }
        voided += other.voided
        for c in other.cancellations.values { add(c) }
    }
}

/// Everything read from an XML folder: per series, the numbers the tax authority holds;
/// and every file that added nothing, with the reason.
public struct AuthorizedIndex: Sendable, Codable {
    public var series: [SeriesID: SeriesDocuments] = [:]
    public var skipped: [SkippedFile] = []
    public var filesRead = 0
    public var documentsRead = 0

    public init() {}

    public var brokenFiles: [SkippedFile] { skipped.filter { $0.reason.isBroken } }

    /// The issuers (CNPJ/CPF) that have documents in the index.
    public var issuers: Set<String> { Set(series.keys.map(\.issuer)) }

    mutating func add(_ note: AuthorizedNote) {
        series[note.series, default: SeriesDocuments()].add(note)
        documentsRead += 1
    }
    mutating func add(_ v: VoidedRange) {
        series[v.series, default: SeriesDocuments()].voided.append(v)
        documentsRead += 1
    }
    mutating func add(_ c: Cancellation) {
        series[c.series, default: SeriesDocuments()].add(c)
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

    /// Sorts the lists that depend on scan order, so two runs give the same report.
    mutating func normalize() {
        skipped.sort { $0.file < $1.file }
        for id in series.keys {
            series[id]!.voided.sort { ($0.first, $0.file) < ($1.first, $1.file) }
            series[id]!.conflicts.sort { ($0.number, $0.file) < ($1.number, $1.file) }
        }
    }
}
