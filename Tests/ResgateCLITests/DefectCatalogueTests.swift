import Foundation
import ResgateLocale
import ResgateTestSupport
import Testing

/// Every fact a backup-set defect can carry (`DefectReason` and its fault enums), every
/// DBF health finding (`HealthFact`), every DBF error (`XBaseFailure`) and every cloud
/// failure (`CloudPhrase`) is told in both languages, and the Portuguese sentence holds no
/// English word (`EnglishLeaks`). The samples must reach every case declared in those
/// files of the catalogue: a new case without a sample fails `everyCaseHasASample`.
@Suite struct DefectCatalogueTests {
    static let samples: [DefectReason] = {
        var z: [ZipFault] = [
            .cannotOpen(reason: "motivo"), .memberOverlapsDirectory(member: "VENDAS.TXT"),
            .membersShareBytes("VENDAS.TXT", "ITENS.TXT"), .duplicateMember("VENDAS.TXT"), .encrypted,
            .unsupportedMethod(12), .declaredBomb(uncompressed: 9_000_000, compressed: 10), .inflatesPastSize(100),
            .zlibDidNotStart, .deflateDamaged(zlib: -3), .sizeMismatch(got: 10, declared: 12), .checksumMismatch, .truncated,
        ]
        z += UnsafeMemberName.allCases.map { .unsafeName(member: "../VENDAS.TXT", $0) }
        z += [ZipDamage.described("motivo"), .tooShort(bytes: 3), .noEndRecord, .badZip64EndRecord,
              .directoryOutside(offset: 10, size: 20, fileSize: 15), .tooManyMembers(count: 70_000, max: 65_535),
              .directoryEntryDamaged(2), .directoryEntryCut(3), .memberOutside("VENDAS.TXT"),
              .moreRefused(omitted: 5, listed: 1_000), .localHeaderUnreadable("VENDAS.TXT"),
              .localHeaderDamaged("VENDAS.TXT"), .dataPastEnd("VENDAS.TXT"), .localHeaderNamesAnother("VENDAS.TXT")]
            .map { .damaged($0) }
        let s: [SetFault] = [
            .doesNotExist, .cannotListFolder, .cannotReadFolder, .cannotOpen, .fileInSubfolder, .largerThan(4_194_304),
            .twoStructureFiles(used: "VENDAS_Estr.TXT"), .dataWithoutStructure, .memoArchiveWithoutTable,
            .plainAndNumberedParts("VENDAS.TXT"), .partsMissing(["VENDAS_2.TXT", "VENDAS_3.TXT"]), .partRepeated(2),
            .badTableName(member: "V-1_Estr.TXT", stem: "V-1", .badCharacter(0x2D)),
            .badTableName(member: "V\u{1B}_Estr.TXT", stem: "V\u{1B}", .badCharacter(0x1B)),
            .badTableName(member: "_Estr.TXT", stem: "", .empty),
            .badTableName(member: "X_Estr.TXT", stem: "X", .tooLong(200)),
            .badTableName(member: "X_Estr.TXT", stem: "X", nil),
            .cannotWriteTemporaryFile("/tmp/x"), .cannotCopy(reason: "motivo"), .cannotCreateTemporaryFolder,
            .noSuchTable, .memoArchiveWithoutMemoFields, .memoArchiveMissing(table: "VENDAS"),
            .textTooLarge(bytes: 10_000, records: 2, limit: 600), .noReadableStructure,
        ]
        let st: [StructureFault] = [
            .notText(offset: 7), .badRecordCount("x"), .noWidth, .badDecimals(40), .unknownType("xyz"), .noFieldLine,
            .lacksColumns, .recordWithoutFieldName, .badFieldType, .badFieldLen, .badFieldDec, .badWidth(0), .noRecords,
            .unreadableTable(reason: "motivo"), .badCommentValue("codepage=x"), .incompleteLine, .unknownFieldType("Z"),
            .badWidthText("x"), .badDecimalsText("x"), .noFields,
            .tooLarge(fields: 300, bytes: 70_000, maxFields: 255, maxBytes: 65_500), .recordCountMismatch(said: 3, found: 2),
        ]
        let l: [LineFault] = [
            .widthExceeded(bytes: 12, width: 10), .shouldBeEmpty, .ambiguous, .fieldCount(found: 3, expected: 4),
            .cannotSplit, .tooLong(bytes: 9_000, limit: 8_000), .binary, .unclosedQuote,
        ]
        var v: [ValueFault] = [.tooLong(bytes: 12, width: 10), .typeNotInText("M"), .doesNotFit(shown: "123456", length: 5, decimals: 2)]
        v += ExpectedValue.allCases.map { .notA(shown: "x1", $0) }
        let m: [MemoFault] = [
            .lacksField, .countMismatch(memo: 3, text: 4), .unreadable(reason: "motivo"), .valueMismatch(text: "a", memo: "b"),
            .cannotWriteTemporaryFile, .cannotRead(reason: "motivo"), .dbfCount(2), .dbfUnreadable(reason: "motivo"),
        ]
        let mf: [ManifestFault] = [
            .unreadable(reason: "motivo"), .unknownFormat("x"), .fileMissing, .sizeMismatch(actual: 10, listed: 12),
            .hashMismatch, .recordCountMismatch(listed: 3, found: 2),
        ]
        let b: [BackupFault] = [.tableNotFound(folder: "/dados"), .unreadableTableLeftOut(reason: "motivo"),
                                .tableLeftOut(reason: "motivo"), .noFreeQuote]
        let r: [RestoreFault] = [
            .health(.badDate(shown: "'20261399'"), wholeTable: false), .health(.noEOFByte, wholeTable: true),
            .unreadableValue(reason: "motivo"), .structureMissing, .tableUnreadable(reason: "motivo"),
            .cannotWrite(reason: "motivo"), .doesNotFitLiveField(reason: .charactersDoNotFit(count: 12, room: 10)),
            .doesNotFitLiveField(reason: .notANumber(.blank)), .doesNotFitLiveField(reason: .notADate(.text)), .moreDefects(12),
            .indexNotRebuilt(reason: "motivo"), .structureNotWritable("N 20,19"),
        ]
        let causes: [DefectReason] = [
            .error(.foreign("motivo")), .error(.xbase(.missingMemoFile(file: "VENDAS.DBF", expected: "VENDAS.FPT"))),
            .error(.defect(DefectPlace(file: "VENDAS.TXT", line: 3, field: "NOME"), .memo(.lacksField))),
            .error(.restore(.mergeUnknownKeyField(table: "VENDAS", field: "CODIGO"))),
            .restore(.refused(.mergeUnknownKeyField(table: "VENDAS", field: "CODIGO"))),
        ]
        let byKind: [DefectReason] = z.map { .zip($0) } + s.map { .set($0) } + st.map { .structure($0) } + l.map { .line($0) }
        let byPart: [DefectReason] = v.map { .value($0) } + m.map { .memo($0) } + mf.map { .manifest($0) } + b.map { .backup($0) }
        return byKind + byPart + r.map { .restore($0) } + causes
    }()

