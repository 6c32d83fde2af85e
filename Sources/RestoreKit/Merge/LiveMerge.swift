import ResgateLocale
import Foundation
import XBase

/// `restore --merge` for one table: a gate on the restore's writer (`DBFRecordGate`).
///
/// Before the backup is streamed, the live table is read once as `salvage` reads it and
/// its intact rows are fingerprinted (`LiveIndex`). Then, as each backup row is about to
/// be written, the gate looks its key up: a live row with the same key and other content
/// is written in its place (the live row wins; a conflict is listed unless the changed
/// field proves it newer). After the last backup row, `appendLiveOnly` appends, in live
/// order, every intact live row no backup row claimed. Without a key, only live rows past
/// the backup's count whose content the backup lacks are appended (append-only tables).
///
/// Per backup row: two fingerprints and a binary search (past the index's memory budget, a
/// search of the in-memory fences and one read of a block of the spilled keys); no allocation.
final class LiveMerge: DBFRecordGate {
    let reader: SalvageReader
    let keyed: Bool
    let keyHasher: RecordHasher
    let contentHasher: RecordHasher
    let changed: FieldDescriptor?
    let keyFields: [FieldDescriptor]
    private(set) var outcome: MergeOutcome
    private let index: LiveIndex
    private let liveRecord: UnsafeMutableRawBufferPointer
    /// Rows the writer has been handed so far (backup rows and their replacements).
    private var rows = 0

    /// `spillFolder`: where the key index may spill past its memory budget (the staging
    /// folder). Throws `MergeFailure` for facts about the tables, `XBaseError` when the
    /// spilled keys cannot be written (a full disk: the restore stops).
    init(table: String, live: DBFTable, key: MergeKeyChoice, spillFolder: String) throws {
        reader = SalvageReader(table: live)
        keyFields = key.fields.compactMap { live.field(named: $0) }
        keyed = !keyFields.isEmpty
        contentHasher = RecordHasher(contentOf: live.header)
        keyHasher = keyed ? RecordHasher(key: keyFields) : contentHasher
        changed = key.changedField.flatMap { live.field(named: $0) }
        outcome = MergeOutcome(key: key)
        liveRecord = .allocate(byteCount: max(1, live.header.recordLength), alignment: 8)
        let total = live.recordsBySize
        let n = Self.parts(records: total)
        index = LiveIndex(spillParent: spillFolder, expected: total, parts: n)
        // a big table is screened and indexed in `n` ranges of records at once, one reader
        // (own file handles, buffers and memo window) and one index part each
        var readers = [reader]
        for _ in 1..<n {
            do { readers.append(SalvageReader(table: try DBFTable.open(path: live.path))) } catch {
                throw MergeFailure.unreadableLive(table: table, reason: Cause(error))
            }
        }
        let ranges = (0..<n).map { k in (total * k / n)..<(total * (k + 1) / n) }
        let results = UnsafeMutableBufferPointer<Result<Int, Error>>.allocate(capacity: n)
        results.initialize(repeating: .success(0))
        defer { results.deinitialize(); results.deallocate() }
        let (keyHasher, contentHasher, keyed, index) = (keyHasher, contentHasher, keyed, index)
        func screen(_ k: Int) {
            results[k] = Result {
                try Self.screen(readers[k], range: ranges[k], into: index.part(k), table: table, rows: total,
                                keyHasher: keyHasher, contentHasher: contentHasher, keyed: keyed)
            }
        }
        if n == 1 { screen(0) } else {
            let job = PartsJob(screen)
            DispatchQueue.concurrentPerform(iterations: n) { job.run($0) }
        }
        var taken = 0
        for k in 0..<n { taken += try results[k].get() }   // the first part's error first: file order
        guard taken <= LiveIndex.maxRows else {
            throw MergeFailure.tooManyLiveRows(table: table, rows: total, budget: LiveIndex.maxRows)
        }
        try index.seal()
        var findings = readers[0].findings
        for r in readers.dropFirst() { findings.absorb(r.findings) }
        outcome.take(findings)
    }

    /// Big live tables are screened by this many threads at once (the cores, at most 4);
    /// small ones by one. Tests choose with `partsOverride`.
    static func parts(records: Int) -> Int {
        let n = partsOverride ?? (records >= parallelFrom ? min(4, ProcessInfo.processInfo.activeProcessorCount) : 1)
        return max(1, min(n, max(1, records)))
    }
    /// Records from which the live table is screened in parts.
    static let parallelFrom = 1 << 16
    @TaskLocal static var partsOverride: Int? = nil

    /// Screens the records of `range` and adds each intact row's entry to `part`; the
    /// intact rows it took. Throws `MergeFailure` for facts about the table, `XBaseError`
    /// when the spilled keys cannot be written (a full disk: the restore stops).
    static func screen(_ reader: SalvageReader, range: Range<Int>, into part: LiveIndex.Part, table: String, rows: Int,
                       keyHasher: RecordHasher, contentHasher: RecordHasher, keyed: Bool) throws -> Int {
        struct Spill: Error { let error: XBaseError }
        var taken = 0
        do {
            try reader.forEachIntact(in: range) { i, rec in
                guard taken < LiveIndex.maxRows else {
                    throw MergeFailure.tooManyLiveRows(table: table, rows: rows, budget: LiveIndex.maxRows)
                }
                taken += 1
                let (k0, k1) = keyHasher.identity(rec)
                do {
                    try part.add(.init(p: keyHasher.prefix(rec), k0: k0, k1: k1, index: UInt32(truncatingIfNeeded: i),
                                       content: keyed ? contentHasher.hash(rec, seed: 7) : 0))
                } catch let e as XBaseError { throw Spill(error: e) }
            }
        } catch let e as MergeFailure {
            throw e
        } catch let s as Spill {
            throw s.error
        } catch {
            throw MergeFailure.unreadableLive(table: table, reason: Cause(error))
        }
        return taken
    }

