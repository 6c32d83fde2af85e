import BackupSet
import XBase

/// The restore's fast path: builds each live record straight from the backup line's bytes.
///
/// A field whose live shape is the backup's (type, width, decimals) and whose text needs no
/// transcoding the writer would refuse is copied by `RawFieldCopier`; any other field, and
/// any value the copier declines (NULL, unusual forms), is typed through the same
/// `TableRewriter.liveValue` and `DBFWriter.setField` the typed path uses. Nothing here
/// words a defect: a line with any value that does not decode, convert or encode is
/// declined in `stage` and the typed path reads it again and reports it, so defects and
/// bytes are those of the typed path by construction.
///
/// Memo fields (live or backup side) are set in `commit`, after every other field and in
/// field order, because writing one appends to the memo file: that is the state the typed
/// `DBFWriter.append` leaves when an encoding fails, so a failure there is reported as the
/// typed path reports it.
final class FastRecordWriter: RawRecordSink {
    /// What the typed path does around a record, shared so both paths count the same.
    struct Hooks {
        /// False when records are only checked, not written (a refused table).
        var shouldWrite: () -> Bool
        /// The typed path for one record (values in backup structure order).
        var typed: (_ line: Int, _ values: [DBFValue]) throws -> Void
        /// Throws the error on when it is no fault of the record (I/O: full disk, `ulimit -f`).
        var appendFailed: (_ line: Int, _ error: Error) throws -> Void
        /// After a record is written: counters, progress, cancellation.
        var written: () throws -> Void
    }

    enum Step { case blank, copy, typed, deferred }

    let writer: DBFWriter
    let live: [FieldDescriptor]
    let backup: [FieldDescriptor]
    /// Per live field: the live descriptor to convert to (nil: the backup's shape).
    let convertTo: [FieldDescriptor?]
    let blanks: [DBFValue]
    let blankMemos: Bool
    let hooks: Hooks
    /// Per live field: its step and backup field index (-1: none).
    private let steps: UnsafeMutableBufferPointer<Step>
    private let sources: UnsafeMutableBufferPointer<Int>
    /// Per live field: its backup field is a memo field (value from the memo archive).
    private let fromMemo: UnsafeMutableBufferPointer<Bool>
    /// Per live field: memo-like, nullable (what `TableRewriter.liveValue` asks).
    private let liveIsMemo: UnsafeMutableBufferPointer<Bool>
    private let liveIsNullable: UnsafeMutableBufferPointer<Bool>
    private let liveConverts: UnsafeMutableBufferPointer<Bool>
    /// Per live field: its copier once the text's code page is known (nil: typed).
    private let copiers: UnsafeMutableBufferPointer<RawFieldCopier?>
    private var textMap: UnsafeMutablePointer<UInt16>?
    private var prepared = false
    /// Live fields set in `commit`, in field order, and their values for the record.
    private let deferred: [Int]
    private var deferredValues: [DBFValue]
    /// Records this path wrote (for tests: the fast path must really be taken).
    private(set) var committed = 0
    /// Memo values this path wrote as stored, without a `String` (for tests).
    private(set) var storedMemoWrites = 0
    /// Per deferred field: its memo may be written as stored (`takesStoredMemos`), and
    /// whether it is for the record being committed.
    private let storable: UnsafeMutableBufferPointer<Bool>
    private let useStored: UnsafeMutableBufferPointer<Bool>
    /// Per live field: where its bytes are in the writer's record buffer (`fieldBytes`).
    private let fieldOffset: UnsafeMutableBufferPointer<Int>
    private let fieldLength: UnsafeMutableBufferPointer<Int>
    private let recordBase: UnsafeMutableRawPointer
    /// Once prepared: the copied fields as one plan (live field of each in `copyLive`),
    /// room for the positions the copiers decline, and the live fields not copied.
    private var copyPlan = UnsafeMutableBufferPointer<FieldCopy>(start: nil, count: 0)
    private var copyLive = UnsafeMutableBufferPointer<Int>(start: nil, count: 0)
    private var declined = UnsafeMutableBufferPointer<Int>(start: nil, count: 0)
    private var rest = UnsafeMutableBufferPointer<Int>(start: nil, count: 0)