    static let cloudSamples: [CloudPhrase] = [
        .rcloneMissing, .remoteNotConfigured(remote: "mega"), .authFailed(remote: "mega", detail: "401"),
        .network(remote: "mega", detail: "timeout"), .notFound(path: "mega:backups/x.zip"),
        .sizeMismatch(path: "x.zip", expected: 10, actual: 9), .hashMismatch(path: "x.zip", kind: "MD5"),
        .local(path: "/tmp/cache", .foreign("sem espaço")), .local(path: "/tmp/cache", .cannotWrite(reason: "sem espaço")),
        .local(path: "/tmp/cache", .cannotWrite(reason: nil)), .local(path: "/tmp/cache", .cannotRead),
        .local(path: "/tmp/cache", .cannotCreateFolder(reason: "sem espaço")), .local(path: "/tmp/cache", .cannotCreateTemporaryFile),
        .local(path: "/tmp/cache", .cannotOpenLockFile), .local(path: "/tmp/cache", .cannotLock),
        .local(path: "/tmp/cache", .cannotRename(reason: "sem espaço")), .local(path: "/tmp/cache", .doesNotExist), .rcloneFailed(arguments: "lsjson mega:", detail: "401"),
    ] + RemotePathProblem.allCases.map { .invalidRemote(argument: "mega:a\u{1B}b", $0) }

