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
        index = LiveIndex(spillParent: spillFolder, expected: live.recordsBySize)
        struct Spill: Error { let error: XBaseError }
        do {
            var taken = 0
            try reader.forEachIntact { i, rec in
                guard taken < LiveIndex.maxRows else {
                    throw MergeFailure.tooManyLiveRows(table: table, rows: live.recordsBySize, budget: LiveIndex.maxRows)
                }
                taken += 1
                let (k0, k1) = keyHasher.identity(rec)
                do {
                    try index.add(.init(p: keyHasher.prefix(rec), k0: k0, k1: k1, index: UInt32(truncatingIfNeeded: i),
                                        content: keyed ? contentHasher.hash(rec, seed: 7) : 0))
                } catch let e as XBaseError { throw Spill(error: e) }
            }
        } catch let e as MergeFailure {
            throw e
        } catch let s as Spill {
            throw s.error
        } catch {
            throw MergeFailure.unreadableLive(table: table, reason: "\(error)")
        }
        try index.seal()
        outcome.take(reader.findings)
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