    init(writer: DBFWriter, mapping: FieldMapping, live: [FieldDescriptor], blanks: [DBFValue],
         blankMemos: Bool, hooks: Hooks) {
        self.writer = writer
        self.live = live
        backup = mapping.backupFields
        self.blanks = blanks
        self.blankMemos = blankMemos
        self.hooks = hooks
        let n = live.count
        steps = .allocate(capacity: max(1, n))
        sources = .allocate(capacity: max(1, n))
        copiers = .allocate(capacity: max(1, n))
        fromMemo = .allocate(capacity: max(1, n))
        liveIsMemo = .allocate(capacity: max(1, n))
        liveIsNullable = .allocate(capacity: max(1, n))
        liveConverts = .allocate(capacity: max(1, n))
        var convertTo: [FieldDescriptor?] = []
        var deferred: [Int] = []
        for i in 0..<n {
            copiers[i] = nil
            fromMemo[i] = false
            liveIsMemo[i] = live[i].isMemo
            liveIsNullable[i] = live[i].isNullable
            switch i < mapping.sources.count ? mapping.sources[i] : .blank {
            case .blank:
                steps[i] = .blank; sources[i] = -1; convertTo.append(nil)
            case .backup(let bi, let conv):
                sources[i] = bi
                fromMemo[i] = mapping.backupFields[bi].isMemo
                convertTo.append(TableRewriter.converts(live[i], from: mapping.backupFields[bi], conv) ? live[i] : nil)
                if live[i].isMemo || mapping.backupFields[bi].isMemo {
                    steps[i] = .deferred; deferred.append(i)
                } else {
                    steps[i] = conv == nil ? .copy : .typed
                }
            }
        }
        self.convertTo = convertTo
        for i in 0..<n { liveConverts[i] = convertTo[i] != nil }
        self.deferred = deferred
        deferredValues = [DBFValue](repeating: .null, count: deferred.count)
        storable = .allocate(capacity: max(1, deferred.count))
        storable.initialize(repeating: false)
        useStored = .allocate(capacity: max(1, deferred.count))
        useStored.initialize(repeating: false)
        // the record buffer is the writer's for its whole life: field bytes found once
        let buffer = writer.recordBuffer
        recordBase = buffer.baseAddress!
        fieldOffset = .allocate(capacity: max(1, n))
        fieldLength = .allocate(capacity: max(1, n))
        fieldOffset.initialize(repeating: 0)
        fieldLength.initialize(repeating: 0)
        for i in 0..<min(n, writer.fields.count) {
            let b = writer.fieldBytes(i)
            fieldOffset[i] = b.baseAddress! - buffer.baseAddress!
            fieldLength[i] = b.count
            precondition(fieldOffset[i] >= 0 && fieldOffset[i] + fieldLength[i] <= buffer.count)
        }
    }

    deinit {
        steps.deallocate(); sources.deallocate(); copiers.deallocate(); fromMemo.deallocate()
        liveIsMemo.deallocate(); liveIsNullable.deallocate(); liveConverts.deallocate()
        storable.deallocate(); useStored.deallocate(); fieldOffset.deallocate(); fieldLength.deallocate()
        copyPlan.deallocate(); copyLive.deallocate(); declined.deallocate(); rest.deallocate()
        textMap?.deallocate()
    }

    /// Memo values can go to the live table as stored when every byte of the archive's
    /// code page is the same byte in the writer's (`textByteMap` maps each to itself): the
    /// typed path would decode the text and encode it back to exactly those bytes. Only for
    /// a memo-to-memo field of the same type (M) with nothing to convert or blank; any other
    /// deferred field keeps the typed values.
    func takesStoredMemos(codePage: CodePage) -> Bool {
        guard let m = writer.textByteMap(from: codePage), m.count == 256,
              (0..<256).allSatisfy({ m[$0] == UInt16($0) }) else { return false }
        var any = false
        for (k, i) in deferred.enumerated() {
            storable[k] = fromMemo[i] && !liveConverts[i] && live[i].type == .memo
                && backup[sources[i]].type == .memo && !(blankMemos && liveIsMemo[i])
            any = any || storable[k]
        }
        return any
    }

    /// Copiers need the text's code page, known with the first line.
    private func prepare(_ codePage: CodePage) {
        prepared = true
        if let m = writer.textByteMap(from: codePage) {
            let p = UnsafeMutablePointer<UInt16>.allocate(capacity: 256)
            p.initialize(from: m, count: 256)
            textMap = p
        }
        for i in 0..<live.count where steps[i] == .copy {
            copiers[i] = RawFieldCopier(backup: backup[sources[i]], live: live[i], textMap: textMap.map { UnsafePointer($0) })
            if copiers[i] == nil { steps[i] = .typed }
        }
        let copied = (0..<steps.count).filter { steps[$0] == .copy }
        let others = (0..<steps.count).filter { steps[$0] != .copy }
        copyPlan = .allocate(capacity: max(1, copied.count))
        copyLive = .allocate(capacity: max(1, copied.count))
        declined = .allocate(capacity: max(1, copied.count))
        rest = .allocate(capacity: max(1, others.count))
        for (k, i) in copied.enumerated() {
            (copyPlan.baseAddress! + k).initialize(to: FieldCopy(field: sources[i], copier: copiers[i]!,
                                                                 offset: fieldOffset[i], length: fieldLength[i]))
            copyLive[k] = i
        }
        for (k, i) in others.enumerated() { rest[k] = i }
        copyPlan = UnsafeMutableBufferPointer(rebasing: copyPlan[0..<copied.count])
        rest = UnsafeMutableBufferPointer(rebasing: rest[0..<others.count])
    }