    @Test func everyCloudFailureIsToldInBothLanguages() {
        for c in Self.cloudSamples {
            let pt = c.text(in: .pt), en = c.text(in: .en)
            #expect(!pt.isEmpty && !en.isEmpty && pt != en || c == .local(path: "/tmp/cache", .foreign("sem espaço")), "\(c)")
            #expect(!pt.contains("\u{1B}") && !en.contains("\u{1B}"), "\(c)")
            // `rclone config` and `apt-get install rclone` are commands, not English
            let prose = pt.replacingOccurrences(of: #"`[^`]*`"#, with: "", options: .regularExpression)
            EnglishLeaks.expectNone(in: prose, command: ["cloud", "\(c)"])
        }
    }

    /// Values as the engine makes them.
    static let healthSamples: [HealthFact] = {
        let table = XBaseFailure.badHeader(file: "VENDAS.DBF", reason: .recordLengthZero)
        var h: [HealthFact] = [
            .unreadableTable(table), .unknownCodePage(mark: 0x7A, readAs: "cp1252"), .badDeleteFlag(0x00),
            .unreadableRecords(.io(file: "VENDAS.DBF", reason: .system(errno: 5))), .eofInsideRecords(record: 5, last: 9),
            .countTooHigh(header: 9, room: 5, strayBytes: 3), .countTooHigh(header: 9, room: 5, strayBytes: 0),
            .countTooLow(header: 5, room: 9), .recordLengthMismatch(header: 20, fields: 24), .unknownFieldType(0x5A),
        ]
        h += [.memoFileUnusable(.missingMemoFile(file: "VENDAS.DBF", expected: "VENDAS.FPT")), .memoFileUnusable(nil),
              .shortMemoFile(path: "/dados/VENDAS.FPT", bytes: 100), .memoNextFreePastEnd(block: 90, bytes: 1_024), .noEOFByte,
              .bytesAfterEOF(3), .byteAfterLastRecord(0x00), .bytesAfterLastRecord(7), .numberOverflow(shown: "'*****'")]
        h += [.notANumber(shown: "'1x'"), .badDate(shown: "'20261399'"), .badLogical(shown: "'X'"), .badDateTime(shown: "'..'"),
              .ambiguousTimestamp(.badTimestamp(hex: "00 01", dBase7: "02/01/2026 03:04:05")),
              .badVarLength(lengthByte: 12, width: 10), .badMemoPointer(shown: "'ab'")]
        let blocks: [MemoBlockFault] = [.outside(memoBytes: 512), .headerCut, .badType(9), .lengthPastEnd(9_999), .badSignature,
                                        .lengthDoesNotFit(3)]
        h += blocks.map { .memoBlock(block: 7, $0) }
        h.append(.described(Words(pt: "frase", en: "sentence")))
        let notes: [HeaderNote] = [
            .terminator(0x0A), .lastDescriptorCut, .noTerminator, .noFields, .recordLengthDiffers(header: 20, fields: 24),
            .recordsApart(fields: 24, header: 20), .fieldCut(name: "TOTAL", end: 30, recordLength: 24, cutTo: 4),
            .fieldOverlaps(name: "TOTAL", offset: 10, inside: "NOME", from: 1, to: 20), .noBacklink, .backlinkDoesNotFit,
            .countAboveFile(header: 9, holds: 5), .countBelowRoom(header: 5, room: 9), .memoFileMissing(expected: "VENDAS.FPT"),
            .memoFileUnusable(.badMemo(file: "VENDAS.FPT", record: nil, field: nil, block: 0, reason: .fileHeaderShort(bytes: 7))),
        ]
        return h + notes.map { .headerNote($0) }
    }()

    @Test func everyHealthFindingIsToldInBothLanguages() {
        for h in Self.healthSamples {
            let pt = h.text(in: .pt), en = h.text(in: .en)
            #expect(!pt.isEmpty && !en.isEmpty && pt != en, "\(h)")
            EnglishLeaks.expectNone(in: pt, command: ["scan", "\(h)"])
        }
        let kinds = Set(Self.healthSamples.compactMap { h -> HeaderNoteKind? in
            if case .headerNote(let n) = h { return n.kind } else { return nil }
        })
        #expect(kinds == Set(HeaderNoteKind.allCases))
        // the header parser's notes are told in Portuguese
        #expect(HealthFact.headerNote(.countAboveFile(header: 9, holds: 5)).text(in: .pt)
                == "cabeçalho: o cabeçalho diz 9 registros mas o arquivo só tem 5")
        #expect(HealthFact.headerNote(.countAboveFile(header: 9, holds: 5)).text(in: .en)
                == "header says 9 records but the file holds only 5")
    }

    /// Every DBF error with every reason of each concern (`XBaseFailure.swift`).
    static let xbaseSamples: [XBaseFailure] = {
        let f = "VENDAS.DBF"
        let io: [IOReason] = [.system(errno: 2), .system(errno: 13), .system(errno: 28), .system(errno: 9_999), .flush(errno: 5),
                              .close(errno: 5), .isFolder, .appendAfterFinish, .shortRead, .alreadyExists, .other("EOF")]
        let header: [HeaderReason] = [
            .shorterThanHeader(fileSize: 10), .shorterThanHeaderLength(fileSize: 100, headerLength: 200), .headerLengthTooSmall(20),
            .recordLengthZero, .truncated, .noDescriptorBeforeTerminator(records: 3, recordLength: 20), .dBase2TooShort,
            .noFieldDescriptors, .templateFieldOutside(field: "TOTAL"), .needsAField, .versionHasNoMemo(version: 0x03),
            .recordTooLong(70_000),
        ]
        let rules: [FieldRule] = [
            .nameForm, .characterLength(300), .numericWidth(width: 3, decimals: 5), .dateWidth, .logicalWidth, .integerIsVFP,
            .eightByteVFP(type: "B"), .varLengthVFP, .blobIsVFP, .cannotWrite(type: "P"), .flagsOnlyVFP, .autoIncrementOnlyInteger,
        ]
        let descriptors: [DescriptorReason] = [
            .empty, .startsPastRecord(name: "TOTAL", offset: 30, recordLength: 20), .emptyName(typeByte: 0x43),
            .controlByteInName(0x01), .typeByteNotALetter(0x02), .duplicateName("TOTAL"),
        ] + rules.map { .rule(field: "TOTAL", $0) }
        let memo: [MemoReason] = [.block(.outside(memoBytes: 512)), .block(.headerCut), .block(.badType(9)),
                                  .block(.lengthPastEnd(9_999)), .block(.badSignature), .block(.lengthDoesNotFit(3)),
                                  .fileHeaderShort(bytes: 100), .noReadableMemoFile]
        let values: [ValueReason] = ValueKind.allCases.map { .badWidth($0, width: 3) } + [
            .badTimestamp(hex: "00 01", dBase7: nil), .badTimestamp(hex: "00 01", dBase7: "02/01/2026 03:04:05"),
            .unknownType(0x5A), .outsideRecord(offset: 30, width: 4), .notANumber(shown: "'1x'"),
            .memoPointerNotANumber(shown: "'ab'"), .integerDecimals(20), .notADateForm(shown: "'2026'"),
            .invalidDate(shown: "'20261399'"), .notALogical(shown: "'X'"), .invalidDateTime(shown: "'..'"),
            .invalidTimestamp(shown: "'..'"), .noSuchRecord, .memoBlockUnreadable(block: 9),
        ]
        let encode: [EncodeReason] = ValueClass.allCases.map { .wrongKind(value: $0, fieldType: "N") } + [
            .notNullable, .bytesDoNotFit(bytes: 12, room: 10), .notACalendarDate(year: 2026, month: 2, day: 30),
            .outsideInt32("9999999999"), .invalidDateTime("30/02/2026 10:00"), .textBytesDoNotFit(bytes: 12, room: 10),
            .noByteInCodePage(character: "€", scalar: 0x20AC, codePage: "cp437"), .textCharactersDoNotFit(count: 12, room: 10),
            .noNullFlagsBit, .notPlainDecimal("1e400"), .tooManyDecimals("1.234", decimals: 2), .tooLarge("123456"),
            .tooWide("123456", characters: 6, room: 5), .currencyDecimals("1.23456"), .currencyRange("9e18"),
            .textInBinaryField(fieldType: "G"), .noMemoFile, .valueCount(values: 3, fields: 4),
            .rawLength(bytes: 20, recordLength: 21), .memoPointerWithoutSource(7),
        ]
        let unsupported: [UnsupportedReason] = [.writingVersion(0x02), .memoBlockSize(100_000), .memoTooLarge(bytes: 5_000_000_000),
                                                .dBase3MemoEndByte, .memoFileFull]
        var x: [XBaseFailure] = io.map { .cannotOpen(file: f, reason: $0) } + io.map { .io(file: f, reason: $0) }
        x += header.map { .badHeader(file: f, reason: $0) } + [.notADBF(file: f, reason: .shorterThanHeader(fileSize: 10))]
        x += descriptors.map { .badFieldDescriptor(file: f, field: 3, reason: $0) }
        x += [.missingMemoFile(file: f, expected: "VENDAS.FPT")]
        x += memo.map { .badMemo(file: "VENDAS.FPT", record: 4, field: "OBS", block: 9, reason: $0) }
        x += [.badMemo(file: "VENDAS.FPT", record: nil, field: nil, block: 9, reason: .noReadableMemoFile)]
        x += values.map { .invalidValue(file: f, record: 4, field: "TOTAL", reason: $0) }
        x += encode.map { .cannotEncode(file: f, record: 4, field: "TOTAL", reason: $0) }
        x += unsupported.map { .unsupported(file: f, reason: $0) }
        return x
    }()

    @Test func everyDBFErrorIsToldInBothLanguages() {
        for x in Self.xbaseSamples {
            let pt = x.text(in: .pt), en = x.text(in: .en)
            #expect(!pt.isEmpty && !en.isEmpty && pt != en, "\(x)")
            #expect(x.description == en && x.portuguese == pt)
            // `_NullFlags`, `DateTime`, `fsync`, `@` are names of the format, not English
            let prose = pt.replacingOccurrences(of: #"`[^`]*`|_NullFlags|\(DateTime\)|DateTime|\(fsync\)"#, with: "", options: .regularExpression)
            EnglishLeaks.expectNone(in: prose, command: ["show", "\(x)"])
        }
        // the Portuguese of before is kept
        #expect(XBaseFailure.badHeader(file: "T.DBF", reason: .recordLengthZero).text(in: .pt)
                == "T.DBF: cabeçalho inválido: o tamanho do registro é 0")
        #expect(XBaseFailure.badHeader(file: "T.DBF", reason: .recordLengthZero).text(in: .en) == "T.DBF: bad header: record length is 0")
        #expect(XBaseFailure.cannotOpen(file: "T.DBF", reason: .system(errno: 2)).text(in: .pt)
                == "T.DBF: não foi possível abrir: arquivo ou pasta não encontrado")
        #expect(XBaseFailure.cannotOpen(file: "T.DBF", reason: .system(errno: 2)).text(in: .en)
                == "T.DBF: cannot open: No such file or directory")
        #expect(XBaseFailure.badHeader(file: "T.DBF", reason: .recordTooLong(70_000)).text(in: .pt)
                == "T.DBF: cabeçalho inválido: o tamanho do registro, 70000, passa de 65535")
    }

    static let xmlSamples: [XMLFault] = [
        .endsInsideTag("nfeProc"), .endsInsideTag(nil), .endTagWithoutStart("ide"),
        .mismatchedEndTag(found: "series", open: "serie"), .noTagName, .endsBefore("nfeProc"), .missingField("ide/nNF"),
        .notANumber(field: "ide/nNF", text: "5a"), .reversedRange(first: 9, last: 3), .unusableEventKey("123"),
        .valueTooLong(field: "chNFe", bytes: 900), .numberTooLarge(field: "ide/nNF", value: 1_000_000_000),
    ] + [XMLFault.Construct.comment, .cdata, .processingInstruction, .declaration].map { .unterminated($0) }

    @Test func everyBrokenXMLIsToldInBothLanguages() {
        for x in Self.xmlSamples {
            let pt = x.text(in: .pt), en = x.text(in: .en)
            #expect(!pt.isEmpty && !en.isEmpty && pt != en, "\(x)")
            EnglishLeaks.expectNone(in: pt, command: ["fiscal", "\(x)"])
        }
        #expect(XMLFault.unterminated(.cdata).text(in: .pt) == "seção CDATA sem fim (cortado?)")
        #expect(XMLFault.unterminated(.cdata).text(in: .en) == "unterminated CDATA section (truncated?)")
    }

    static let layouts: [DataLayout] = [.delimited(separator: ",", quote: "\"", canonical: true),
                                        .delimited(separator: ";", quote: nil, canonical: false),
                                        .delimited(separator: "TAB", quote: "'", canonical: false), .sdf(bytes: 42)]

    @Test func dataLayoutsAreToldInBothLanguages() {
        let layouts = Self.layouts
        #expect(layouts[0].text(in: .pt) == "delimitado, separador vírgula, aspas \" (canônico)")
        #expect(layouts[0].text(in: .en) == "delimited, separator ,, quote \" (canonical)")
        #expect(layouts[1].text(in: .pt) == "delimitado, separador ponto e vírgula, sem aspas")
        #expect(layouts[3].text(in: .en) == "SDF fixed width (42 bytes)")
        for l in layouts {
            #expect(l.text(in: .pt) != l.text(in: .en))
            EnglishLeaks.expectNone(in: l.text(in: .pt), command: ["show", "\(l)"])
        }
    }

    @Test func everyFactIsToldInBothLanguagesAndThePortugueseHasNoEnglish() {
        for r in Self.samples {
            let pt = r.text(in: .pt), en = r.text(in: .en)
            #expect(!pt.isEmpty && !en.isEmpty, "\(r)")
            switch r {
            case .error(.foreign): #expect(pt == en)   // a foreign error's words, shown as they are
            default: #expect(pt != en, "\(r): the same in both languages: \(pt)")
            }
            // `manifest.json` is a file name, not English
            EnglishLeaks.expectNone(in: pt.replacingOccurrences(of: "manifest.json", with: ""), command: ["defect", "\(r)"])
        }
    }

    @Test func everyCaseHasASample() throws {
        var covered = Set<String>()
        for r in Self.samples { Self.caseNames(r, into: &covered) }
        for c in Self.cloudSamples { Self.caseNames(c, into: &covered) }
        for l in Self.layouts { Self.caseNames(l, into: &covered) }
        for h in Self.healthSamples { Self.caseNames(h, into: &covered) }
        // a note's kind is computed; `everyHealthFindingIsToldInBothLanguages` checks the notes reach every kind
        for k in HeaderNoteKind.allCases { Self.caseNames(k, into: &covered) }
        for x in Self.xbaseSamples { Self.caseNames(x, into: &covered) }
        for x in Self.xmlSamples { Self.caseNames(x, into: &covered) }
        var declared = Set<String>()
        for file in ["DefectReason.swift", "CloudPhrase.swift", "HealthFact.swift", "XBaseFailure.swift", "XMLFault.swift"] { declared.formUnion(try Self.declaredCases(in: file)) }
        #expect(declared.count > 250, "\(declared.count) cases read from the catalogue's fact files")
        let missing = declared.subtracting(covered).sorted()
        #expect(missing.isEmpty, "cases without a sample: \(missing)")
    }

    /// `Type.case` for every enum case in `value`, its payload's included.
    static func caseNames(_ value: Any, into out: inout Set<String>) {
        let m = Mirror(reflecting: value)
        switch m.displayStyle {
        case .enum?:
            let type = String(describing: Swift.type(of: value))
            if let child = m.children.first, let label = child.label {
                out.insert(type + "." + label)
                caseNames(child.value, into: &out)
            } else if let c = value as? CloudPhrase, c == .rcloneMissing {
                out.insert("CloudPhrase.rcloneMissing")   // an error: its description is its sentence
            } else {
                out.insert(type + "." + String(describing: value))
            }
        case .optional?, .tuple?:
            for c in m.children { caseNames(c.value, into: &out) }
        default: break
        }
    }

    /// `Type.case` for every case declared in `name`, a file of ResgateLocale's catalogue.
    static func declaredCases(in name: String) throws -> Set<String> {
        let file = PackagePaths.root.appendingPathComponent("Sources/ResgateLocale/Catalogue/" + name)
        let text = try String(contentsOf: file, encoding: .utf8)
        var out = Set<String>()
        var current: String?
        for line in text.split(separator: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "public indirect enum ", with: "public enum ")
            if t.hasPrefix("public enum ") {
                current = t.dropFirst("public enum ".count).prefix { $0.isLetter || $0.isNumber }.description
            } else if t.hasPrefix("public extension") || t.hasPrefix("extension") {
                current = nil
            } else if let current, t.hasPrefix("case "), !t.hasPrefix("case .") {
                // `case a, b(Int), c(x: Int, y: Int)`: the names outside parentheses
                var depth = 0, name = "", names: [String] = []
                for c in t.dropFirst(5) {
                    if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
                    else if depth == 0, c == "," { names.append(name); name = "" }
                    else if depth == 0 { name.append(c) }
                }
                names.append(name)
                for n in names {
                    let id = n.trimmingCharacters(in: .whitespaces).prefix { $0.isLetter || $0.isNumber }
                    if !id.isEmpty { out.insert(current + "." + id) }
                }
            }
        }
        return out
    }
}
