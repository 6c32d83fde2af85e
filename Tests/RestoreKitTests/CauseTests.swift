import BackupSet
@testable import RestoreKit
import ResgateLocale
import Testing
import XBase

/// Issue 15: a reason that is another of the engine's errors keeps that error's fact
/// (`Cause`), so the edge words it in the reader's language; only a foreign error keeps
/// its own words.
@Suite struct CauseTests {
    static let missingMemo = XBaseError.missingMemoFile(file: "VENDAS.DBF", expected: "VENDAS.FPT")

    @Test func ourErrorsKeepTheirFacts() {
        #expect(Cause(Self.missingMemo) == .xbase(Self.missingMemo))
        let d = Defect(.badLine, file: "VENDAS.TXT", line: 3, .memo(.lacksField))
        #expect(Cause(BackupSetError(d)) == .defect(DefectPlace(file: "VENDAS.TXT", line: 3, field: nil), .memo(.lacksField)))
        #expect(Cause(MergeFailure.unknownKeyField(table: "VENDAS", field: "COD"))
            == .restore(.mergeUnknownKeyField(table: "VENDAS", field: "COD")))
        struct Foreign: Error, CustomStringConvertible { var description: String { "Permission denied" } }
        #expect(Cause(Foreign()) == .foreign("Permission denied"))
    }

    @Test func aCauseIsWordedInTheReadersLanguage() {
        let p = Phrase.restore(.appendCannotWrite(table: "VENDAS", reason: Cause(Self.missingMemo)))
        #expect(p.text(in: .pt) == "não foi possível gravar em VENDAS: VENDAS.DBF: o arquivo de memos VENDAS.FPT não existe")
        #expect(p.text(in: .en) == "cannot write VENDAS: VENDAS.DBF: memo file VENDAS.FPT is missing")
        let d = DefectReason.restore(.tableUnreadable(reason: .defect(DefectPlace(file: "VENDAS.TXT", line: 3, field: "NOME"), .memo(.lacksField))))
        #expect(d.text(in: .pt) == "a tabela não pode ser lida: VENDAS.TXT, linha 3, campo NOME: o DBF de memos não tem este campo")
    }

    @Test func aValueThatDoesNotFitIsAFact() {
        let f = FieldDescriptor(name: "QTD", type: .numeric, length: 5, decimals: 1)
        guard case .failure(.doesNotFit(let why)) = ValueConversion.convert(.string("x"), to: f) else {
            Issue.record("text into N 5,1 must not fit"); return
        }
        #expect(why == .notANumber(.kind(.text)))
        #expect(DefectReason.restore(.doesNotFitLiveField(reason: why)).text(in: .pt) == "valor não cabe no campo atual: um valor de texto não é um número")
    }
}
