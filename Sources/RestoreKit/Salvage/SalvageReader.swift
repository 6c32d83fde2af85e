import XBase

/// What reading a damaged table found: facts with record numbers (1-based) and fields,
/// for the edge to put in words. Lists are bounded (`limit`); counts are exact.
public struct SalvageFindings: Codable, Sendable {
    public struct Quarantined: Codable, Sendable, Hashable {
        public var record: Int
        public var reason: RecordFault.Kind
        public var field: String?
        /// The record's bytes as stored, in hex, so nothing is lost even when unreadable.
        public var bytes: String
    }
    public struct LostMemo: Codable, Sendable, Hashable {
        public var record: Int
        public var field: String
        public var reason: RecordFault.Kind
    }
    /// Entries kept per list.
    public static let limit = 1000

    /// Records the header announces.
    public var headerRecords = 0
    /// Whole records the file's size holds.
    public var recordsInFile = 0
    /// Records read intact (memos that could not be read are empty in them).
    public var recordsRead = 0
    public var quarantinedCount = 0
    public var quarantined: [Quarantined] = []
    public var memosLostCount = 0
    public var memosLost: [LostMemo] = []
    /// Bytes of a torn last record after the whole ones (0: none).
    public var tornTailBytes = 0

    mutating func quarantine(_ index: Int, _ fault: RecordFault, _ bytes: UnsafeRawBufferPointer) {
        quarantinedCount += 1
        guard quarantined.count < Self.limit else { return }
        quarantined.append(Quarantined(record: index + 1, reason: fault.kind, field: fault.field, bytes: Self.hex(bytes)))
    }

    mutating func loseMemo(_ index: Int, _ fault: RecordFault) {
        memosLostCount += 1
        guard memosLost.count < Self.limit else { return }
        memosLost.append(LostMemo(record: index + 1, field: fault.field ?? "", reason: fault.kind))
    }

    /// Adds what a reader of the records after this one's found (counts summed, lists
    /// joined in record order up to `limit`); the file's own facts stay this one's.
    mutating func absorb(_ later: SalvageFindings) {
        recordsRead += later.recordsRead
        quarantinedCount += later.quarantinedCount
        quarantined += later.quarantined.prefix(max(0, Self.limit - quarantined.count))
        memosLostCount += later.memosLostCount
        memosLost += later.memosLost.prefix(max(0, Self.limit - memosLost.count))
    }

    static func hex(_ b: UnsafeRawBufferPointer) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(b.count * 2)
        for x in b { out.append(digits[Int(x >> 4)]); out.append(digits[Int(x & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Reads a table as far as it can be read, never trusting one field of the header alone:
/// every whole record the file holds is looked at (the header's count and the file size
/// may disagree either way); a record whose delete flag or typed values do not decode is
/// quarantined with its bytes; a memo pointer that leads nowhere readable is emptied and
/// noted. Intact records reach `body` in file order, raw, in the table's own layout.
///
/// One record buffer is reused for the records whose memo pointers must be emptied:
/// nothing is allocated per intact record.
public final class SalvageReader {
    public let table: DBFTable
    public private(set) var findings = SalvageFindings()
    let screen: RecordScreen
    let memoFields: [String: FieldDescriptor]
    let scratch: UnsafeMutableRawBufferPointer
    /// `readIntact`'s read-ahead for records asked for in order.
    var ahead = RecordReadAhead()

    public init(table: DBFTable) {
        self.table = table
        screen = RecordScreen(header: table.header, memo: table.memo)
        var m: [String: FieldDescriptor] = [:]
        for f in table.fields where f.isMemo { m[f.name] = f }
        memoFields = m
        scratch = .allocate(byteCount: max(1, table.header.recordLength), alignment: 8)
        findings.headerRecords = table.header.recordCount
        findings.recordsInFile = table.recordsBySize
        findings.tornTailBytes = table.tornTailBytes
    }

    deinit { scratch.deallocate(); ahead.deallocate() }

    /// Streams every intact record: `body(index, bytes)` with the 0-based record index.
    /// `unreadable(index, fault)` hears of each quarantined one (also kept in `findings`).
    /// `range`: only those records (a merge screens a big table in parts, one reader each).
    public func forEachIntact(in range: Range<Int>? = nil, _ body: (Int, UnsafeRawBufferPointer) throws -> Void,
                              unreadable: (Int, RecordFault) -> Void = { _, _ in }) throws {
        try table.forEachStoredRecord(in: range) { index, rec in
            var patched = false
            let fault = screen.fault(rec) { memo in
                if !patched { scratch.copyMemory(from: rec); patched = true }
                if let name = memo.field, let f = memoFields[name] {
                    RecordScreen.blankMemoPointer(scratch, field: f)
                }
                findings.loseMemo(index, memo)
            }
            if let fault {
                findings.quarantine(index, fault, rec)
                unreadable(index, fault)
                return
            }
            findings.recordsRead += 1
            try body(index, patched ? UnsafeRawBufferPointer(scratch) : rec)
        }
    }

    /// The memo at `block` as `DBFWriter.append(raw:memoSource:)` wants it. The screen has
    /// already proven the block readable; should reading still fail, the memo comes empty.
    public func memo(_ block: UInt32) -> ([UInt8], MemoBlockType) {
        guard let m = try? table.memo?.read(block: Int(block)) else { return ([], .text) }
        return (m.bytes, MemoBlockType(rawValue: m.type) ?? .text)
    }
}

extension SalvageReader {
    /// Reads live record `index` into `into` with unusable memo pointers emptied, as
    /// `forEachIntact` hands it (findings are not counted again); false when the record is
    /// not whole in the file or is not intact.
    public func readIntact(_ index: Int, into: UnsafeMutableRawBufferPointer) throws -> Bool {
        guard try ahead.read(index, from: table, into: into) else { return false }
        let fault = screen.fault(UnsafeRawBufferPointer(into)) { memo in
            if let name = memo.field, let f = memoFields[name] { RecordScreen.blankMemoPointer(into, field: f) }
        }
        return fault == nil
    }
}
