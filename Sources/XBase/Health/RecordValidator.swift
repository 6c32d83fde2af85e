import ResgateLocale

/// Validates the raw bytes of each record against its field types, without decoding
/// values: the health check must stay fast on million-record tables and must never stop
/// on garbage, so every rule is a bounded scan of the field's bytes.
///
/// The rules mirror what `DBFRecord.value` accepts: bytes it would refuse are errors;
/// bytes it reads but that FoxPro never writes (the `*` overflow fill) are warnings.
struct RecordValidator {
    /// One field's rule; trivially copyable (its name is in `names`, at `position`), so
    /// going through the checks of every record of a big table costs no reference counting.
    struct FieldCheck {
        enum Rule { case none, number, date, logical, dateTime, harbourTimestamp, memo(binary: Bool), variable }
        let position: Int
        let offset: Int
        let length: Int
        let rule: Rule
        let nullBit: Int?
        let varBit: Int?
    }

    let checks: [FieldCheck]
    /// The checked fields' names, by `FieldCheck.position` (read only for a finding).
    let names: [String]
    let nullOffset: Int?
    let nullLength: Int
    let memo: MemoProbe?

    init(header: TableHeader, memo: MemoProbe?) {
        var cs: [FieldCheck] = []
        var ns: [String] = []
        for f in header.fields where !f.isSystem && f.length > 0 && f.offset >= 1 && f.offset + f.length <= header.recordLength {
            let rule: FieldCheck.Rule
            switch f.type {
            case .numeric, .float: rule = .number
            case .date: rule = .date
            case .logical: rule = .logical
            case .dateTime where f.length == 8: rule = .dateTime
            // Harbour's `@` and `=` in 32-byte-descriptor tables (see TimestampLayout)
            case .timestamp where header.dialect != .dBase7 && f.length == 8: rule = .harbourTimestamp
            case .harbourModTime where header.dialect != .dBase7 && f.length == 8: rule = .dateTime
            case .varchar, .varbinary: rule = f.varLengthBit != nil ? .variable : .none
            default: rule = f.isMemo ? .memo(binary: f.memoPointerIsBinary) : .none
            }
            cs.append(FieldCheck(position: ns.count, offset: f.offset, length: f.length, rule: rule,
                                 nullBit: f.nullBit, varBit: f.varLengthBit))
            ns.append(f.name)
        }
        checks = cs
        names = ns
        let nf = header.nullFlagsField
        if let nf, nf.offset + nf.length <= header.recordLength {
            nullOffset = nf.offset; nullLength = nf.length
        } else {
            nullOffset = nil; nullLength = 0
        }
        self.memo = memo
    }

    @inline(__always)
    func bit(_ rec: UnsafeRawBufferPointer, _ bit: Int) -> Bool {
        guard let o = nullOffset, bit / 8 < nullLength else { return false }
        return rec[o + bit / 8] & (1 << UInt8(bit % 8)) != 0
    }

    /// Checks one record (delete flag at byte 0); `number` is 1-based.
    func check(_ rec: UnsafeRawBufferPointer, number: Int, log: inout FindingLog) {
        for c in checks {
            if let nb = c.nullBit, bit(rec, nb) { continue }
            let r = UnsafeRawBufferPointer(rebasing: rec[c.offset..<(c.offset + c.length)])
            switch c.rule {
            case .none: break
            case .number:
                switch Self.numberProblem(r) {
                case .none: break
                case .some(true):
                    log.add(.numberOverflow, .warning, .numberOverflow(shown: quoted(r)), record: number, field: names[c.position])
                case .some(false):
                    log.add(.badNumber, .error, .notANumber(shown: quoted(r)),
                            record: number, field: names[c.position])
                }
            case .date:
                if !Self.dateIsValid(r) {
                    log.add(.badDate, .error, .badDate(shown: quoted(r)), record: number, field: names[c.position])
                }
            case .logical:
                if !Self.logicalIsValid(r[0]) {
                    log.add(.badLogical, .error, .badLogical(shown: quoted(r)), record: number, field: names[c.position])
                }
            case .dateTime:
                if !Self.dateTimeIsValid(r) {
                    log.add(.badDateTime, .error, .badDateTime(shown: quoted(r)), record: number, field: names[c.position])
                }
            case .harbourTimestamp:
                if !TimestampLayout.isJulianPairOrBlank(r) {
                    log.add(.badDateTime, .error, .ambiguousTimestamp(DBFRecord.ambiguousTimestamp(r)),
                            record: number, field: names[c.position])
                }
            case .variable:
                if let vb = c.varBit, bit(rec, vb), Int(r[r.count - 1]) >= r.count {
                    log.add(.badVarLength, .error, .badVarLength(lengthByte: Int(r[r.count - 1]), width: r.count - 1),
                            record: number, field: names[c.position])
                }
            case .memo(let binary):
                checkMemo(r, binary: binary, number: number, field: names[c.position], log: &log)
            }
        }
    }

