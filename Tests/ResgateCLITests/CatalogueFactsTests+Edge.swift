import Foundation
import ResgateLocale
import Testing

/// The edge's words that moved into the catalogue last (issue 15): the demo's walk, scan's
/// findings, the CLI's merge lines, table headers and prompts, the handover report's notes,
/// and a merge refusal carried by a backup set's defect. Each is rendered in both languages
/// and the Portuguese is checked against `EnglishLeaks`.
extension CatalogueFactsTests {
    static let demo: [DemoPhrase] = [.alreadyThere(root: "/tmp/loja"), .building(root: "/tmp/loja"), .story, .done(root: "/tmp/loja")]
        + DemoPhrase.Step.allCases.enumerated().map { .step($0 + 2, $1) }

    static func index(_ p: DemoPhrase) -> Int {
        switch p {
        case .alreadyThere: 0
        case .building: 1
        case .story: 2
        case .step: 3
        case .done: 4
        }
    }

    static let scanFindings: [ScanPhrase] = [
        .health(.noEOFByte), .moreFindings(12),
        .index(file: "/loja/dados/VENDAS.CDX", .defect(tag: "NUMERO", fault: .outOfOrder, detail: .outOfOrder(entry: 3, shown: "7:B", previous: "6:C")), repairable: true),
        .index(file: "/loja/dados/VENDAS.CDX", .defect(tag: nil, fault: .nationalCollation, detail: .nationalCollation(position: 4, before: "5:É", after: "6:E")), repairable: false),
        .indexFileMissing,
    ]

    static func index(_ p: ScanPhrase) -> Int {
        switch p {
        case .health: 0
        case .moreFindings: 1
        case .index: 2
        case .indexFileMissing: 3
        }
    }

    static let edge: [CLIPhrase] = [
        .undoHeaders, .restoreHeaders,
        .mergeFrom(table: "VENDAS", fromBackup: 40, fromLive: 11, updated: 0, added: 11,
                   key: .key(fields: ["NUMERO"], source: .candidateTag, tag: "NUMERO")),
        .mergeFrom(table: "VENDAS", fromBackup: 40, fromLive: 11, updated: 0, added: 11, key: .key(fields: [], source: .none, tag: nil)),
        .mergeUnreadable(table: "VENDAS", count: 2, records: [41, 42]), .mergeMemosLost(table: "VENDAS", count: 1),
        .mergeConflicts(table: "VENDAS", count: 3), .mergeConflicts(table: "VENDAS", count: 1),
        .mergeUnreadable(table: "VENDAS", count: 1, records: [45]), .mergeMemosLost(table: "VENDAS", count: 2), .remoteCached, .remoteKind,
        .damagedZip(name: "SEG.zip", detail: "diretório central ausente"), .remoteNotRead(root: "nuvem:lojas"),
        .recordsPerSecond(1_234.4), .secondsLeft(12), .yesNoPrompt, .keepNeedsRemote,
        .backupProgress(table: "VENDAS", done: 10, total: 40, perSecond: 500, secondsLeft: 3),
        .backupProgress(table: "VENDAS", done: 40, total: 40, perSecond: 500, secondsLeft: 0), .prunedByKeep("nuvem:lojas/SEG.zip"),
        .recreateNeedsXMLFolder,
    ]

    static let recreate: [RecreatePhrase] = [
        .confirm(3, tables: "VENDAS, ITENS"), .needYes, .nothing,
        .note(56, series: 1, model: 65, items: 2, record: 53, dryRun: false), .note(57, series: 1, model: 55, items: 1, record: nil, dryRun: true),
        .skippedEntry(58), .done(3, id: "20261205-043634-f331", data: "/loja/dados"), .dryRun(3), .stockHeading, .truncatedHeading,
        .checkFailed, .refused(.restore(.appendTableNotFound(table: "VENDAS", folder: "/loja/dados"))), .markedRows(field: "ORIGEM", value: "XML"), .more(4),
    ]

    static func index(_ p: RecreatePhrase) -> Int {
        switch p {
        case .confirm: 0
        case .needYes: 1
        case .nothing: 2
        case .note: 3
        case .skippedEntry: 4
        case .done: 5
        case .dryRun: 6
        case .stockHeading: 7
        case .truncatedHeading: 8
        case .checkFailed: 9
        case .refused: 10
        case .markedRows: 11
        case .more: 12
        }
    }

