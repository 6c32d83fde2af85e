#if canImport(Glibc)
import Glibc
import ResgateLocale
#endif
import XBase

/// Reads one table's data parts line by line into records: detects each file's variant
/// from its first lines, parses in place, joins a line whose quoted value holds a line
/// break with the next, fills memo values from the memo archive, lists every defect.
final class TableRecordReader {
    let set: BackupSet
    let table: BackupTable
    let structure: BackupStructure
    let options: ReadOptions
    let codePage: CodePage
    let textFields: [FieldDescriptor]
    let slots: [Int]
    let limits: TextLimits
    var report: TableReadReport
    /// The report's defects, bounded (see `DefectList`); copied into `report` at the end.
    var defects: DefectList
    var memo: MemoArchive?
    var record: BackupRecord
    /// Offered every plain line first (see `RawRecordSink`); nil: typed reading only.
    let sink: RawRecordSink?
    /// Where a plain line's values are, for the sink; text-field position per structure field.
    private let spans: UnsafeMutablePointer<FieldSpan>
    private let textIndex: UnsafeMutablePointer<Int>
    /// The current part's decoders, copied out of the parser once so that handing a line
    /// to the sink costs no reference counting.
    private var rawDecoders: UnsafeMutableBufferPointer<TextValueDecoder>?
    private var rawText: FastTextDecoder?
    /// What the per-line fast path needs, read in one access per line (each stored `var`
    /// read costs an exclusivity check), without reference counting: the strong references
    /// above keep the sink, decoders and text decoder alive.
    private struct FastLine {
        unowned(unsafe) let sink: RawRecordSink
        let decoders: UnsafePointer<TextValueDecoder>
        let text: Unmanaged<FastTextDecoder>
        let splitter: RawSplitter
    }
    private var fastLine: FastLine?
    private var rawSplitter: RawSplitter?
    /// The sink takes memo values as stored (`commit(_:memos:)`); `memoColumn`: each
    /// structure field's column in the memo archive (-1: none).
    private var storedMemos = false
    private let memoColumn: UnsafeMutablePointer<Int>
    static let sampleLines = 64
    static let maxJoinedLines = 16

    init(set: BackupSet, table: BackupTable, options: ReadOptions, sink: RawRecordSink? = nil) throws {
        guard let s = table.structure else {
            throw BackupSetError(Defect(.missingStructure, table: table.name, file: table.members.structure?.name,
                                        .set(.noReadableStructure)))
        }
        if let o = table.oversized { throw BackupSetError(o) }
        self.set = set; self.table = table; self.structure = s; self.options = options
        codePage = options.codePage ?? s.codePage.flatMap { CodePage(number: $0) } ?? options.fallbackCodePage ?? .cp1252
        textFields = s.textFields
        limits = TextLimits(fields: s.fields)
        slots = s.fields.indices.filter { !s.fields[$0].isMemo }
        report = TableReadReport(table: table.name)
        report.codePage = codePage
        defects = DefectList(limit: options.defectLimit, sink: options.defectSink)
        record = BackupRecord(values: s.fields.map { Self.blank($0) }, file: "", line: 0, number: 0)
        spans = .allocate(capacity: max(1, textFields.count))
        textIndex = .allocate(capacity: max(1, s.fields.count))
        var t = 0
        for (i, f) in s.fields.enumerated() {
            if f.isMemo { textIndex[i] = -1 } else { textIndex[i] = t; t += 1 }
        }
        if options.memo, s.hasMemo, let z = table.members.memoArchive {
            let (m, d) = Self.openMemo(set: set, member: z, table: table.name, structure: s, codePage: codePage,
                                       digests: options.digests)
            memo = m
            defects.add(contentsOf: d)
        }
        // a full-table memo DBF is cross-checked against the typed text values: typed only
        self.sink = (memo?.checkMap.isEmpty ?? true) ? sink : nil
        memoColumn = .allocate(capacity: max(1, s.fields.count))
        memoColumn.initialize(repeating: -1, count: max(1, s.fields.count))
        if let sink = self.sink, let m = memo, sink.takesStoredMemos(codePage: m.table.codePage), m.storeBytes() {
            for (j, slot) in m.memoSlots.enumerated() { memoColumn[slot] = j }
            storedMemos = true
        }
    }

