import ResgateLocale

/// The health check of one table: header against file size, header consistency, memo
/// file, every record's raw bytes, and the end of the file.
///
/// It never throws and never trusts a number it has not bounded: a file it cannot parse
/// yields an `unreadable` finding; records are read in 1 MB chunks through
/// `DBFTable.forEachRecord`; the number of listed findings per kind is capped.
public enum TableHealth {
    /// Checks the table at `path`. `findingsPerKind` caps the listed findings of each
    /// kind (all are counted); `codePage` is irrelevant to the checks and only passed on.
    public static func check(path: String, findingsPerKind: Int = 50) -> HealthReport {
        var log = FindingLog(limit: max(1, findingsPerKind))
        var report = HealthReport(path: path, version: nil, headerRecordCount: 0, recordsInFile: 0,
                                  recordsChecked: 0, deletedRecords: 0, memoPath: nil, findings: [],
                                  counts: [:], omittedFindings: 0, omittedErrors: 0)
        let table: DBFTable
        do {
            table = try DBFTable.open(path: path)
        } catch {
            let short: Bool
            if case .badHeader = error { short = true } else if case .notADBF = error { short = true } else { short = false }
            log.add(short ? .headerTooShort : .unreadable, .error, .unreadableTable(error))
            return finish(&report, log)
        }
        let h = table.header
        report.version = h.version
        report.headerRecordCount = h.recordCount
        let room = max(0, table.fileSize - h.headerLength) / h.recordLength
        report.recordsInFile = room
        report.recordsChecked = table.recordCount

        checkHeader(h, fileSize: table.fileSize, room: room, log: &log)
        if table.codePageWasGuessed && h.dialect != .dBaseII {
            log.add(.unknownCodePage, .warning, .unknownCodePage(mark: h.codePageMark, readAs: table.codePage.name))
        }
        let probe = checkMemoFile(table, report: &report, log: &log)
        let validator = RecordValidator(header: h, memo: probe)

        var deleted = 0
        var eofAt: Int? = nil
        do {
            try table.forEachRecord { rec in
                guard eofAt == nil else { return }
                let flag = rec.deleteFlag
                if flag == 0x2A { deleted += 1 }
                else if flag == 0x1A { eofAt = rec.number; return }
                else if flag != 0x20 {
                    log.add(.badDeleteFlag, .warning, .badDeleteFlag(flag), record: rec.number)
                }
                validator.check(rec.bytes, number: rec.number, log: &log)
            }
        } catch {
            log.add(.unreadable, .error, .unreadableRecords(error as? XBaseError ?? .io(file: path, reason: .other("\(error)"))))
        }
        report.deletedRecords = deleted
        if let n = eofAt {
            log.add(.eofInsideRecords, .error, .eofInsideRecords(record: n, last: table.recordCount), record: n)
        }
        checkEnd(table, room: room, log: &log)
        return finish(&report, log)
    }

    static func finish(_ report: inout HealthReport, _ log: FindingLog) -> HealthReport {
        report.findings = log.findings
        report.counts = Dictionary(uniqueKeysWithValues: log.counts.map { ($0.key.rawValue, $0.value) })
        report.omittedFindings = log.omitted
        report.omittedErrors = log.omittedErrors
        return report
    }

    static func checkHeader(_ h: TableHeader, fileSize: Int, room: Int, log: inout FindingLog) {
        if room < h.recordCount {
            let partial = (fileSize - h.headerLength) % h.recordLength
            log.add(.countTooHigh, .error, .countTooHigh(header: h.recordCount, room: room, strayBytes: partial),
                    record: room + 1)
        }
        let sum = h.fields.reduce(1) { $0 + $1.length }
        if sum != h.recordLength {
            log.add(.recordLengthMismatch, sum > h.recordLength ? .error : .warning,
                    .recordLengthMismatch(header: h.recordLength, fields: sum))
        }
        for note in h.notes {
            if case .recordLengthDiffers = note { continue }   // computed above
            switch note.kind {
            case .dbcBacklinkMissing: log.add(.headerNote, .warning, .headerNote(note))
            case .terminator: log.add(.badTerminator, .warning, .headerNote(note))
            case .recordLength: log.add(.recordLengthMismatch, .warning, .headerNote(note))
            case .brokenDescriptor: log.add(.brokenDescriptor, .error, .headerNote(note))
            case .other: log.add(.headerNote, .warning, .headerNote(note))
            }
        }
        for f in h.fields {
            if case .other(let b) = f.type, h.dialect == .dBase7 || (f.type != .harbourModTime && f.type != .harbourRowVersion) {
                log.add(.unknownFieldType, .warning, .unknownFieldType(b), field: f.name)
            }
        }
    }

    static func checkMemoFile(_ table: DBFTable, report: inout HealthReport, log: inout FindingLog) -> MemoProbe? {
        let h = table.header
        guard h.hasMemoFields else { return nil }
        guard let memo = table.memo else {
            log.add(.missingMemoFile, .error, .memoFileUnusable(table.memoProblem))
            return nil
        }
        report.memoPath = memo.path
        if memo.size < 512 {
            log.add(.shortMemoFile, .error, .shortMemoFile(path: memo.path, bytes: memo.size))
        } else if memo.kind != .dbt3 && memo.nextFreeBlock > 0 && memo.nextFreeBlock * memo.blockSize > memo.size + memo.blockSize {
            log.add(.memoNextFreePastEnd, .warning, .memoNextFreePastEnd(block: memo.nextFreeBlock, bytes: memo.size))
        }
        return MemoProbe(memo: memo)
    }

    /// What follows the last counted record: the 0x1A end-of-file byte, more records
    /// (count too low), or junk.
    static func checkEnd(_ table: DBFTable, room: Int, log: inout FindingLog) {
        let h = table.header
        let end = h.headerLength + h.recordCount * h.recordLength
        guard room >= h.recordCount else { return }   // already reported as count too high
        let extra = table.fileSize - end
        if extra == 0 {
            log.add(.missingEOF, .warning, .noEOFByte)
            return
        }
        guard let first = (try? table.rawBytes(at: end, count: 1))?.first else { return }
        if first == 0x1A {
            if extra > 1 {
                log.add(.trailingBytes, .warning, .bytesAfterEOF(extra - 1))
            }
        } else if room > h.recordCount {
            log.add(.countTooLow, .error, .countTooLow(header: h.recordCount, room: room), record: h.recordCount + 1)
        } else {
            log.add(.missingEOF, .warning, .byteAfterLastRecord(first))
            if extra > 1 {
                log.add(.trailingBytes, .warning, .bytesAfterLastRecord(extra))
            }
        }
    }
}

