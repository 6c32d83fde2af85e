import ResgateLocale
import Testing

/// Issue 15: the engine's facts (`RestorePhrase`, `FiscalPhrase`, `FiscalErrorPhrase`) are
/// worded by the catalogue in both languages. Every case is rendered here with sample
/// values: none is empty, and the Portuguese holds no English word of `EnglishLeaks`.
/// The `index` switches have no `default`, so a new case does not compile until it has a
/// sample here.
@Suite struct CatalogueFactsTests {
    static let holder = Phrase.lockRecordHolder(pid: 4242, program: "sistema")

    static let restore: [RestorePhrase] = [
        .noOutputFolder, .sourceIsDestination(folder: "/loja/dados"), .backupHasDefects,
        .folderBusy(folder: "/loja/dados"), .folderNotWritable(path: "/loja/dados", reason: "somente leitura"),
        .notEnoughDiskSpace(needed: 2_000_000, free: 1_000), .cancelled,
        .someTablesDamaged(tableFolder: true), .someTablesDamaged(tableFolder: false),
        .nothingChanged(.fileOpen(file: "VENDAS.DBF", holder: holder)),
        .tableNotInSource(tableFolder: true), .tableNotInSource(tableFolder: false),
        .liveIndexMissing, .liveTableUnreadable(reason: "cabeçalho curto"), .incompatibleFields(["VALOR: C → N", "DATA: D → L"]),
        .ownerOutOfReach(uid: 1000, gid: 1000, file: "VENDAS.DBF"), .fileOpen(file: "VENDAS.CDX", holder: holder),
        .lockUnknown(file: "VENDAS.DBF", operation: "fcntl", reason: "permissão negada"),
        .indexNotRebuilt, .incomingTableDamaged, .backupTableHasDefects, .structureNotWritable("N 20,19"),
        .undoNotAnID("../dados"), .undoNoSuchSnapshot("20261127-041503-3f2a"), .undoIncomplete("20261127-041503-3f2a"),
        .tableLocked(table: "VENDAS", file: "VENDAS.DBF", holder: holder),
        .tableLocked(table: "VENDAS", file: nil, holder: .lockCannotCheck(file: "VENDAS.CDX", operation: "flock", reason: "permissão negada")), .undoBusy,
        .undoCannotWrite(path: "/loja/dados", reason: "somente leitura"),
        .processingTables, .insertingRecords, .done,
        .mergeUnknownKeyField(table: "VENDAS", field: "CODIGO"), .mergeUnknownChangedField(table: "VENDAS", field: "ALTERADO"),
        .mergeChangedFieldNotADate(table: "VENDAS", field: "OBS"), .mergeTooManyLiveRows(table: "VENDAS", rows: 40_000_000, budget: 32_000_000),
        .mergeUnreadableLive(table: "VENDAS", reason: "cabeçalho curto"), .mergeFailed(table: "VENDAS", reason: "disco cheio"),
        .appendTableNotFound(table: "ITENS", folder: "/loja/dados"), .appendCannotWrite(table: "ITENS", reason: "disco cheio"),
        .appendCannotWrite(table: nil, reason: "disco cheio"),
    ]

    static func index(_ p: RestorePhrase) -> Int {
        switch p {
        case .noOutputFolder: 0
        case .sourceIsDestination: 1
        case .backupHasDefects: 2
        case .folderBusy: 3
        case .folderNotWritable: 4
        case .notEnoughDiskSpace: 5
        case .cancelled: 6
        case .someTablesDamaged: 7
        case .nothingChanged: 8
        case .tableNotInSource: 9
        case .liveIndexMissing: 10
        case .liveTableUnreadable: 11
        case .incompatibleFields: 12
        case .ownerOutOfReach: 13
        case .fileOpen: 14
        case .lockUnknown: 15
        case .indexNotRebuilt: 16
        case .incomingTableDamaged: 17
        case .backupTableHasDefects: 18
        case .structureNotWritable: 19
        case .undoNotAnID: 20
        case .undoNoSuchSnapshot: 21
        case .undoIncomplete: 22
        case .tableLocked: 23
        case .undoBusy: 24
        case .undoCannotWrite: 25
        case .processingTables: 26
        case .insertingRecords: 27
        case .done: 28
        case .mergeUnknownKeyField: 29
        case .mergeUnknownChangedField: 30
        case .mergeChangedFieldNotADate: 31
        case .mergeTooManyLiveRows: 32
        case .mergeUnreadableLive: 33
        case .mergeFailed: 34
        case .appendTableNotFound: 35
        case .appendCannotWrite: 36
        }
    }

