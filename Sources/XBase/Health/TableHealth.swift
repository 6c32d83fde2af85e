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
            log.add(short ? .headerTooShort : .unreadable, .error, error.description,
                    "não foi possível ler a tabela: " + error.description)
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
            let mark = "0x" + hex(h.codePageMark)
            log.add(.unknownCodePage, .warning, "code page mark \(mark) names no known code page: text is read as \(table.codePage.name)",
                    "a marca de página de código \(mark) não indica uma página conhecida: o texto é lido como \(table.codePage.name)")
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
                    log.add(.badDeleteFlag, .warning,
                            "delete flag byte 0x\(hex(flag)) is neither 0x20 nor 0x2A (read as not deleted)",
                            "byte de exclusão 0x\(hex(flag)) não é 0x20 nem 0x2A (lido como não excluído)",
                            record: rec.number)
                }
                validator.check(rec.bytes, number: rec.number, log: &log)
            }
        } catch {
            log.add(.unreadable, .error, "reading records: \(error)", "lendo registros: \(error)")
        }
        report.deletedRecords = deleted
        if let n = eofAt {
            log.add(.eofInsideRecords, .error,
                    "end-of-file byte 0x1A where record \(n) should start: records \(n)…\(table.recordCount) are missing",
                    "byte de fim de arquivo 0x1A onde deveria começar o registro \(n): faltam os registros \(n)…\(table.recordCount)",
                    record: n)
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
            log.add(.countTooHigh, .error,
                    "header says \(h.recordCount) records but the file holds \(room)" + (partial > 0 ? " and \(partial) stray bytes" : ""),
                    "o cabeçalho diz \(h.recordCount) registros mas o arquivo tem \(room)" + (partial > 0 ? " e \(partial) bytes avulsos" : ""),
                    record: room + 1)
        }
        let sum = h.fields.reduce(1) { $0 + $1.length }
        if sum != h.recordLength {
            log.add(.recordLengthMismatch, sum > h.recordLength ? .error : .warning,
                    "record length \(h.recordLength) differs from the fields' total \(sum)",
                    "tamanho do registro \(h.recordLength) difere da soma dos campos \(sum)")
        }
        for note in h.notes {
            if note.contains("differs from the fields' total") { continue }   // computed above
            if note == DescriptorCheck.noBacklinkNote {
                log.add(.headerNote, .warning, note, "cabeçalho Visual FoxPro sem o vínculo de 263 bytes com o DBC (lida como tabela livre)")
            } else if note.contains("terminator") {
                log.add(.badTerminator, .warning, note, "terminador dos descritores de campo: " + HeaderNoteWords.portuguese(note))
            } else if note.contains("apart") {
                log.add(.recordLengthMismatch, .warning, note, "tamanho do registro no cabeçalho está errado: " + HeaderNoteWords.portuguese(note))
            } else if note.contains("past the record length") || note.contains("descriptor") || note.contains("backlink") {
                log.add(.brokenDescriptor, .error, note, "descritor de campo com defeito: " + HeaderNoteWords.portuguese(note))
            } else {
                log.add(.headerNote, .warning, note, "cabeçalho: " + HeaderNoteWords.portuguese(note))
            }
        }
        for f in h.fields {
            if case .other(let b) = f.type, h.dialect == .dBase7 || (f.type != .harbourModTime && f.type != .harbourRowVersion) {
                log.add(.unknownFieldType, .warning, "unknown field type 0x\(hex(b)): its values are not checked",
                        "tipo de campo desconhecido 0x\(hex(b)): valores não verificados", field: f.name)
            }
        }
    }

    static func checkMemoFile(_ table: DBFTable, report: inout HealthReport, log: inout FindingLog) -> MemoProbe? {
        let h = table.header
        guard h.hasMemoFields else { return nil }
        guard let memo = table.memo else {
            let reason = table.memoProblem?.description ?? "memo file missing"
            log.add(.missingMemoFile, .error, reason, "arquivo de memo ausente ou ilegível: " + reason)
            return nil
        }
        report.memoPath = memo.path
        if memo.size < 512 {
            log.add(.shortMemoFile, .error, "memo file \(memo.path) is \(memo.size) bytes, shorter than its 512-byte header",
                    "arquivo de memo \(memo.path) tem \(memo.size) bytes, menos que seu cabeçalho de 512")
        } else if memo.kind != .dbt3 && memo.nextFreeBlock > 0 && memo.nextFreeBlock * memo.blockSize > memo.size + memo.blockSize {
            log.add(.memoNextFreePastEnd, .warning,
                    "memo header's next free block \(memo.nextFreeBlock) lies past the end of the file (\(memo.size) bytes)",
                    "o próximo bloco livre \(memo.nextFreeBlock) do cabeçalho do memo fica além do fim do arquivo (\(memo.size) bytes)")
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
            log.add(.missingEOF, .warning, "no end-of-file byte 0x1A after the last record",
                    "sem o byte de fim de arquivo 0x1A depois do último registro")
            return
        }
        guard let first = (try? table.rawBytes(at: end, count: 1))?.first else { return }
        if first == 0x1A {
            if extra > 1 {
                log.add(.trailingBytes, .warning, "\(extra - 1) bytes after the end-of-file byte 0x1A",
                        "\(extra - 1) bytes depois do byte de fim de arquivo 0x1A")
            }
        } else if room > h.recordCount {
            log.add(.countTooLow, .error,
                    "header says \(h.recordCount) records but the file holds \(room): records after \(h.recordCount) are invisible to FoxPro",
                    "o cabeçalho diz \(h.recordCount) registros mas o arquivo tem \(room): os registros depois do \(h.recordCount) ficam invisíveis ao FoxPro",
                    record: h.recordCount + 1)
        } else {
            log.add(.missingEOF, .warning, "byte after the last record is 0x\(hex(first)), not the end-of-file 0x1A",
                    "o byte depois do último registro é 0x\(hex(first)), não o fim de arquivo 0x1A")
            if extra > 1 {
                log.add(.trailingBytes, .warning, "\(extra) bytes after the last record (a partial record or junk)",
                        "\(extra) bytes depois do último registro (registro parcial ou lixo)")
            }
        }
    }
}

func hex(_ b: UInt8) -> String { (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true) }
