import Foundation
import ResgateLocale
import Testing

/// Reasons that were our own English text carried as a `String` (docs/architecture.md's
/// "Left:" list), now facts: each is rendered in both languages and the Portuguese is
/// checked against `EnglishLeaks`.
extension CatalogueFactsTests {
    static let reasons: [Phrase] = [
        .undoRefused(.restore(.undoBusy)), .undoRefused(.restore(.undoNotAnID("../x"))),
        .undoRefused(.restore(.undoCannotWrite(path: "/loja/dados", reason: "somente leitura"))),
        .repair(.checkFailed(.count(header: 40, inFile: 39))), .repair(.checkFailed(.tornTail(bytes: 17))),
        .repair(.checkFailed(.record(12))),
        .repair(.failed(.restore(.tableLocked(table: "VENDAS", file: nil,
                                              holder: .lockCannotCheck(file: "VENDAS.DBF", operation: "fcntl", reason: "E/S"))))),
    ] + NoRoom.allCases.flatMap { room -> [Phrase] in
        [.restoreOutOfSpace(file: "VENDAS.DBF", folder: "/loja/dados", room: room),
         .backupOutOfSpace(file: "VENDAS.DBF", folder: "/loja/backups", room: room)]
    } + [
    ]

    @Test func reasonsOnceEnglishTextAreWordedInBothLanguages() {
        for o in WebOperation.allCases {
            let p = WebPhrase.busy(kind: o)
            #expect(!p.text(in: .pt).contains(o.rawValue), "the kind is worded, not its API id: \(o): \(p.text(in: .pt))")
            #expect(p.text(in: .pt) != p.text(in: .en))
            EnglishLeaks.expectNone(in: p.text(in: .pt), command: ["(catalogue)", "\(p)"])
        }
        for p in Self.reasons { Self.expectWorded(p) }
        #expect(Phrase.undoRefused(.restore(.undoBusy)).text(in: .pt)
                == "desfazer recusado: outra operação do Resgate está em andamento nesta pasta")
        #expect(Phrase.repair(.checkFailed(.record(12))).text(in: .en)
                == "the check of the repaired table failed (record 12 still has a fault); nothing was changed")
    }
}
