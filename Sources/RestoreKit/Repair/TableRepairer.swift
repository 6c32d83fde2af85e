#if canImport(Glibc)
import ResgateLocale
import Glibc
#endif
import Foundation
import XBase

/// `resgate repair`: mends a table of what needs no backup, in one pass over every whole
/// record the file holds (never the header's count alone):
/// - a header record count that disagrees with the file: the count is taken from the file;
/// - a torn last record (or junk after the EOF byte): cut, its bytes listed in hex;
/// - a missing end-of-file byte: written;
/// - field bytes that do not decode (dates, numbers, logicals, datetimes, variable
///   lengths): blanked, the original bytes listed in hex;
/// - memo pointers that lead nowhere readable: emptied (no memo), listed;
/// - a delete flag that is neither ` ` nor `*`: the record is quarantined as `salvage`
///   does (left out, listed with its bytes);
/// - the memo file's next-free-block pointer behind a memo in use: moved past every memo.
/// Without output paths it only reports (dry run). It writes a new DBF (and a new memo
/// file when its pointer moves) where it is told: the caller swaps them in with undo.
public final class TableRepairer {
    public let table: DBFTable
    let screen: RecordScreen
    let memoFields: [FieldDescriptor]
    let byName: [String: FieldDescriptor]

    public enum Refusal: Error, Sendable, Equatable {
        /// The table has memo fields but its memo file cannot be opened: every memo
        /// pointer would look broken, and emptying them all is not a repair.
        case memoFileUnreadable(file: String, reason: Cause)
    }

    public init(table: DBFTable) throws(Refusal) {
        if table.header.hasMemoFields && table.memo == nil {
            // DBFTable sets memoProblem whenever a memo table has no memo file: the fallback is defensive
            let problem = table.memoProblem ?? .missingMemoFile(file: table.path, expected: "FPT/DBT")
            throw .memoFileUnreadable(file: table.path, reason: .xbase(problem))
        }
        self.table = table
        screen = RecordScreen(header: table.header, memo: table.memo)
        memoFields = table.header.fields.filter(\.isMemo)
        byName = RecordScreen.fieldsByName(table.header)
    }

    /// Looks at every record; with `dbfOut`, writes the repaired table there, and with
    /// `memoOut`, a copy of the memo file with its pointer fixed when that needs fixing.
    public func run(dbfOut: String? = nil, memoOut: String? = nil) throws -> RepairFindings {
        let h = table.header
        let rl = h.recordLength
        var f = RepairFindings()
        f.headerRecords = h.recordCount
        f.recordsInFile = table.recordsBySize
        let writer = try dbfOut.map { try RawFileWriter(path: $0) }
        if let writer { try writer.write(try table.rawBytes(at: 0, count: h.headerLength)) }
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, rl), alignment: 8)
        defer { scratch.deallocate() }
        var written = 0
        var lastUsed = table.memo?.firstDataBlock ?? 0
        try table.forEachStoredRecord { index, rec in
            scratch.copyMemory(from: rec)
            let bad = screen.mend(scratch, header: h, byName: byName) { fault, original in
                f.add(.init(kind: fault.isMemoOnly ? .memoPointer : .fieldBytes,
                            action: fault.isMemoOnly ? .memoEmptied : .blanked,
                            record: index + 1, field: fault.field, reason: fault.kind, bytes: Self.hex(original)))
            }
            if let bad {
                f.add(.init(kind: .deleteFlag, action: .quarantined, record: index + 1, field: bad.field,
                            reason: bad.kind, bytes: Self.hex(rec)))
                return
            }
            if let memo = table.memo {
                for mf in memoFields {
                    if let b = RecordScreen.memoBlock(UnsafeRawBufferPointer(scratch), field: mf), b > 0,
                       let end = memo.blockEnd(of: b) { lastUsed = max(lastUsed, end) }
                }
            }
            try writer?.write(UnsafeRawBufferPointer(scratch))
            written += 1
        }
        f.recordsAfter = written
        var head: [RepairFindings.Finding] = []
        if h.recordCount != table.recordsBySize {
            head.append(.init(kind: .headerCount, action: .countFixed, before: h.recordCount, after: table.recordsBySize))
        }
        let rest = max(0, table.fileSize - h.headerLength) - table.recordsBySize * rl
        if table.tornTailBytes > 0 {
            let tail = try table.rawBytes(at: table.fileSize - rest, count: rest)
            head.append(.init(kind: .tornRecord, action: .cut, record: table.recordsBySize + 1,
                              bytes: tail.withUnsafeBytes { Self.hex($0) }, before: rest, after: 0))
        } else if rest == 0 {
            head.append(.init(kind: .missingEOF, action: .eofWritten))
        }
        if let memo = table.memo, memo.nextFreeBlock < lastUsed {
            let atEnd = (memo.size + memo.blockSize - 1) / memo.blockSize
            let next = max(lastUsed, atEnd)
            head.append(.init(kind: .memoNextFree, action: .pointerMoved, before: memo.nextFreeBlock, after: next))
            f.memoNextFreeAfter = next
            if let memoOut { try Self.copyMemo(memo, to: memoOut, nextFree: next) }
        }
        f.prepend(head)
        if let writer {
            try writer.write([0x1A])
            var count = UInt32(written).littleEndian
            try withUnsafeBytes(of: &count) { try writer.write($0, at: 4) }
            try writer.close()
        }
        return f
    }

    /// A copy of the memo file with its header's next-free-block pointer set to `nextFree`.
    static func copyMemo(_ memo: MemoFile, to path: String, nextFree: Int) throws {
        try FileOps.copy(memo.path, path)
        let w = try RawFileWriter(path: path, truncate: false)
        let v = UInt32(truncatingIfNeeded: nextFree)
        let bytes: [UInt8] = memo.kind == .fpt
            ? [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
            : [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
        try bytes.withUnsafeBytes { try w.write($0, at: 0) }
        try w.close()
    }

    static func hex(_ b: UnsafeRawBufferPointer) -> String { SalvageFindings.hex(b) }
}

extension RepairFindings {
    /// File-level findings go first in the list (and always fit in it).
    mutating func prepend(_ items: [Finding]) {
        findingsCount += items.count
        findings.insert(contentsOf: items, at: 0)
    }
}

/// Sequential writes through a 1 MB buffer, plus positioned patches; for the repaired copy.
final class RawFileWriter {
    let path: String
    let fd: Int32
    var buffer: [UInt8] = []

    init(path: String, truncate: Bool = true) throws {
        self.path = path
        fd = Glibc.open(path, O_WRONLY | O_CLOEXEC | (truncate ? O_CREAT | O_TRUNC : 0), 0o644)
        guard fd >= 0 else { throw XBaseError.io(file: path, reason: .lastError) }
        buffer.reserveCapacity(1 << 20)
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Writes at an absolute offset (after flushing what is buffered).
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws {
        try flush()
        guard pwrite(fd, bytes.baseAddress, bytes.count, off_t(offset)) == bytes.count else {
            throw XBaseError.io(file: path, reason: .lastError)
        }
    }

    func flush() throws {
        var done = 0
        try buffer.withUnsafeBytes { b in
            while done < b.count {
                let n = Glibc.write(fd, b.baseAddress! + done, b.count - done)
                guard n > 0 else { throw XBaseError.io(file: path, reason: .lastError) }
                done += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws { try flush() }
}