    static let skips: [FiscalPhrase.SkipPhrase] = [
        .empty, .notXML, .unreadable("zip truncado"), .otherDocument(root: "resNFe"), .notAuthorized(status: 539),
        .notAuthorized(status: nil), .otherEvent(type: "110110", status: 135), .otherEvent(type: "110110", status: nil),
        .homologation, .broken(line: 3, defect: .endsBefore("nfeProc")),
    ]

    static let keyProblems: [FiscalPhrase.KeyProblem] = [
        .wrongLength(43), .badCharacter(position: 7, character: "x"), .wrongCheckDigit(found: 3, expected: 5),
        .modelDiffers(inKey: 55, inRow: 65), .seriesDiffers(inKey: 1, inRow: 2), .numberDiffers(inKey: 10, inRow: 11),
        .issuerDiffers(inKey: "12345678000195", inRow: "98765432000110"), .differsFromAuthorized(authorized: "3526…0195"),
    ]

    static let fiscal: [FiscalPhrase] = [
        .sequenceSummary(lastInData: 100, lastAuthorized: 115, nextSafe: 116),
        .sequenceSummary(lastInData: nil, lastAuthorized: nil, nextSafe: 1),
        .behindTaxAuthority(wouldIssue: 101, lastAuthorized: 115, nextSafe: 116),
        .authorizedAfterData(lastInData: 100, numbers: Array(101...115), count: 20), .reenterSales(12),
        .counterBelowData(counter: 3, lastInData: 5, setTo: 5),
        .repeatedNumbers([.init(number: 7, records: [3, 9])], count: 12),
        .wrongKeys([.init(number: 8, record: 4, xmlFile: nil, problems: keyProblems),
                    .init(number: 9, record: nil, xmlFile: "nota9.xml", problems: [.wrongLength(40)])], count: 7),
        .gaps(numbers: 4, ranges: [57...57, 60...62], rangeCount: 12),
        .authorizedMissingInData(count: 2, numbers: [41, 42], listed: 2), .conflictingNotes(numbers: [50], count: 1),
        .notComparedWithXML, .contingency(transmit: 1, transmitOrQuery: 2),
        .verdictCounts(Dictionary(uniqueKeysWithValues: VerdictKind.allCases.enumerated().map { ($1, $0 + 1) })),
        .xmlFolderRead(folder: "/loja/xml", files: 120, documents: 118),
        .xmlBroken(skips.map { .init(file: "nota.xml", reason: $0) }, count: 12), .xmlUnrelated(3),
        .xmlOtherIssuers(["98765432000110"]),
        .notEmpty(table: "CLIENTES", records: 6, minimum: 5), .tooFewRecords(table: "CLIENTES", records: 1, minimum: 5),
        .noRepeats(subject: "CLIENTES.CODIGO", records: 6),
        .repeatedValues(subject: "CLIENTES.CODIGO", values: 2, extra: 3, examples: [.init(value: "7", records: [3, 9])]),
        .allReferencesFound(subject: "VENDAS.CLIENTE → CLIENTES.CODIGO", records: 10),
        .referencesMissing(subject: "VENDAS.CLIENTE → CLIENTES.CODIGO", records: 2, values: 1, target: "CLIENTES.CODIGO",
                           targetTable: "CLIENTES", examples: [.init(value: "99", records: [4])]),
        .dataUpTo(subject: "VENDAS.DATA", newest: "20/07/2026", record: 40),
        .olderThanBackup(days: 10, backupDate: "30/07/2026"), .newerThanBackup(backupDate: "30/07/2026"),
        .noDateFilled(subject: "VENDAS.DATA", records: 40),
        .unusableRows(count: 2, table: "NOTAS", records: [4, 5]),
        .discovered(table: "VENDAS", fields: ["NUMERO", "SERIE", "MODELO"], others: ["NOTAS"]),
        .discovered(table: "VENDAS", fields: ["NUMERO", "SERIE", "MODELO", "CHAVE"], others: []),
        .reportHeading(data: "/loja/dados"), .reportConfig("/loja/dados/resgate.toml"), .reportXML("/loja/xml"),
        .statusTitle(.fail), .statusTitle(.warning), .statusTitle(.ok),
        .reportResult(.fail), .reportResult(.warning), .reportResult(.ok),
    ]

