import ResgateLocale
import BackupSet
import Foundation
import XBase

/// Streams one table's backup records through the field mapping into a new DBF in the
/// staging folder (or, on a dry run, only checks them).
struct TableRewriter {
    struct Outcome {
        var accepted: Bool
        var records: Int
        var defects: [Defect]
        var files: [String]
        var seconds: Double
        var skippedLines: Int
        var memoBlanked: Bool
        /// Records written by the fast path (the rest went typed).
        var fastRecords = 0
        /// Memo values the fast path wrote as stored, without a `String` (tests).
        var storedMemos = 0
        /// What `--merge` took from the live table (nil: a plain restore).
        var merge: MergeOutcome? = nil
    }

    let options: RestoreOptions
    let events: (RestoreEvent) -> Void
    let afterEachRecord: (() -> Void)?
    /// See `Restorer.isCancelled`; asked every 256 records.
    var isCancelled: (() -> Bool)? = nil
    /// Tables restored with `--merge`, by name: the live table and how rows are matched.
    var merges: [String: MergeSetup] = [:]
    /// Test switch: every record through the typed path (`DBFValue`s), none through
    /// `FastRecordWriter`, so the two can be compared byte for byte.
    var typedOnly = false
    /// Thrown out of `rewrite` when `isCancelled` says so; `Restorer` then abandons staging.
    struct Cancelled: Error {}
    /// Defects listed per table at most (the count is still exact).
    static let defectLimit = 200

    static func isMemoDefect(_ d: Defect) -> Bool {
        [.memoArchiveMissing, .badMemoArchive, .memoCountMismatch, .memoValueMismatch].contains(d.kind)
    }
    static func isLineDefect(_ d: Defect) -> Bool {
        [.badLine, .wrongFieldCount, .badValue, .valueTooLong, .ambiguousLine, .notText, .lineTooLong].contains(d.kind)
    }

    func rewrite(_ plan: TablePlan, stagingFolder: String?) throws -> Outcome {
        let knownTrouble = plan.source.knownDefects.contains(where: Self.isMemoDefect)
        let first = try rewrite(plan, stagingFolder: stagingFolder, blankMemos: knownTrouble && options.blankMemos)
        // memo trouble found while reading (counts or values that disagree): with
        // --blank-memos, write the table again without the memo archive
        if options.blankMemos && !knownTrouble && first.defects.contains(where: Self.isMemoDefect) {
            var again = try rewrite(plan, stagingFolder: stagingFolder, blankMemos: true)
            again.defects = first.defects.filter(Self.isMemoDefect) + again.defects
            return again
        }
        return first
    }