    deinit {
        spans.deallocate()
        textIndex.deallocate()
        memoColumn.deallocate()
        rawDecoders?.deallocate()
        rawSplitter?.release()
    }

    static func openMemo(set: BackupSet, member z: SetMember, table: String, structure s: BackupStructure,
                         codePage: CodePage, digests: MemberDigests? = nil) -> (MemoArchive?, [Defect]) {
        let m: MemoArchive
        do {
            m = try MemoArchive(source: set.source, member: z, tableName: table, structure: s, codePage: codePage,
                                digests: digests)
        } catch {
            return (nil, error.defects.map { $0.placed(table: table, file: z.name) })
        }
        let missing = m.missingFields(s).map {
            Defect(.badMemoArchive, table: table, file: z.name, field: $0, .memo(.lacksField))
        }
        return (m, missing)
    }

    static func blank(_ f: FieldDescriptor) -> DBFValue {
        if f.type == .memo { return .string("") }
        return f.isMemo ? .bytes([]) : .null
    }

    func defect(_ kind: Defect.Kind, file: String, line: Int?, field: String?, _ reason: @autoclosure () -> DefectReason) throws {
        if !defects.wantsDetails, !options.stopAtFirstDefect { return defects.count(kind) }
        let d = Defect(kind, table: table.name, file: file, line: line, field: field, reason())
        defects.add(d)
        if options.stopAtFirstDefect { throw BackupSetError(d) }
    }

    func run(_ body: (BackupRecord) throws -> Void) throws -> TableReadReport {
        for part in table.members.dataParts { try readPart(part, body) }
        if let memo {
            if memo.recordCount != record.number {
                try defect(.memoCountMismatch, file: memo.archiveName, line: nil, field: nil,
                           .memo(.countMismatch(memo: memo.recordCount, text: record.number)))
            }
        }
        if let m = set.manifest?.table(named: table.name), m.records != record.number {
            try defect(.manifestMismatch, file: "manifest.json", line: nil, field: nil,
                       .manifest(.recordCountMismatch(listed: m.records, found: record.number)))
        }
        try checkStructureCount()
        report.defects = defects.kept
        report.omittedDefects = defects.omitted
        report.defectCounts = defects.counts
        return report
    }

    /// The structure's own record count against the data. `records=` (our writer's) counts
    /// exactly the exported records; the `LIST STRUCTURE` heading counts deleted records
    /// too, which are not exported, so only more data than it says is a mismatch.
    func checkStructureCount() throws {
        guard let said = structure.records else { return }
        let mismatch = structure.variant == .listStructure ? record.number > said : record.number != said
        guard mismatch else { return }
        let name = table.members.structure?.name ?? table.name + "_Estr"
        try defect(.recordCountMismatch, file: name, line: nil, field: nil,
                   .structure(.recordCountMismatch(said: said, found: record.number)))
    }

    // state of the part being read
    private var sample: [([UInt8], Int)] = []
    private var parser: LineParser?
    private var pending: [([UInt8], Int, Int)] = []   // joined lines: bytes, terminator, number
    private var file = ""
    private lazy var mayHoldBinary = textFields.contains { $0.type == .varbinary || $0.flags.contains(.binary) }