    static func index(_ p: FiscalPhrase) -> Int {
        switch p {
        case .sequenceSummary: 0
        case .behindTaxAuthority: 1
        case .authorizedAfterData: 2
        case .reenterSales: 3
        case .counterBelowData: 4
        case .repeatedNumbers: 5
        case .wrongKeys: 6
        case .gaps: 7
        case .authorizedMissingInData: 8
        case .conflictingNotes: 9
        case .notComparedWithXML: 10
        case .contingency: 11
        case .verdictCounts: 12
        case .xmlFolderRead: 13
        case .xmlBroken: 14
        case .xmlUnrelated: 15
        case .xmlOtherIssuers: 16
        case .notEmpty: 17
        case .tooFewRecords: 18
        case .noRepeats: 19
        case .repeatedValues: 20
        case .allReferencesFound: 21
        case .referencesMissing: 22
        case .dataUpTo: 23
        case .olderThanBackup: 24
        case .newerThanBackup: 25
        case .noDateFilled: 26
        case .unusableRows: 27
        case .discovered: 28
        case .reportHeading: 29
        case .reportConfig: 30
        case .reportXML: 31
        case .statusTitle: 32
        case .reportResult: 33
        }
    }

    static let fiscalErrors: [FiscalErrorPhrase] = [
        .cannotRead(path: "/loja/xml", reason: "permissão negada"),
        .configSyntax(file: "resgate.toml", line: 3, column: 7, reason: "esperado '='"),
        .configValue(file: "resgate.toml", line: 9, entry: "[[rule]] 2", key: "kind", reason: .unknownRule("nova", known: ["unique"])),
        .configValue(file: "resgate.toml", line: nil, entry: nil, key: "xml", reason: .mustBe(.folder)),
        .tableNotFound(table: "NOTAS", folder: "/loja/dados", configFile: "resgate.toml"),
        .tableNotFound(table: "NOTAS", folder: "/loja/dados", configFile: nil),
        .fieldNotFound(table: "NOTAS", field: "NNF", file: "NOTAS.DBF", configFile: "resgate.toml"),
        .unreadableTable(file: "NOTAS.DBF", reason: "cabeçalho curto"), .unreadableXML(file: "nota.xml", line: 4, reason: "tag aberta"),
        .xmlWithoutNFe(file: "nota.xml"), .cannotRead(path: "/loja/nota.xml", reason: nil), .notAFolder(path: "/loja/notas.zip"),
        .noRecreateMapping(configFile: "resgate.toml"), .noRecreateMapping(configFile: nil),
        .cannotMap(xml: "nota.xml", table: "VENDAS", field: "VALOR", path: "total/vNF", text: "12,5x", reason: .notADecimal),
        .cannotMap(xml: "nota.xml", table: "VENDAS", field: "TIPO", path: nil, text: "Z", reason: .notInMap(known: ["01", "03"])),
        .cannotMap(xml: "nota.xml", table: "VENDAS", field: "DATA", path: "ide/dhEmi", text: "ontem", reason: .notAnISODate),
        .badJustification(length: 4), .noStateCode(series: "NFC-e 1"), .issuerNotCNPJ(series: "NFC-e 1"),
        .cannotWrite(path: "/loja/saida", reason: "disco cheio"), .nothingToCheck(folder: "/loja/dados"),
        .xmlFolderNeeded,
    ]

