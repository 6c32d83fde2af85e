import Foundation

/// One record of a `forEachRow` pass, decoded: valid only inside the callback.
public struct DecodedRow {
    /// 0-based position in the file.
    public let index: Int
    /// The delete flag byte (0x2A: deleted; 0x1A: an end-of-file mark inside the records).
    public let deleteFlag: UInt8
    /// Every visible field's value, in `DBFTable.fields` order; when `failure` is set,
    /// only the fields before the failing one.
    public let values: UnsafeBufferPointer<DBFValue>
    /// The first field that did not decode, with its error (the fields after it are not
    /// decoded).
    public let failure: (field: Int, error: XBaseError)?

    /// 1-based record number, as FoxPro's RECNO().
    public var number: Int { index + 1 }
    public var isDeleted: Bool { deleteFlag == 0x2A }
}

extension DBFTable {
    /// Calls `body` with every readable record, decoded, in file order, on the calling
    /// thread — while up to `decoders` threads decode the records ahead.
    ///
    /// A full read spends nearly all its time decoding values, and records are independent:
    /// the table is cut into chunks of about 1 MB (and at most 32 k values), chunk `c` is
    /// decoded by decoder `c % decoders` into one of its two chunk buffers, and `body` sees
    /// the chunks strictly in order. Memory stays bounded (two decoded chunks and one read
    /// buffer per decoder, whatever the table's size) and the values are the ones
    /// `decodeValues(into:)` gives. With one decoder, or a table of one chunk, nothing runs
    /// on another thread (nor when the system refuses a thread). When `body` throws, the
    /// decoders stop and the error is rethrown.
    public func forEachRow(decoders: Int = 2, _ body: (DecodedRow) throws -> Void) throws {
        try forEachRow(decoders: decoders, startingThreadsWith: DecoderThread.start, body)
    }

    /// `forEachRow`, its threads started by `startThread` (tests refuse some).
    func forEachRow(decoders: Int, startingThreadsWith startThread: (@escaping () -> Void) -> Bool,
                    _ body: (DecodedRow) throws -> Void) throws {
        let plan = RowChunkPlan(table: self)
        let workers = max(1, min(decoders, ProcessInfo.processInfo.activeProcessorCount, plan.chunkCount))
        if workers > 1 {
            let pass = RowPass(table: self, plan: plan, workers: workers)
            if pass.start(startThread) {
                defer { pass.stop() }
                return try pass.run(body)
            }
        }
        // one decoder (or no thread to be had): this thread reads and decodes
        let decoder = RowChunkDecoder(table: self, plan: plan)
        let chunk = RowChunk(plan: plan)
        for c in 0..<plan.chunkCount {
            decoder.decode(chunk: c, into: chunk)
            try chunk.deliver(body)
            if chunk.endsTable { return }
        }
    }
}

/// How a `forEachRow` pass cuts the table into chunks.
struct RowChunkPlan {
    let recordCount: Int
    let fieldCount: Int
    let recordsPerChunk: Int
    let chunkCount: Int

    init(table: DBFTable) {
        recordCount = table.recordCount
        fieldCount = table.fields.count
        let byBytes = (1 << 20) / max(1, table.header.recordLength)
        let byValues = (32 << 10) / max(1, fieldCount)
        recordsPerChunk = max(1, min(byBytes, byValues))
        chunkCount = (recordCount + recordsPerChunk - 1) / recordsPerChunk
    }

    func range(of chunk: Int) -> Range<Int> {
        let first = chunk * recordsPerChunk
        return first..<min(recordCount, first + recordsPerChunk)
    }
}

/// One decoded chunk: its records' delete flags and values, and the rare failures.
final class RowChunk: @unchecked Sendable {
    let fieldCount: Int
    let values: UnsafeMutablePointer<DBFValue>
    let capacity: Int
    let flags: UnsafeMutablePointer<UInt8>
    /// Per field: every value this chunk's rows have held there was plain (see `decodeRow`).
    let plainFields: UnsafeMutablePointer<Bool>
    var first = 0
    var count = 0
    /// Per record with a failure (rare): its position in the chunk, field and error.
    var failures: [(row: Int, field: Int, error: XBaseError)] = []
    /// The file held fewer whole records than the chunk asked for: the table ends here.
    var endsTable = false
    /// The read itself failed.
    var readError: XBaseError?

    init(plan: RowChunkPlan) {
        fieldCount = plan.fieldCount
        capacity = max(1, plan.recordsPerChunk * plan.fieldCount)
        values = .allocate(capacity: capacity)
        values.initialize(repeating: .null, count: capacity)
        flags = .allocate(capacity: plan.recordsPerChunk)
        plainFields = .allocate(capacity: max(1, fieldCount))
        plainFields.initialize(repeating: true, count: max(1, fieldCount))
    }