    func readPart(_ part: SetMember, _ body: (BackupRecord) throws -> Void) throws {
        var splitter = LineSplitter(maxLineBytes: limits.maxLineBytes)
        sample = []; parser = nil; pending = []
        file = part.name
        record.file = file
        let digests = options.digests
        try set.source.stream(part, concurrent: options.concurrent, digest: digests.map { d in { d.set(part, $0) } }) { chunk in
            try splitter.feed(chunk, { line, term, number in try self.take(line, term, number, body) },
                              tooLong: { number, length in try self.tooLong(number, length, body) })
        }
        try splitter.finish({ line, term, number in try self.take(line, term, number, body) },
                            tooLong: { number, length in try self.tooLong(number, length, body) })
        if parser == nil && !sample.isEmpty { try detect(body) }
        if !pending.isEmpty {
            let first = pending[0]
            pending.removeAll()
            try bad(.incomplete, file: file, line: first.2)
        }
    }

    private func take(_ line: UnsafeRawBufferPointer, _ term: Int, _ number: Int, _ body: (BackupRecord) throws -> Void) throws {
        if parser == nil {
            sample.append((Array(line), number))
            if sample.count >= Self.sampleLines { try detect(body) }
            return
        }
        try handle(line, term, number, body)
    }

    /// A line longer than the structure allows: a defect, its bytes never held. It still
    /// counts as a record (memo values stay aligned), after every line before it.
    private func tooLong(_ number: Int, _ length: Int, _ body: (BackupRecord) throws -> Void) throws {
        if parser == nil { try detect(body) }
        if !pending.isEmpty {
            let first = pending[0]
            pending.removeAll()
            try bad(.incomplete, file: file, line: first.2)
        }
        try bad(.failed(.lineTooLong, field: nil, .line(.tooLong(bytes: length, limit: limits.maxLineBytes))),
                file: file, line: number)
    }

    private func detect(_ body: (BackupRecord) throws -> Void) throws {
        let variant = DataVariantDetector.detect(sample: sample.map(\.0), fields: textFields, codePage: codePage,
                                                 separatorHint: structure.separator, quoteHint: structure.quote)
            ?? .delimited(separator: structure.separator ?? 0x2C, quote: structure.quote ?? 0x22)
        report.variants.append((file, variant))
        parser = LineParser.make(variant, fields: textFields, codePage: codePage, slots: slots)
        if sink != nil, let p = parser {
            rawDecoders?.deallocate()
            let d = p.decoders
            let buf = UnsafeMutableBufferPointer<TextValueDecoder>.allocate(capacity: max(1, d.count))
            _ = buf.initialize(from: d)
            rawDecoders = buf
            rawText = p.text
            rawSplitter?.release()
            rawSplitter = p.splitter()
            if let sink {
                fastLine = FastLine(sink: sink, decoders: UnsafePointer(buf.baseAddress!),
                                    text: Unmanaged.passUnretained(p.text), splitter: rawSplitter!)
            }
        }
        let lines = sample
        sample.removeAll()
        for (bytes, n) in lines { try bytes.withUnsafeBytes { try handle($0, 2, n, body) } }
    }

    private func parseLine(_ line: UnsafeRawBufferPointer) -> LineOutcome {
        parser!.parse(line, into: &record.values)
    }

