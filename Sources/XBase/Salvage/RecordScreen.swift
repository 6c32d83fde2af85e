import ResgateLocale

/// Why one record cannot be trusted, as facts (no sentences): the caller words them.
public struct RecordFault: Sendable, Hashable, Codable {
    /// What is wrong (a fact of the catalogue, `ResgateLocale.RecordFaultKind`).
    public typealias Kind = RecordFaultKind
    public var kind: Kind
    /// The field, nil for the delete flag.
    public var field: String?
    public init(kind: Kind, field: String?) { self.kind = kind; self.field = field }

    /// Memo faults leave the rest of the record readable: the memo is emptied, the record kept.
    public var isMemoOnly: Bool { kind == .memoPointerOutside || kind == .badMemoBlock || kind == .badMemoPointer }
}

/// Screens a record's raw bytes for values that do not decode, without decoding them and
/// without allocating: salvage, merge and repair run it on every record of big tables.
/// The rules are the health check's (`RecordValidator`), so `scan` and `salvage` agree on
/// what "damaged" means; on top of them, the delete flag must be ` ` or `*`.
public struct RecordScreen {
    let validator: RecordValidator
    /// The validator's checks that have a rule (text and binary fields have none).
    let checks: [RecordValidator.FieldCheck]

    public init(header: TableHeader, memo: MemoFile?) {
        validator = RecordValidator(header: header, memo: memo.map { MemoProbe(memo: $0) })
        checks = validator.checks.filter { if case .none = $0.rule { return false }; return true }
    }

    /// The record's first fault that makes it untrustworthy (a bad delete flag or a value
    /// that does not decode), and separately every field whose memo pointer is unusable
    /// (reported through `memoFault`; the record stays readable with that memo empty).
    public func fault(_ rec: UnsafeRawBufferPointer, memoFault: (RecordFault) -> Void = { _ in }) -> RecordFault? {
        guard rec.count > 0 else { return RecordFault(kind: .badDeleteFlag, field: nil) }
        if rec[0] != 0x20 && rec[0] != 0x2A { return RecordFault(kind: .badDeleteFlag, field: nil) }
        for c in checks {
            if let nb = c.nullBit, validator.bit(rec, nb) { continue }
            let r = UnsafeRawBufferPointer(rebasing: rec[c.offset..<(c.offset + c.length)])
            switch c.rule {
            case .none: break
            case .number:
                // the `*` overflow fill is FoxPro's own: a readable (lost) value, not damage
                if RecordValidator.numberProblem(r) == false { return RecordFault(kind: .badNumber, field: validator.names[c.position]) }
            case .date:
                if !RecordValidator.dateIsValid(r) { return RecordFault(kind: .badDate, field: validator.names[c.position]) }
            case .logical:
                if !RecordValidator.logicalIsValid(r[0]) { return RecordFault(kind: .badLogical, field: validator.names[c.position]) }
            case .dateTime:
                if !RecordValidator.dateTimeIsValid(r) { return RecordFault(kind: .badDateTime, field: validator.names[c.position]) }
            case .harbourTimestamp:
                if !TimestampLayout.isJulianPairOrBlank(r) { return RecordFault(kind: .badDateTime, field: validator.names[c.position]) }
            case .variable:
                if let vb = c.varBit, validator.bit(rec, vb), Int(r[r.count - 1]) >= r.count {
                    return RecordFault(kind: .badVarLength, field: validator.names[c.position])
                }
            case .memo(let binary):
                guard let block = MemoPointer.read(r, binary: binary) else {
                    memoFault(RecordFault(kind: .badMemoPointer, field: validator.names[c.position])); continue
                }
                guard block != 0 else { continue }
                guard let memo = validator.memo else {
                    memoFault(RecordFault(kind: .memoPointerOutside, field: validator.names[c.position])); continue
                }
                if let p = memo.problem(block: Int(block)) {
                    memoFault(RecordFault(kind: p.kind == .memoPointerOutside ? .memoPointerOutside : .badMemoBlock,
                                          field: validator.names[c.position]))
                }
            }
        }
        return nil
    }

    /// Writes a blank memo pointer (no memo) over `field` in a record.
    public static func blankMemoPointer(_ rec: UnsafeMutableRawBufferPointer, field: FieldDescriptor) {
        let slot = UnsafeMutableRawBufferPointer(rebasing: rec[field.offset..<(field.offset + field.length)])
        if field.memoPointerIsBinary { slot.initializeMemory(as: UInt8.self, repeating: 0) }
        else { slot.initializeMemory(as: UInt8.self, repeating: 0x20) }
    }
}

extension DBFTable {
    /// Whole records the file's size holds after the header, whatever the header's count
    /// says (a torn count hides records that are still there).
    public var recordsBySize: Int { max(0, fileSize - header.headerLength) / max(1, header.recordLength) }

    /// Bytes after the last whole record that are neither nothing nor one 0x1A EOF marker:
    /// a torn last record.
    public var tornTailBytes: Int {
        let rest = max(0, fileSize - header.headerLength) - recordsBySize * header.recordLength
        if rest == 0 { return 0 }
        if rest == 1, let b = try? reader.bytes(at: fileSize - 1, count: 1), b.first == 0x1A { return 0 }
        return rest
    }

    /// Every whole record the file holds (`recordsBySize`, not the header's count), raw,
    /// read ~1 MB at a time into one reused buffer; `body` gets the 0-based index and the
    /// bytes, valid only inside the call. Allocation-free per record. `range`: only those
    /// records (clamped to the file), for readers that split a table between threads.
    public func forEachStoredRecord(in range: Range<Int>? = nil,
                                    _ body: (Int, UnsafeRawBufferPointer) throws -> Void) throws {
        let rl = header.recordLength
        let total = min(recordsBySize, range?.upperBound ?? Int.max)
        let perChunk = max(1, (1 << 20) / rl)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: perChunk * rl, alignment: 8)
        defer { buffer.deallocate() }
        var index = max(0, range?.lowerBound ?? 0)
        while index < total {
            let n = min(perChunk, total - index)
            let got = try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<(n * rl)]), at: offset(of: index))
            let whole = got / rl
            for i in 0..<whole {
                try body(index + i, UnsafeRawBufferPointer(rebasing: buffer[(i * rl)..<((i + 1) * rl)]))
            }
            if whole < n { break }
            index += n
        }
    }

    /// Reads the whole records from `index` on that fit in `into` (and that the file holds)
    /// in one read; how many.
    public func readStoredRecords(from index: Int, into: UnsafeMutableRawBufferPointer) throws -> Int {
        let rl = header.recordLength
        guard index >= 0, index < recordsBySize, rl > 0 else { return 0 }
        let n = min(into.count / rl, recordsBySize - index)
        guard n > 0 else { return 0 }
        return try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: into[0..<(n * rl)]), at: offset(of: index)) / rl
    }

    /// Reads record `index` (0-based, may be past the header's count) into `into`
    /// (`recordLength` bytes); false when the file does not hold it whole.
    public func readStoredRecord(_ index: Int, into: UnsafeMutableRawBufferPointer) throws -> Bool {
        guard index >= 0, index < recordsBySize, into.count == header.recordLength else { return false }
        return try reader.read(into: into, at: offset(of: index)) == header.recordLength
    }
}
