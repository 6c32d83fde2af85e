import ResgateLocale
import Testing
import XBase
@testable import BackupSet

/// A defect's facts may hold names and bytes a hostile set chose: they are escaped when
/// told, in both languages, like the defect's place.
@Suite struct DefectWordsTests {
    @Test func valuesFromTheSetAreEscapedWhenTold() {
        let hostile = "A\u{1B}[2JB\u{07}"
        let reasons: [DefectReason] = [
            .zip(.duplicateMember(hostile)), .zip(.damaged(.memberOutside(hostile))), .zip(.unsafeName(member: hostile, .nulByte)),
            .set(.partsMissing([hostile, "T_2.TXT"])), .set(.badTableName(member: hostile, stem: hostile, .badCharacter(0x1B))),
            .structure(.unknownType(hostile)), .value(.notA(shown: hostile, .number)),
            .memo(.valueMismatch(text: hostile, memo: hostile)), .manifest(.unknownFormat(hostile)),
            .error(.foreign(hostile)), .restore(.refused(.mergeUnreadableLive(table: hostile, reason: .foreign(hostile)))),
        ]
        for r in reasons {
            let d = Defect(.badValue, table: hostile, file: hostile, line: 1, field: hostile, r)
            for l in Language.allCases {
                let m = d.message(in: l)
                #expect(!m.contains("\u{1B}") && !m.contains("\u{07}"), "\(m)")
                #expect(m.contains(printableEscaped(hostile)), "\(m)")
                #expect(d.text(in: l) == printableEscaped(r.text(in: l)))
            }
            #expect(d.words == Words(pt: d.text(in: .pt), en: d.text(in: .en)))
        }
    }

    @Test func theMessageIsThePlaceThenTheSentence() {
        let d = Defect(.wrongFieldCount, table: "VENDAS", file: "VENDAS.TXT", line: 12, field: "NOME",
                       .line(.fieldCount(found: 3, expected: 4)))
        #expect(d.message(in: .pt) == "VENDAS.TXT, linha 12, campo NOME: 3 campos onde eram esperados 4")
        #expect(d.message(in: .en) == "VENDAS.TXT, line 12, field NOME: 3 fields where 4 were expected")
        #expect(d.description == d.message(in: .en))
    }
}