    static let voiding: [VoidingPhrase] = [
        .request(id: "ID35261234567800019565001000000053000000055", first: 53, last: 55, file: "inut-53-55.xml",
                 deadline: "2026-08-10", daysLeft: 4),
        .request(id: "ID3526", first: 60, last: 60, file: nil, deadline: "2026-08-10", daysLeft: -2),
        .unsigned, .held("58–60", near: 59), .held("61", near: nil), .nothing, .written(2, folder: "/loja/inutilizar"),
    ]

    static func index(_ p: VoidingPhrase) -> Int {
        switch p {
        case .request: 0
        case .unsigned: 1
        case .held: 2
        case .nothing: 3
        case .written: 4
        }
    }

    static let verdicts: [VerdictPhrase] = VerdictKind.allCases.flatMap { [VerdictPhrase.kind($0), .advice($0)] }
        + DeadlineRule.allCases.map { .rule($0) } + [
            .line(span: "41–52", count: 12, kind: .void, deadline: "2026-08-10", rule: .tenthOfNextMonth, daysLeft: 4, near: nil),
            .line(span: "53", count: 1, kind: .checkPOSBeforeVoiding, deadline: nil, rule: nil, daysLeft: nil, near: 54),
            .line(span: "60", count: 1, kind: .transmit, deadline: "2026-07-21", rule: .nextBusinessDay, daysLeft: -2, near: nil),
            .heading, .more(3), .notJudged,
        ]

    static func index(_ p: VerdictPhrase) -> Int {
        switch p {
        case .kind: 0
        case .advice: 1
        case .rule: 2
        case .line: 3
        case .heading: 4
        case .more: 5
        case .notJudged: 6
        }
    }