    func rewrite(_ plan: TablePlan, stagingFolder: String?, blankMemos: Bool) throws -> Outcome {
        let start = Date()
        var defects = plan.source.knownDefects
        var accepted = defects.allSatisfy { d in
            (Self.isMemoDefect(d) && options.blankMemos) || (Self.isLineDefect(d) && options.skipBadLines)
        }
        let fields = plan.targetFields()
        var writer: DBFWriter?
        var files: [String] = []
        // a merge's counts need the rows written, so a dry run writes them in a scratch folder
        let mergeSetup = merges[plan.name]
        let scratch = mergeSetup != nil && stagingFolder == nil ? try MergeSetup.scratchFolder() : nil
        defer { if let scratch { try? FileManager.default.removeItem(atPath: scratch) } }
        if let staging = stagingFolder ?? scratch {
            let path = staging + "/" + plan.fileName
            if let h = plan.templateHeader {
                writer = try DBFWriter(path: path, template: h, codePage: plan.liveCodePage,
                                       memoBlockSize: plan.memoBlockSize)
            } else {
                let structure = TableStructure(version: plan.source.version ?? 0x30,
                                                     codePage: plan.source.codePage ?? .cp1252,
                                                     fields: plan.source.fields.filter { !$0.isSystem })
                writer = try DBFWriter(path: path, structure: structure)
            }
            files.append(plan.fileName)
            if let mp = writer?.memoPath { files.append((mp as NSString).lastPathComponent) }
        }
        let mapping = plan.mapping
        var row = [DBFValue](repeating: .null, count: fields.count)
        let blanks = fields.map { Self.blankValue(for: $0) }
        var written = 0
        var skipped = 0
        var extraDefects = 0
        var lastReport = Date()
        func note(_ d: Defect) {
            if defects.count < Self.defectLimit { defects.append(d) } else { extraDefects += 1 }
            let acceptable = Self.isMemoDefect(d) ? options.blankMemos : options.skipBadLines
            if !acceptable { accepted = false }
        }
        func appendFailed(_ line: Int, _ error: Error) throws {
            // the disk (full, `ulimit -f`, I/O error) is not the record's fault: the whole
            // restore stops and its staging is dropped, never a table with records missing
            if let e = error as? XBaseError, case .io = e { throw e }
            if let e = error as? XBaseError, case .cannotOpen = e { throw e }
            note(Defect(.badValue, table: plan.name, line: line, field: nil,
                        .restore(.cannotWrite(reason: Cause(error)))))
            skipped += 1
        }
        func recordDone() throws {
            written += 1
            afterEachRecord?()
            if written & 255 == 0, isCancelled?() == true { throw Cancelled() }
            // a report every 65,536 records, and every 4,096 once a quarter second has
            // passed (a wide table with memos reads slowly: its bar must still move)
            if written & 4095 == 0 {
                let now = Date()
                if written & 65535 == 0 || now.timeIntervalSince(lastReport) > 0.25 {
                    lastReport = now
                    events(.tableProgress(table: plan.name, records: written, expected: plan.source.expectedRecords,
                                          secondsElapsed: now.timeIntervalSince(start)))
                }
            }
        }
        // When the live layout is the backup's (same fields, same order, no conversion) and
        // memos are kept, the parsed values go to the writer as they are: copying each one
        // into `row` cost a retain and a release per field per record.
        let identity = !blankMemos && mapping.sources.count == mapping.backupFields.count
            && mapping.sources.indices.allSatisfy { i in
                if case .backup(i, nil) = mapping.sources[i] { return fields[i].type == mapping.backupFields[i].type }
                return false
            }
        let notNullable = fields.indices.filter { !fields[$0].isNullable }
        // The typed path: every line the fast path declines, and every line when there is none.
        func typedRecord(_ line: Int, _ values: [DBFValue]) throws {
            var bad = false
            var direct = identity && values.count == fields.count
            if direct {
                for i in notNullable { if case .null = values[i] { direct = false; break } }
            }
            if !direct {
                for (i, src) in mapping.sources.enumerated() {
                    switch src {
                    case .blank:
                        row[i] = blanks[i]
                    case .backup(let bi, let conv):
                        let v = bi < values.count ? values[bi] : blanks[i]
                        let f = fields[i]
                        switch Self.liveValue(v, liveIsMemo: f.isMemo, liveIsNullable: f.isNullable,
                                              convertTo: Self.converts(f, from: mapping.backupFields[bi], conv) ? f : nil,
                                              blank: blanks[i], blankMemos: blankMemos) {
                        case .success(let c): row[i] = c
                        case .failure(.doesNotFit(let why)):
                            note(Defect(.badValue, table: plan.name, line: line, field: fields[i].name,
                                        .restore(.doesNotFitLiveField(reason: why))))
                            bad = true
                        }
                    }
                }
            }
            if bad { skipped += 1; return }
            if let w = writer, accepted || options.skipBadLines {
                do { try w.append(direct ? values : row) } catch { return try appendFailed(line, error) }
            }
            try recordDone()
        }
        var liveMerge: LiveMerge?
        if let setup = mergeSetup, let w = writer, let staging = stagingFolder ?? scratch {
            do { liveMerge = try setup.start(table: plan.name, staging: staging) } catch let error as MergeFailure {
                return Outcome(accepted: false, records: 0, defects: [MergeWords.defect(error, table: plan.name)],
                               files: files, seconds: Date().timeIntervalSince(start), skippedLines: 0,
                               memoBlanked: blankMemos)
            }
            w.gate = liveMerge
        }
        var fast: FastRecordWriter?
        // (the writer's visible fields are the target fields; if they ever were not, the
        // typed path reports it on every record rather than the fast path indexing past them)
        if let w = writer, !typedOnly, w.fields.count == fields.count {
            fast = FastRecordWriter(writer: w, mapping: mapping, live: fields, blanks: blanks, blankMemos: blankMemos,
                                    hooks: .init(shouldWrite: { accepted || options.skipBadLines }, typed: typedRecord,
                                                 appendFailed: appendFailed, written: recordDone))
        }
        try plan.source.forEachRecord(memos: !blankMemos, fast: fast, typedRecord, defect: { d in
            note(d)
            if d.line != nil { skipped += 1 }
        })
        if extraDefects > 0 {
            defects.append(Defect(.badLine, table: plan.name, .restore(.moreDefects(extraDefects))))
        }
        if let w = writer, let liveMerge {
            w.gate = nil
            if accepted || options.skipBadLines { try liveMerge.appendLiveOnly(to: w) }
            written += liveMerge.outcome.added
        }
        if let w = writer { try w.finishAndSync() }
        if let staging = stagingFolder ?? scratch, let index = plan.liveIndexPath, accepted {
            do {
                files.append(try Self.rebuildIndex(template: index, table: staging + "/" + plan.fileName, staging: staging))
            } catch {
                // no room on the disk is not the index's fault: the restore stops (Restorer)
                if OutOfSpace.find(in: error) != nil { throw error }
                accepted = false
                defects.append(Defect(.badStructure, table: plan.name, file: (index as NSString).lastPathComponent,
                                      .restore(.indexNotRebuilt(reason: Cause(error)))))
            }
        }
        let seconds = Date().timeIntervalSince(start)
        events(.tableDone(table: plan.name, records: written, seconds: seconds))
        return Outcome(accepted: accepted, records: written, defects: defects, files: files,
                       seconds: seconds, skippedLines: options.skipBadLines ? skipped : 0,
                       memoBlanked: blankMemos, fastRecords: fast?.committed ?? 0, storedMemos: fast?.storedMemoWrites ?? 0,
                       merge: liveMerge?.outcome)
    }