    func checkMemo(_ r: UnsafeRawBufferPointer, binary: Bool, number: Int, field: String, log: inout FindingLog) {
        guard let block = MemoPointer.read(r, binary: binary) else {
            log.add(.badMemoPointer, .error, .badMemoPointer(shown: quoted(r)), record: number, field: field)
            return
        }
        guard block != 0, let memo else { return }
        if let p = memo.problem(block: Int(block)) {
            log.add(p.kind, .error, .memoBlock(block: Int(block), p.fault), record: number, field: field)
        }
    }

    /// nil: fine or blank; true: `*` overflow fill; false: not a number.
    static func numberProblem(_ r: UnsafeRawBufferPointer) -> Bool? {
        var s = 0, e = r.count
        while s < e && (r[s] == 0x20 || r[s] == 0) { s += 1 }
        while e > s && (r[e - 1] == 0x20 || r[e - 1] == 0) { e -= 1 }
        if s == e { return nil }
        var stars = true
        for i in s..<e where r[i] != UInt8(ascii: "*") { stars = false; break }
        if stars { return true }
        var point = false, gap = false
        for i in s..<e {
            let b = r[i]
            if b >= 48 && b <= 57 { if gap { return false }; continue }
            if (b == UInt8(ascii: ".") || b == UInt8(ascii: ",")) && !point { point = true; gap = false; continue }
            if (b == UInt8(ascii: "-") || b == UInt8(ascii: "+")) && i == s { continue }
            if b == 0x20 { gap = true; continue }   // "0   . ": as DBFRecord.value reads it
            return ExponentNumber.parse(r, s, e) == nil ? false : nil
        }
        return nil
    }

    static func dateIsValid(_ r: UnsafeRawBufferPointer) -> Bool {
        var blank = true
        for b in r where !(b == 0x20 || b == 0x30 || b == 0) { blank = false; break }
        if blank { return true }
        guard r.count >= 8 else { return false }
        for j in 8..<r.count where r[j] != 0x20 && r[j] != 0 { return false }
        // YYYYMMDD, digits only (no arrays: this runs on every record of big tables)
        var value = 0
        for k in 0..<8 {
            let b = r[k]
            guard b >= 48 && b <= 57 else { return false }
            value = value * 10 + Int(b - 48)
        }
        return DBFDate(year: value / 10_000, month: value / 100 % 100, day: value % 100).isValid
    }

    static func logicalIsValid(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: "Y"), UInt8(ascii: "y"),
             UInt8(ascii: "F"), UInt8(ascii: "f"), UInt8(ascii: "N"), UInt8(ascii: "n"),
             UInt8(ascii: "?"), 0x20, 0: return true
        default: return false
        }
    }

    static func dateTimeIsValid(_ r: UnsafeRawBufferPointer) -> Bool {
        let day = Int32(bitPattern: UInt32(r[0]) | UInt32(r[1]) << 8 | UInt32(r[2]) << 16 | UInt32(r[3]) << 24)
        let ms = Int32(bitPattern: UInt32(r[4]) | UInt32(r[5]) << 8 | UInt32(r[6]) << 16 | UInt32(r[7]) << 24)
        if day == 0 { return true }
        var spaces = true
        for b in r where b != 0x20 { spaces = false; break }
        if spaces { return true }
        return day > 0 && ms >= 0 && ms < 86_400_000
    }
}