    @Test func everyVerdictFactIsWordedInBothLanguages() {
        #expect(Set(Self.verdicts.map(Self.index)) == Set(0...6), "a VerdictPhrase case has no sample")
        for p in Self.verdicts {
            let pt = p.text(in: .pt), en = p.text(in: .en)
            #expect(!pt.isEmpty && !en.isEmpty && pt != en, "\(p)")
            EnglishLeaks.expectNone(in: pt, command: ["(catalogue)", "\(p)"])
        }
        #expect(VerdictWords.line(span: "41–52", count: 12, kind: .void, deadline: "2026-08-10", rule: .tenthOfNextMonth,
                                  daysLeft: -2, near: 40)
                == Words(pt: "41–52 (12): inutilizar (nota em contingência nº 40 perto) — prazo 10/08/2026, vencido há 2 dia(s) [até o dia 10 do mês seguinte (Ajuste SINIEF 07/05)]",
                         en: "41–52 (12): void (contingency note 40 nearby) — deadline 2026-08-10, overdue by 2 day(s) [by the 10th of the following month (Ajuste SINIEF 07/05)]"))
        #expect(VerdictKind.denied.advice == VerdictKind.denied.words)
    }

    @Test func everyRecoveryFactIsWordedInBothLanguages() {
        #expect(Set(Self.recreate.map(Self.index)) == Set(0...12), "a RecreatePhrase case has no sample")
        #expect(Set(Self.voiding.map(Self.index)) == Set(0...4), "a VoidingPhrase case has no sample")
        let texts = Self.recreate.map { ($0.text(in: .pt), $0.text(in: .en), "\($0)") }
            + Self.voiding.map { ($0.text(in: .pt), $0.text(in: .en), "\($0)") }
        for (pt, en, what) in texts {
            #expect(!pt.isEmpty && !en.isEmpty && pt != en, "\(what)")
            EnglishLeaks.expectNone(in: pt, command: ["(catalogue)", what])
        }
        // the words the pairs held before they became cases, byte for byte
        #expect(RecreatePhrase.note(56, series: 1, model: 65, items: 2, record: 53, dryRun: false).text(in: .pt)
                == "  NFC-e série 1 nº 56: 2 item(ns) → registro 53")
        #expect(RecreatePhrase.note(57, series: 1, model: 55, items: 1, record: nil, dryRun: true).text(in: .en)
                == "  NF-e series 1 no. 57: 1 item(s) (would be inserted)")
        #expect(VoidingPhrase.request(id: "X", first: 53, last: 55, file: nil, deadline: "2026-08-10", daysLeft: -2).text(in: .pt)
                == "  53–55 (3 número(s)): X — prazo 10/08/2026, VENCIDO há 2 dia(s)")
    }

    @Test func everyEdgeFactIsWordedInBothLanguages() {
        #expect(Set(Self.demo.map(Self.index)) == Set(0...4), "a DemoPhrase case has no sample")
        #expect(Set(Self.scanFindings.map(Self.index)) == Set(0...3), "a ScanPhrase case has no sample")
        let texts = Self.demo.map { ($0.text(in: .pt), $0.text(in: .en), "\($0)") }
            + Self.scanFindings.map { ($0.text(in: .pt), $0.text(in: .en), "\($0)") }
            + Self.edge.map { ($0.text(in: .pt), $0.text(in: .en), "\($0)") }
        for (pt, en, what) in texts {
            #expect(!pt.isEmpty && !en.isEmpty && pt != en, "\(what)")
            EnglishLeaks.expectNone(in: pt, command: ["(catalogue)", what])
        }
        for h in [HandoverLabel.skippedLines(3), .memosBlanked] { Self.expectWorded(.handover(h)) }
        // the words the front ends wrote inline before they moved, byte for byte
        #expect(DemoPhrase.step(8, .merge).text(in: .pt)
                == "8. Restaurar na loja sem perder o dia: o backup + as vendas legíveis da tabela danificada")
        #expect(DemoPhrase.step(15, .undoRecreate).text(in: .en) == "15. Undo the re-creation")
        #expect(CLIPhrase.mergeUnreadable(table: "VENDAS", count: 2, records: [41, 42]).text(in: .pt)
                == "VENDAS: 2 registros ilegíveis na tabela atual (não recuperados): 41, 42")
        #expect(CLIPhrase.mergeUnreadable(table: "VENDAS", count: 1, records: [45]).text(in: .pt)
                == "VENDAS: 1 registro ilegível na tabela atual (não recuperado): 45")
        #expect(CLIPhrase.restoreHeaders.text(in: .pt).components(separatedBy: "|")
                == ["TABELA", "SITUAÇÃO", "ANTES", "DEPOIS", "MAPEAMENTO", "TEMPO"])
        #expect(CLIPhrase.backupProgress(table: "T", done: 1, total: 2, perSecond: 3, secondsLeft: 4).text(in: .en) == "T: 1/2 records, 3/s, 4s")
        #expect(Phrase.handover(.skippedLines(3)).text(in: .pt) == "3 linha(s) com defeito puladas")
        // the key is told as the screen tells it, not by the engine's raw value
        #expect(CLIPhrase.mergeFrom(table: "VENDAS", fromBackup: 40, fromLive: 11, updated: 0, added: 11,
                                    key: .key(fields: ["NUMERO"], source: .candidateTag, tag: "NUMERO")).text(in: .pt)
                == "VENDAS: 40 registros do backup + 11 da tabela atual (0 alterados, 11 novos); chave NUMERO (índice candidato NUMERO)")
    }

    /// A merge refusal reaches a backup set's defect as the restore's fact, told in the
    /// defect's language (no sentence is rendered in the engine).
    @Test func aMergeRefusalIsADefectFact() {
        let fact = RestorePhrase.mergeUnknownKeyField(table: "VENDAS", field: "CODIGO")
        let reason = DefectReason.restore(.refused(fact))
        for l in Language.allCases { #expect(reason.text(in: l) == Phrase.restore(fact).text(in: l)) }
        #expect(reason.text(in: .pt) == "VENDAS: o campo-chave CODIGO não existe na tabela")
    }

    /// Marks and date patterns are one rule per language, in `ResgateLocale`.
    @Test func numbersAndDatesFollowTheLanguage() {
        #expect(Format.grouped(1_350_000, in: .pt) == "1.350.000")
        #expect(Format.grouped(-1_350, in: .en) == "-1,350")
        #expect(Format.grouped(999, in: .pt) == "999")
        #expect(Format.seconds(0.014, in: .pt) == "0,01 s" && Format.seconds(0.014, in: .en) == "0.01 s")
        var c = DateComponents()
        c.year = 2026; c.month = 11; c.day = 26; c.hour = 7; c.minute = 5
        let d = Calendar.current.date(from: c)!
        #expect(Format.dateTime(d, in: .pt) == "26/11/2026 07:05")
        #expect(Format.dateTime(d, in: .en) == "2026-11-26 07:05")
        #expect(Language.pt.rules.htmlTag == "pt-BR" && Language.en.rules.htmlTag == "en")
    }
}