    /// Writes a structural CDX for the new table with the live index's tags, proves it
    /// against the records, and returns its file name (in the staging folder).
    static func rebuildIndex(template: String, table: String, staging: String) throws -> String {
        let name = (template as NSString).lastPathComponent
        let dbf = try DBFTable.open(path: table)
        let cdx = try CDXFile.open(path: template)
        let out = staging + "/" + name
        // one pass over the new table; the written file is read back and proven by order,
        // count and digest. The live index describes the old records: not compared.
        let problems = try IndexRebuild.rebuild(table: dbf, template: cdx, to: out, checkOld: false).after
        guard problems.isEmpty else {
            throw CDXRebuildFailure(description: problems.map { "\($0)" }.joined(separator: "; "))
        }
        return name
    }

    struct CDXRebuildFailure: Error, CustomStringConvertible { let description: String }

    /// The value a live field gets from the backup's value `v`: blank for a memo under
    /// `--blank-memos`, converted to `convertTo` (the live field, when its shape differs
    /// from the backup's), blank for NULL in a field that cannot hold it; `.failure` when
    /// the value would change. Flags rather than descriptors: this runs per field.
    static func liveValue(_ v: DBFValue, liveIsMemo: Bool, liveIsNullable: Bool, convertTo: FieldDescriptor?,
                          blank: DBFValue, blankMemos: Bool) -> Result<DBFValue, ValueConversion.Failure> {
        var v = v
        if blankMemos && liveIsMemo { v = blank }
        if let f = convertTo {
            switch ValueConversion.convert(v, to: f) {
            case .success(let c): v = c
            case .failure(let e): return .failure(e)
            }
        }
        if case .null = v, !liveIsNullable { v = blank }
        return .success(v)
    }

    /// Whether live field `f` needs `ValueConversion` from backup field `b`.
    static func converts(_ f: FieldDescriptor, from b: FieldDescriptor, _ conversion: FieldMapping.Conversion?) -> Bool {
        conversion != nil || f.type != b.type
    }

    /// The value a field gets when the backup has none: NULL when nullable, else blank.
    static func blankValue(for f: FieldDescriptor) -> DBFValue {
        if f.isNullable { return .null }
        switch f.type {
        case .character, .varchar, .memo: return .string("")
        case .numeric, .float: return .number(nil)
        case .integer, .autoIncrement: return .integer(0)
        case .double, .doubleDBase7: return .double(0)
        case .currency: return .currency(DecimalNumber(0))
        case .date: return .date(nil)
        case .dateTime, .timestamp: return .dateTime(nil)
        case .logical: return .logical(nil)
        default: return .bytes([])
        }
    }
}