    @inline(__always)
    private func value(_ v: DBFValue, _ i: Int) -> DBFValue? {
        // the descriptor is read only when there is a conversion: copying it costs a retain
        let convert = liveConverts[i] ? convertTo[i] : nil
        guard case .success(let c) = TableRewriter.liveValue(v, liveIsMemo: liveIsMemo[i], liveIsNullable: liveIsNullable[i],
                                                             convertTo: convert, blank: blanks[i], blankMemos: blankMemos) else { return nil }
        return c
    }

    func stage(_ r: RawRecord) throws -> Bool {
        guard hooks.shouldWrite() else { return false }
        if !prepared { prepare(r.codePage) }
        writer.beginRecord()
        // every field is set apart from the others (`DBFWriter.beginRecord`): the copies
        // first, then what they declined and the other steps, typed
        let nd = r.copy(UnsafeBufferPointer(copyPlan), into: recordBase, declined: declined.baseAddress!)
        for d in 0..<nd {
            let i = copyLive[declined[d]]
            guard let v = r.value(sources[i]), let c = value(v, i) else { return false }
            do { try writer.setField(i, c) } catch { return false }
        }
        for i in rest {
            switch steps[i] {
            case .copy:
                preconditionFailure("a copied field outside the copy plan")
            case .typed:
                guard let v = r.value(sources[i]), let c = value(v, i) else { return false }
                do { try writer.setField(i, c) } catch { return false }
            case .blank:
                do { try writer.setField(i, blanks[i]) } catch { return false }
            case .deferred:
                // a memo-side field fed from the text: its value must decode and convert
                if !fromMemo[i] {
                    guard let v = r.value(sources[i]), value(v, i) != nil else { return false }
                }
            }
        }
        return true
    }

    func commit(_ r: RawRecord, memoValues values: [DBFValue]) throws {
        for (k, i) in deferred.enumerated() {
            let bi = sources[i]
            guard let v = fromMemo[i] ? values[bi] : r.value(bi), let c = value(v, i) else {
                // a memo value that does not fit its live field: the typed path words it
                return try hooks.typed(r.line, typedValues(r, values))
            }
            deferredValues[k] = c
        }
        do {
            for (k, i) in deferred.enumerated() { try writer.setField(i, deferredValues[k]) }
            try writer.commitRecord()
        } catch {
            return try hooks.appendFailed(r.line, error)
        }
        committed += 1
        try hooks.written()
    }

    /// `commit(_:memoValues:)` with the memo values as stored: a storable field whose memo
    /// is text or bytes is written as those bytes (`DBFWriter.setMemoField(_:stored:)`),
    /// every other deferred field as before from its typed value.
    func commit(_ r: RawRecord, memos: StoredMemos) throws {
        for (k, i) in deferred.enumerated() {
            let bi = sources[i]
            if storable[k] {
                switch memos.stored(bi) {
                case .text, .bytes: useStored[k] = true; continue
                case .typed: break
                }
            }
            useStored[k] = false
            guard let v = fromMemo[i] ? memos.value(bi) : r.value(bi), let c = value(v, i) else {
                return try hooks.typed(r.line, typedValues(r, memos.values))
            }
            deferredValues[k] = c
        }
        do {
            for (k, i) in deferred.enumerated() {
                if useStored[k] {
                    switch memos.stored(sources[i]) {
                    case .text(let b), .bytes(let b): try writer.setMemoField(i, stored: b)
                    case .typed: preconditionFailure("a stored memo is no longer stored")
                    }
                    storedMemoWrites += 1
                } else {
                    try writer.setField(i, deferredValues[k])
                }
            }
            try writer.commitRecord()
        } catch {
            return try hooks.appendFailed(r.line, error)
        }
        committed += 1
        try hooks.written()
    }

    /// The record as the typed reader gives it: text values decoded, memo values as read.
    private func typedValues(_ r: RawRecord, _ memo: [DBFValue]) -> [DBFValue] {
        var out = memo
        for bi in backup.indices where !backup[bi].isMemo {
            guard let v = r.value(bi) else {
                preconditionFailure("a staged line's value \(backup[bi].name) no longer decodes")
            }
            out[bi] = v
        }
        return out
    }
}