    deinit {
        values.deinitialize(count: capacity)
        values.deallocate()
        flags.deallocate()
        plainFields.deallocate()
    }

    /// Hands each record to `body`, in order; throws a read error after the rows before it.
    func deliver(_ body: (DecodedRow) throws -> Void) throws {
        var nextFailure = 0
        for r in 0..<count {
            if nextFailure < failures.count && failures[nextFailure].row == r {
                let (_, field, error) = failures[nextFailure]
                nextFailure += 1
                let row = UnsafeBufferPointer(start: values + r * fieldCount, count: field)
                try body(DecodedRow(index: first + r, deleteFlag: flags[r], values: row, failure: (field, error)))
                continue
            }
            // a literal nil: the row's failure needs no destroying (an optional error
            // built per record cost a call to its outlined destroy, 2 % of a full read)
            let row = UnsafeBufferPointer(start: values + r * fieldCount, count: fieldCount)
            try body(DecodedRow(index: first + r, deleteFlag: flags[r], values: row, failure: nil))
        }
        if let readError { throw readError }
    }
}

/// What one pass over a table's records owns: a read buffer of whole records, the memo
/// read-ahead and the repeated-text cache (none of them shared between threads).
/// `forEachRecord` reads through one; each `forEachRow` decoder has its own.
final class RecordChunkReader {
    let table: DBFTable
    let recordLength: Int
    let buffer: UnsafeMutableRawBufferPointer
    let cursor: MemoCursor?
    let repeated: UnsafeMutablePointer<RepeatedText>
    /// Index of the first record in the buffer.
    private(set) var first = 0

    init(table: DBFTable, recordsPerChunk: Int) {
        self.table = table
        recordLength = table.header.recordLength
        buffer = .allocate(byteCount: max(1, recordsPerChunk * recordLength), alignment: 8)
        cursor = table.memo.map { MemoCursor($0) }
        // repeated long C texts are handed back, not decoded again (see RepeatedText)
        repeated = .allocate(capacity: 1)
        repeated.initialize(to: RepeatedText(widths: table.fields.map(\.length), recordLength: recordLength))
    }

    deinit {
        buffer.deallocate()
        repeated.pointee.free()
        repeated.deinitialize(count: 1)
        repeated.deallocate()
    }

    /// Reads the records of `range` (at most `recordsPerChunk`) into the buffer; returns
    /// how many whole records came (fewer when the file ends early).
    func read(_ range: Range<Int>) throws(XBaseError) -> Int {
        let want = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<(range.count * recordLength)])
        let got = try table.reader.read(into: want, at: table.offset(of: range.lowerBound))
        first = range.lowerBound
        repeated.pointee.chunkStart = range.lowerBound
        return got / recordLength
    }

    /// Record `i` of the last chunk read: valid until the next `read`, while the reader lives.
    @inline(__always)
    func record(_ i: Int) -> DBFRecord {
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[(i * recordLength)..<((i + 1) * recordLength)])
        return DBFRecord(table: table, index: first + i, bytes: bytes, memoCursor: cursor, repeated: repeated)
    }
}

/// Reads and decodes the chunks one `forEachRow` decoder is given.
final class RowChunkDecoder {
    let plan: RowChunkPlan
    let records: RecordChunkReader

    init(table: DBFTable, plan: RowChunkPlan) {
        self.plan = plan
        records = RecordChunkReader(table: table, recordsPerChunk: plan.recordsPerChunk)
    }

    /// Reads and decodes chunk `c` into `chunk` (a read error is kept in the chunk, to be
    /// thrown after the rows before it).
    func decode(chunk c: Int, into chunk: RowChunk) {
        let range = plan.range(of: c)
        chunk.first = range.lowerBound
        chunk.count = 0
        chunk.failures.removeAll(keepingCapacity: true)
        chunk.endsTable = false
        chunk.readError = nil
        let whole: Int
        do { whole = try records.read(range) } catch {
            chunk.readError = error
            chunk.endsTable = true
            return
        }
        for i in 0..<whole {
            let rec = records.record(i)
            chunk.flags[i] = rec.deleteFlag
            if let failure = rec.decodeRow(into: chunk.values + i * plan.fieldCount, plainFields: chunk.plainFields) {
                chunk.failures.append((i, failure.field, failure.error))
            }
        }
        chunk.count = whole
        chunk.endsTable = whole < range.count
    }
}