    /// Whether the key index went to disk (tests).
    var spilled: Bool { index.spilled }

    deinit { liveRecord.deallocate() }

    func replacement(for record: UnsafeRawBufferPointer) throws(XBaseError) -> UnsafeRawBufferPointer? {
        rows += 1
        let (k0, k1) = keyHasher.identity(record)
        let id = LiveIndex.Identity(p: keyHasher.prefix(record), k0: k0, k1: k1)
        guard keyed else {
            try index.markAll(id)
            outcome.fromBackup += 1
            return nil
        }
        guard let (p, e) = try index.firstUnseen(id) else { outcome.fromBackup += 1; return nil }
        index.markSeen(p)
        if contentHasher.hash(record, seed: 7) == e.content { outcome.fromBackup += 1; return nil }
        do {
            guard try reader.readIntact(Int(e.index), into: liveRecord) else { outcome.fromBackup += 1; return nil }
        } catch let x as XBaseError { throw x } catch { throw .io(file: reader.table.path, reason: .other("\(error)")) }
        let live = UnsafeRawBufferPointer(liveRecord)
        outcome.fromLive += 1
        outcome.updated += 1
        if !provenNewer(live: live, backup: record) {
            noteConflict(backup: record, live: live, liveIndex: Int(e.index))
        }
        return live
    }

    func replacementMemo(field: FieldDescriptor, block: UInt32) throws(XBaseError) -> ([UInt8], MemoBlockType) {
        reader.memo(block)
    }

    /// Appends the live rows no backup row claimed, in live order (key), or those past the
    /// backup's count whose content the backup lacks (no key). Call with the gate removed.
    func appendLiveOnly(to writer: DBFWriter) throws {
        let backupRows = rows
        let pending = try index.unseen(from: keyed ? 0 : backupRows)
        index.discard()
        try pending.forEach { i in
            guard try reader.readIntact(i, into: liveRecord) else { return }
            try writer.append(raw: UnsafeRawBufferPointer(liveRecord)) { (_, block) throws(XBaseError) in self.reader.memo(block) }
            outcome.fromLive += 1
            outcome.added += 1
        }
    }

    /// Removes the spilled key files now (they go with the gate anyway).
    func discard() { index.discard() }

    /// The changed field says the live row is later than the backup's.
    func provenNewer(live: UnsafeRawBufferPointer, backup: UnsafeRawBufferPointer) -> Bool {
        guard let f = changed else { return false }
        let l = UnsafeRawBufferPointer(rebasing: live[f.offset..<(f.offset + f.length)])
        let b = UnsafeRawBufferPointer(rebasing: backup[f.offset..<(f.offset + f.length)])
        if f.type == .date {
            // YYYYMMDD text orders as it reads
            return l.lexicographicallyPrecedes(b) == false && !l.elementsEqual(b)
        }
        guard f.length == 8 else { return false }
        func moment(_ r: UnsafeRawBufferPointer) -> Int64 {
            let day = Int64(Int32(bitPattern: r.loadUnaligned(fromByteOffset: 0, as: UInt32.self).littleEndian))
            let ms = Int64(Int32(bitPattern: r.loadUnaligned(fromByteOffset: 4, as: UInt32.self).littleEndian))
            return day &* 86_400_000 &+ ms
        }
        return moment(l) > moment(b)
    }

    func noteConflict(backup: UnsafeRawBufferPointer, live: UnsafeRawBufferPointer, liveIndex: Int) {
        outcome.conflictCount += 1
        guard outcome.conflicts.count < MergeOutcome.limit else { return }
        var fields: [MergeConflict.Field] = []
        for f in reader.table.fields where !f.isMemo {
            let b = UnsafeRawBufferPointer(rebasing: backup[f.offset..<(f.offset + f.length)])
            let l = UnsafeRawBufferPointer(rebasing: live[f.offset..<(f.offset + f.length)])
            if !b.elementsEqual(l) { fields.append(.init(field: f.name, backup: text(b, f), live: text(l, f))) }
        }
        if backup[0] != live[0] {
            fields.insert(.init(field: "_DELETED", backup: backup[0] == 0x2A ? "true" : "false",
                                live: live[0] == 0x2A ? "true" : "false"), at: 0)
        }
        let key = keyFields.map { f in text(UnsafeRawBufferPointer(rebasing: live[f.offset..<(f.offset + f.length)]), f) }
            .joined(separator: "|")
        outcome.conflicts.append(.init(record: rows, liveRecord: liveIndex + 1, key: key, fields: fields))
    }

    /// A field's stored bytes as text: C/N/F/D/L decoded in the table's code page and
    /// trimmed; binary types in hex.
    func text(_ r: UnsafeRawBufferPointer, _ f: FieldDescriptor) -> String {
        switch f.type {
        case .character, .numeric, .float, .date, .logical:
            return reader.table.codePage.decode(r).trimmingCharacters(in: .whitespaces)
        default:
            return SalvageFindings.hex(r)
        }
    }
}

/// The parts' work for `concurrentPerform`: part `k` touches only its own reader, index part
/// and result slot, and the caller waits for all of them.
private final class PartsJob: @unchecked Sendable {
    let run: (Int) -> Void
    init(_ run: @escaping (Int) -> Void) { self.run = run }
}