    private func handle(_ line: UnsafeRawBufferPointer, _ term: Int, _ number: Int, _ body: (BackupRecord) throws -> Void) throws {
        if !pending.isEmpty {
            pending.append((Array(line), term, number))
            var joined: [UInt8] = []
            for (k, p) in pending.enumerated() {
                joined += p.0
                if k < pending.count - 1 { joined += p.1 == 2 ? [0x0D, 0x0A] : [0x0A] }
            }
            let outcome = joined.withUnsafeBytes { parseLine($0) }
            switch outcome {
            case .ok:
                let first = pending[0].2
                pending.removeAll()
                try deliver(first, body)
            case .incomplete where pending.count < Self.maxJoinedLines: return
            default:
                // give up the join: the first line is bad, the others are read again alone
                let rest = Array(pending.dropFirst())
                let first = pending[0]
                pending.removeAll()
                let o = first.0.withUnsafeBytes { parseLine($0) }
                try bad(o, file: file, line: first.2)
                for r in rest { try r.0.withUnsafeBytes { try handle($0, r.1, r.2, body) } }
            }
            return
        }
        if let fast = fastLine, line.count > 0, fast.splitter.split(line, spans) {
            let raw = RawRecord(line: number, base: line.baseAddress!, spans: spans, textIndex: textIndex,
                                decoders: fast.decoders, text: fast.text)
            if try fast.sink.stage(raw) {
                if storedMemos, let memo, let k = try prepareStored(number, memo) {
                    report.records += 1
                    try memo.withStored(row: k, column: memoColumn, fallback: record.values) { m in
                        try fast.sink.commit(raw, memos: m)
                    }
                    return
                }
                if !storedMemos { try prepare(number) }
                report.records += 1
                try fast.sink.commit(raw, memoValues: record.values)
                return
            }
        }
        let outcome = parseLine(line)
        switch outcome {
        case .ok: try deliver(number, body)
        case .incomplete: pending.append((Array(line), term, number))
        case .failed:
            // a NUL in a line that does not parse: binary garbage, said so (a NUL inside
            // a value that parses is legal DBF content and goes through)
            if !mayHoldBinary, line.count > 0, memchr(line.baseAddress!, 0, line.count) != nil {
                try bad(.failed(.notText, field: nil, .line(.binary)),
                        file: file, line: number)
            } else {
                try bad(outcome, file: file, line: number)
            }
        }
    }

    func bad(_ outcome: LineOutcome, file: String, line: Int) throws {
        record.number += 1
        report.badLines += 1
        if case let .failed(kind, field, reason) = outcome {
            try defect(kind, file: file, line: line, field: field, reason)
        } else {
            try defect(.badLine, file: file, line: line, field: nil, .line(.unclosedQuote))
        }
    }

    func deliver(_ line: Int, _ body: (BackupRecord) throws -> Void) throws {
        try prepare(line)
        report.records += 1
        try body(record)
    }

    /// `prepare` in stored mode: counts the record and lists its memo defects; the row of
    /// its memo values for `MemoArchive.withStored`, or nil when the memo archive has no
    /// such record (its memo values are then blanks in `record.values`, as `prepare` leaves).
    private func prepareStored(_ line: Int, _ memo: MemoArchive) throws -> Int? {
        record.number += 1
        record.line = line
        var unreadable: [(String, Cause)] = []
        let row = try memo.locateStored(record.number - 1, unreadable: { unreadable.append(($0, $1)) })
        for (f, why) in unreadable {
            try defect(.badMemoArchive, file: memo.archiveName, line: line, field: f,
                       .memo(.unreadable(reason: why)))
        }
        if row == nil {
            for i in structure.fields.indices where structure.fields[i].isMemo { record.values[i] = Self.blank(structure.fields[i]) }
        }
        return row
    }

    /// Counts the record and fills its memo values (listing memo defects).
    func prepare(_ line: Int) throws {
        record.number += 1
        record.line = line
        if let memo {
            var mismatches: [(String, DBFValue, DBFValue)] = []
            var unreadable: [(String, Cause)] = []
            let found = try memo.fill(record.number - 1, &record.values, mismatch: { mismatches.append(($0, $1, $2)) },
                                      unreadable: { unreadable.append(($0, $1)) })
            for (f, why) in unreadable {
                try defect(.badMemoArchive, file: memo.archiveName, line: line, field: f,
                           .memo(.unreadable(reason: why)))
            }
            if !found { for i in structure.fields.indices where structure.fields[i].isMemo { record.values[i] = Self.blank(structure.fields[i]) } }
            for (f, t, d) in mismatches {
                try defect(.memoValueMismatch, file: record.file, line: line, field: f,
                           .memo(.valueMismatch(text: "\(t)", memo: "\(d)")))
            }
        }
    }
}
