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
    ]

    @Test func reasonsOnceEnglishTextAreWordedInBothLanguages() {
        for p in Self.reasons { Self.expectWorded(p) }
        #expect(Phrase.undoRefused(.restore(.undoBusy)).text(in: .pt)
                == "desfazer recusado: outra operação do Resgate está em andamento nesta pasta")
    }
}