    static func index(_ p: FiscalErrorPhrase) -> Int {
        switch p {
        case .cannotRead: 0
        case .configSyntax: 1
        case .configValue: 2
        case .tableNotFound: 3
        case .fieldNotFound: 4
        case .unreadableTable: 5
        case .unreadableXML: 6
        case .noRecreateMapping: 7
        case .cannotMap: 8
        case .badJustification: 9
        case .noStateCode: 10
        case .issuerNotCNPJ: 11
        case .cannotWrite: 12
        case .nothingToCheck: 13
        case .xmlWithoutNFe: 14
        case .notAFolder: 15
        case .xmlFolderNeeded: 16
        }
    }

    /// Both languages non-empty and different where the sentence has words; the Portuguese
    /// free of English (paths and values here are Portuguese or neutral).
    static func expectWorded(_ phrase: Phrase, sourceLocation: SourceLocation = #_sourceLocation) {
        let pt = phrase.text(in: .pt), en = phrase.text(in: .en)
        #expect(!pt.isEmpty && !en.isEmpty, "\(phrase)", sourceLocation: sourceLocation)
        if en.contains(where: \.isLowercase) { #expect(pt != en, "\(phrase): \(pt)", sourceLocation: sourceLocation) }
        EnglishLeaks.expectNone(in: pt, command: ["(catalogue)", "\(phrase)"], sourceLocation: sourceLocation)
    }

    @Test func everyRestoreFactIsWordedInBothLanguages() {
        #expect(Set(Self.restore.map(Self.index)) == Set(0...36), "a RestorePhrase case has no sample")
        for p in Self.restore { Self.expectWorded(.restore(p)) }
    }

    @Test func everyFiscalFactIsWordedInBothLanguages() {
        #expect(Set(Self.fiscal.map(Self.index)) == Set(0...33), "a FiscalPhrase case has no sample")
        for p in Self.fiscal { Self.expectWorded(.fiscal(p)) }
        for s in Self.skips {
            #expect(!s.text(in: .pt).isEmpty && !s.text(in: .en).isEmpty)
            #expect(s.text(in: .pt) != s.text(in: .en), "\(s)")
        }
    }

    @Test func everyFiscalInputErrorIsWordedInBothLanguages() {
        #expect(Set(Self.fiscalErrors.map(Self.index)) == Set(0...16), "a FiscalErrorPhrase case has no sample")
        for p in Self.fiscalErrors { Self.expectWorded(.fiscalError(p)) }
    }

    @Test func everyReindexFactIsWordedInBothLanguages() {
        for s in ReindexPhrase.Status.allCases where s != .ok { Self.expectWorded(.reindex(.status(s))) }
        #expect(ReindexPhrase.status(.ok).text(in: .pt) == "ok")
        for f in ReindexPhrase.Fault.allCases {
            Self.expectWorded(.reindex(.defect(tag: "CODIGO", fault: f, detail: .outOfOrder(entry: 7, shown: "7:B", previous: "6:C"))))
        }
    }

    static let status: [StatusPhrase] = [
        .eitherOr, .badLimits, .badPattern("nuvem:lojas"), .missing("/loja/dados"), .cannotWrite("/var/metricas.prom"),
        .down(store: "loja1", .timedOut(seconds: 30)), .down(store: "loja1", .notFound("/loja/backups")),
        .down(store: "loja1", .unreachable("rclone: 403")), .down(store: "loja1", .local(.cannotWrite(reason: "disco cheio"))),
        .noBackup(store: "loja1"),
        .newest(store: "loja1", set: "SEG", when: "2026-07-20 10:00", verified: true, defects: 0, cached: true, drill: true,
                tables: 12, damaged: 1, atRisk: [.init(model: 65, series: 1, lastAuthorized: 115)]),
        .newest(store: "loja1", set: "SEG", when: "2026-07-20 10:00", verified: false, defects: 2, cached: false, drill: false,
                tables: nil, damaged: nil, atRisk: []),
        .newest(store: "loja1", set: "SEG", when: "?", verified: nil, defects: 0, cached: false, drill: nil,
                tables: nil, damaged: nil, atRisk: []),
        .summary(stores: 3, problems: 1),
    ]

    static func index(_ p: StatusPhrase) -> Int {
        switch p {
        case .eitherOr: 0
        case .badLimits: 1
        case .badPattern: 2
        case .missing: 3
        case .cannotWrite: 4
        case .down: 5
        case .noBackup: 6
        case .newest: 7
        case .summary: 8
        }
    }

    @Test func everyStatusFactIsWordedInBothLanguages() {
        #expect(Set(Self.status.map(Self.index)) == Set(0...8), "a StatusPhrase case has no sample")
        for p in Self.status { Self.expectWorded(.status(p)) }
        #expect(StatusPhrase.newest(store: "loja1", set: "SEG", when: "2026-07-20 10:00", verified: false, defects: 2, cached: false,
                                    drill: nil, tables: 12, damaged: 1, atRisk: []).text(in: .pt)
                == "loja1: SEG (20/07/2026 10:00), NÃO confere (2 defeitos); 12 tabelas, 1 danificada")
    }

    /// A message of several facts is their sentences joined by a space, in one language.
    @Test func aMessageJoinsItsSentences() {
        let m: [FiscalPhrase] = [.dataUpTo(subject: "VENDAS.DATA", newest: "20/07/2026", record: 40), .newerThanBackup(backupDate: "01/07/2026")]
        #expect(m.text(in: .pt) == "VENDAS.DATA: os dados vão até 20/07/2026 (registro 40). Isso é depois da data do backup (01/07/2026): a tabela foi mesmo restaurada?")
        #expect(m.text(in: .en) == "VENDAS.DATA: the data goes up to 20/07/2026 (record 40). That is after the backup's date (01/07/2026): was the table really restored?")
    }

    /// The front ends' own facts (salvage, a set's way in and out, scan's table, the web
    /// server's refusals).
    static let salvage: [SalvagePhrase] = [
        .badName("V\\u{1B}"), .noTable(table: "VENDAS", folder: "/loja/dados"),
        .unreadableHeader(file: "VENDAS.DBF", reason: "cabeçalho curto"), .cannotWrite(file: "/tmp/x", reason: "disco cheio"),
        .quarantined(table: "VENDAS", record: 12, field: "TOTAL", .badNumber), .quarantined(table: "VENDAS", record: 3, field: nil, .badDeleteFlag),
        .memoLost(table: "VENDAS", record: 4, field: "OBS", .badMemoBlock), .salvaged(table: "VENDAS", records: 40, output: "/tmp/s"),
        .headerCountDiffers(header: 50, inFile: 41), .tornTail(bytes: 7), .lostCounts(unreadable: 1, memos: 2),
    ] + RecordFaultKind.allCasesForSamples.map { .fault($0) }

    static let transfer: [TransferPhrase] = [
        .sourceBackupSet("SEG"), .sourceTableFolder("SANDBOX"), .downloading, .uploading,
        .cachedCopyChecked(name: "SEG.zip", path: "/cache/SEG.zip"),
        .downloadedAndChecked(name: "SEG.zip", checks: ["MD5"], resumedBytes: 1_024),
        .downloadedAndChecked(name: "SEG.zip", checks: [], resumedBytes: 0),
        .uploadingTo(name: "SEG.zip", root: "nuvem:lojas"), .uploadedAndChecked(path: "nuvem:lojas/SEG.zip", checks: ["SHA-1"]),
        .uploadFailedBackupKept(localSet: "/tmp/SEG.zip"), .pruneFailedNewBackupSafe,
    ]

    static let scan: [CLIPhrase] = [.scanHeaders, .scanDamaged(indexOnly: true), .scanDamaged(indexOnly: false),
                                    .scanOnlyIndexDamaged(tables: ["VENDAS", "ITENS"], data: "/loja/dados"),
                                    .uiFolderMissing("/loja/dados"), .uiBackupFolderMissing("/loja/backups"),
                                    .uiListeningOnNetwork(host: "0.0.0.0"), .uiOpenTheAddress, .uiCannotServe("porta ocupada"),
                                    .showFolderTableLine(name: "VENDAS", records: 1, fields: 12, index: true),
                                    .showFolderNoSuchTable("ITENS"), .reindexHeaders]

    static let web: [WebPhrase] = [
        .noSocket, .noFreePort, .pageFileUnreadable("app.js"), .pageFilesMissing, .nothingRunning, .notCancellable,
        .busy(kind: .restore), .busy(kind: nil), .noSuchOperation("op-7"), .invalidJSONBody("dataCorrupted"), .noBackupRoot, .invalidBackupName,
        .noSuchBackup(id: "SEG", root: "/backups"), .pathDoesNotExist("/x"), .notFolderOrZip("/x.txt"),
        .notBackupOrTableFolder("/etc"), .invalidReportName, .noSuchReport("restauracao-1.html"), .hostNotAllowed,
        .foreignOrigin("http://mal.example"), .crossSite, .missingToken(header: "X-Resgate-Token"), .missingToken(header: nil),
        .wrongToken, .methodNotAllowed(use: "POST"), .failed(.foreign("sem espaço")), .failed(.xbase(.missingMemoFile(file: "VENDAS.DBF", expected: "VENDAS.FPT"))),
    ]

    @Test func everyCommandLineFactIsWordedInBothLanguages() throws {
        var covered = Set<String>()
        for p in Self.salvage { DefectCatalogueTests.caseNames(p, into: &covered) }
        for p in Self.transfer { DefectCatalogueTests.caseNames(p, into: &covered) }
        for p in Self.web { DefectCatalogueTests.caseNames(p, into: &covered) }
        var declared = Set<String>()
        for file in ["SalvagePhrase.swift", "TransferPhrase.swift", "WebPhrase.swift"] { declared.formUnion(try DefectCatalogueTests.declaredCases(in: file)) }
        #expect(declared.count > 20, "\(declared.count) cases read")
        let missing = declared.subtracting(covered).sorted()
        #expect(missing.isEmpty, "cases without a sample: \(missing)")
        let texts = Self.salvage.map { ($0.text(in: .pt), $0.text(in: .en), "\($0)") }
            + Self.transfer.map { ($0.text(in: .pt), $0.text(in: .en), "\($0)") }
            + Self.scan.map { ($0.text(in: .pt), $0.text(in: .en), "\($0)") }
            + Self.web.map { ($0.text(in: .pt), $0.text(in: .en), "\($0)") }
        for (pt, en, what) in texts {
            #expect(!pt.isEmpty && !en.isEmpty && pt != en, "\(what)")
            // a command is not prose
            let prose = pt.replacingOccurrences(of: "resgate reindex", with: "")
            EnglishLeaks.expectNone(in: prose, command: ["cli", what])
        }
        // the words the command line wrote inline before they moved, byte for byte
        #expect(TransferPhrase.downloadedAndChecked(name: "SEG.zip", checks: ["MD5"], resumedBytes: 1_024).text(in: .pt)
                == "SEG.zip: baixado e conferido (tamanho, MD5), retomado de 1024 bytes")
        #expect(TransferPhrase.uploadedAndChecked(path: "n:SEG.zip", checks: []).text(in: .en) == "n:SEG.zip: uploaded and checked (size)")
        #expect(SalvagePhrase.quarantined(table: "VENDAS", record: 12, field: "TOTAL", .badNumber).text(in: .pt)
                == "VENDAS registro 12 TOTAL: número ilegível")
        #expect(SalvagePhrase.memoLost(table: "VENDAS", record: 4, field: "OBS", .badMemoBlock).text(in: .en)
                == "VENDAS record 4 OBS: damaged memo block (memo emptied)")
        #expect(CLIPhrase.scanDamaged(indexOnly: true).text(in: .pt) == "DANIFICADA (só índice)")
        #expect(CLIPhrase.showFolderTableLine(name: "VENDAS", records: 1, fields: 12, index: true).text(in: .pt)
                == "VENDAS: 1 registros, 12 campos, CDX")
        #expect(WebPhrase.missingToken(header: "X-Resgate-Token").text(in: .en) == "the token is missing from the X-Resgate-Token header")
        #expect(Words { l in WebPhrase.failed("x").text(in: l) } == WebPhrase.failed("x").words)
    }
}

extension RecordFaultKind {
    /// Every kind, without `CaseIterable` on the engine's type.
    static let allCasesForSamples: [RecordFaultKind] = [
        .badDeleteFlag, .badNumber, .badDate, .badLogical, .badDateTime, .badVarLength, .badMemoPointer,
        .memoPointerOutside, .badMemoBlock,
    ]
}