/// Checks memo pointers against the memo file: inside it, and at a sane block header.
/// Block headers are read through two 256 KiB windows of the file: records point at memos
/// in about the order they were written, so a million records cost a few hundred reads
/// instead of a million (`salvage`, `restore --merge` and `scan` screen every record).
/// Two, because a table edited since it was filled has two such streams at once: the
/// untouched records' memos in place and the changed or added records' at the end of the
/// file. A header far from both windows (memos in no order: a table copied in another
/// order, rows pointing at shared blocks) is read by itself, 8 bytes; a window moves there
/// only when the next far header is near it (a new stream begins).
final class MemoProbe {
    let memo: MemoFile
    static let windowSize = 1 << 18

    /// Bytes `start ..< start + count` of the memo file.
    private struct Window {
        let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: MemoProbe.windowSize, alignment: 8)
        var start = 0, count = 0
        /// Whether it holds the 8 bytes at `offset`.
        func holds(_ offset: Int) -> Bool { offset >= start && offset + 8 <= start + count }
        /// Whether `offset` lies at or up to one window past its end (reading on in order).
        func isFollowed(by offset: Int) -> Bool {
            count > 0 && offset >= start + count && offset < start + count + MemoProbe.windowSize
        }
    }

    private var windows = [Window(), Window()]
    /// The window used last (the other one is moved when a new stream begins).
    private var recent = 0
    /// The last header read by itself (-1: none yet).
    private var lastAlone = -1
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 8, alignment: 8)

    init(memo: MemoFile) { self.memo = memo }
    deinit { buffer.deallocate(); for w in windows { w.bytes.deallocate() } }

    /// The 8 bytes at `offset` into `buffer` (fewer when the file ends first): from the
    /// window holding them; else from a window moved to `offset`'s 4 KiB page when the
    /// read goes on in order (or a new stream begins); else read by themselves.
    private func readHeader(at offset: Int) -> Int? {
        var w: Int
        if windows[0].holds(offset) {
            w = 0
        } else if windows[1].holds(offset) {
            w = 1
        } else {
            if windows[0].isFollowed(by: offset) {
                w = 0
            } else if windows[1].isFollowed(by: offset) {
                w = 1
            } else if windows[0].count == 0 {
                w = 0
            } else if windows[1].count == 0 {
                w = 1
            } else if lastAlone >= 0 && offset >= lastAlone && offset < lastAlone + Self.windowSize {
                w = 1 - recent
            } else {
                lastAlone = offset
                return try? memo.reader.read(into: buffer, at: offset)
            }
            let start = offset & ~4095
            guard let got = try? memo.reader.read(into: windows[w].bytes, at: start) else { return nil }
            (windows[w].start, windows[w].count) = (start, got)
        }
        recent = w
        let window = windows[w]
        let available = min(8, max(0, window.start + window.count - offset))
        if available > 0 {
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: window.bytes[(offset - window.start)..<(offset - window.start + available)]))
        }
        return available
    }

    /// nil when the block looks right.
    func problem(block: Int) -> (kind: HealthFinding.Kind, fault: MemoBlockFault)? {
        let offset = block * memo.blockSize
        guard offset < memo.size, offset >= min(512, memo.blockSize) else {
            return (.memoPointerOutside, .outside(memoBytes: memo.size))
        }
        switch memo.kind {
        case .dbt3:
            return nil
        case .fpt, .dbt4:
            guard let got = readHeader(at: offset), got == 8 else {
                return (.badMemoBlock, .headerCut)
            }
            if memo.kind == .fpt {
                let type = UInt32(buffer[0]) << 24 | UInt32(buffer[1]) << 16 | UInt32(buffer[2]) << 8 | UInt32(buffer[3])
                let length = Int(UInt32(buffer[4]) << 24 | UInt32(buffer[5]) << 16 | UInt32(buffer[6]) << 8 | UInt32(buffer[7]))
                guard type <= 2 else {
                    return (.badMemoBlock, .badType(Int(type)))
                }
                guard offset + 8 + length <= memo.size else {
                    return (.badMemoBlock, .lengthPastEnd(length))
                }
            } else {
                guard buffer[0] == 0xFF, buffer[1] == 0xFF, buffer[2] == 0x08, buffer[3] == 0x00 else {
                    return (.badMemoBlock, .badSignature)
                }
                let length = Int(UInt32(buffer[4]) | UInt32(buffer[5]) << 8 | UInt32(buffer[6]) << 16 | UInt32(buffer[7]) << 24)
                guard length >= 8, offset + length <= memo.size else {
                    return (.badMemoBlock, .lengthDoesNotFit(length))
                }
            }
            return nil
        }
    }
}
