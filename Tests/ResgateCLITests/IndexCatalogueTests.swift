import Foundation
import ResgateLocale
import Testing

/// Every fact of the CDX index code (`IndexFailure.swift`: index errors, malformed-page
/// reasons, expression refusals, DBC problems, verifier findings) is told in both
/// languages, and the Portuguese holds no English word (`EnglishLeaks`). The samples must
/// reach every case declared in that file.
@Suite struct IndexCatalogueTests {
    static let file = "VENDAS.CDX"
    static let table = XBaseFailure.badHeader(file: "VENDAS.DBF", reason: .recordLengthZero)
    static let malformed = IndexFailure.malformed(file: file, tag: "CODIGO", offset: 1_536, reason: .cycle)

    static let reasons: [IndexReason] = [
        .fileTooShort(bytes: 100), .directoryKeyLength(12), .tagOutsideFile(tag: "CODIGO", offset: 99_999),
        .tagHeaderSize(bytes: 700), .tooManyTags, .nodePointer(offset: 1_000, fileSize: 4_096), .treeTooDeep, .cycle,
        .rootNotMarked, .innerMarkedRoot, .pageCut(bytes: 300), .keyLengthImpossible(300), .notANodeType(attribute: 9),
        .neitherInteriorNorLeaf(attribute: 4), .interiorCount(keys: 90, room: 50), .interiorEmpty,
        .interiorLeftLink(1_024, expected: -1), .interiorRightLink(-1, next: 2_048), .lastInteriorRightLink(2_048),
        .leafWidths(record: 30, duplicate: 20, trailing: 20, entryBytes: 4), .leafMasks, .leafCount(keys: 200, bytes: 4),
        .keyCompression(key: 3, duplicate: 8, trailing: 6, keyLength: 10), .firstKeyShares(bytes: 2), .keysIntoEntries(key: 5),
        .leafFreeSpace(says: 100, leaves: 120), .leafLeftLink(512, previous: -1), .leafRightLink(-1, next: 2_560),
        .lastLeafRightLink(3_072), .parentKey,
    ]

    static let syntax: [SyntaxReason] = [
        .trailingText, .expected(")"), .fieldAfterAlias("VENDAS"), .endsTooEarly, .unexpectedToken, .unclosedString,
        .badNumber("1.2.3"), .unknownDotWord("X"), .unexpectedCharacter("@"),
    ]

    static let expressions: [ExpressionReason] = syntax.map { .syntax(position: 4, $0) } + [
        .noField("TOTAL"), .containerLacksField(container: "LOJA.DBC", field: "DESCRICAO_LONGA"),
        .fieldNotKeyable(field: "FOTO", type: "G"), .notNeedsLogical, .unaryNeedsNumber(minus: true), .unaryNeedsNumber(minus: false),
        .unknownFunction("SOUNDEX"), .logicalOperands(op: ".AND."), .cannotCompare(.character, .date), .containsNeedsCharacters,
        .cannotApply(op: "+", .logical, .numeric), .needsNumbers(op: "*"), .badArguments(function: "LEFT", [.date, .dateTime]),
        .onlyWithOne(function: "DTOC"), .needsDate(function: "YEAR"), .iifArguments, .emptyTakesOne, .bintocSize, .forNotLogical,
        .keyDoesNotFit(.integer, keyLength: 8), .keyWidth(bytes: 300),
        .notJudged(.keysDisagree(shared: 0, indexEntries: 50, recordEntries: 50)),
    ]

    static let containers: [ContainerReason] = [
        .notBeside(container: "LOJA.DBC"), .notAContainer(path: "LOJA.DBC", column: "OBJECTID"),
        .noTableObject(path: "LOJA.DBC", table: "VENDAS"), .tableObjects(path: "LOJA.DBC", count: 2, table: "VENDAS"),
        .fieldCount(path: "LOJA.DBC", listed: 3, table: "VENDAS", fields: 4),
        .fieldMismatch(path: "LOJA.DBC", long: "DESCRICAO_LONGA", short: "NOME"), .unreadable(table),
    ]

    static let failures: [IndexFailure] = {
        var f: [IndexFailure] = [.cannotOpen(file: file, reason: .system(errno: 2)), .io(file: file, reason: .shortRead)]
        f += reasons.map { .malformed(file: file, tag: "CODIGO", offset: 1_536, reason: $0) }
        f += [.malformed(file: file, tag: nil, offset: 0, reason: .fileTooShort(bytes: 100))]
        f += expressions.map { .unsupportedExpression(file: file, tag: "CODIGO", expression: "UPPER(NOME)", reason: $0) }
        return f + [.unsupportedCollation(file: file, tag: "NOME", collation: "GENERAL"), .table(table)]
    }()

    static let findings: [IndexFinding] = [
        .failure(malformed), .tableUnreadable(.table(table)), .binaryIndex(malformed),
        .keysDisagree(shared: 1, indexEntries: 40, recordEntries: 41),
        .entriesDiffer(indexEntries: 9, recordEntries: 10, first: .missing("10:ZE")),
        .entriesDiffer(indexEntries: 10, recordEntries: 10, first: .at(position: 3, index: "3:AB", records: nil)),
        .unsortedAndDiffer(entry: 5, shown: "5:A", previous: "4:B", first: .extra("11:Z")),
        .unsortedAndDiffer(entry: 5, shown: "5:A", previous: "4:B", first: nil), .outOfOrder(entry: 5, shown: "5:A", previous: "4:B"),
        .nationalCollation(position: 7, before: "6:É", after: "7:F"), .newTagCount(new: 2, old: 3), .newTagHeaderDiffers,
        .newOutOfOrder(entry: 4), .newEntryCount(entries: 9, records: 10), .newEntriesDiffer, .cannotCheckNew(malformed),
    ]

    @Test func everyIndexFactIsToldInBothLanguages() {
        let told: [(Any, String, String)] = Self.failures.map { ($0, $0.text(in: .pt), $0.text(in: .en)) }
            + Self.findings.map { ($0, $0.text(in: .pt), $0.text(in: .en)) }
            + Self.containers.map { ($0, $0.text(in: .pt), $0.text(in: .en)) }
        for (fact, pt, en) in told {
            #expect(!pt.isEmpty && !en.isEmpty && pt != en, "\(fact)")
            EnglishLeaks.expectNone(in: pt, command: ["reindex", "\(fact)"])
        }
        for f in Self.failures { #expect(f.description == f.text(in: .en)) }
    }

    /// The English of before the facts, word for word (scripts and tests read it).
    @Test func theEnglishIsKept() {
        #expect(Self.malformed.description == "VENDAS.CDX: tag CODIGO, page at offset 1536: page reached twice: the tree has a cycle")
        #expect(IndexFailure.unsupportedExpression(file: "t.cdx", tag: "T", expression: "A +", reason: .syntax(position: 4, .endsTooEarly))
            .description == "t.cdx: tag T: expression \"A +\" is not supported: at position 4: expression ends too early")
        #expect(IndexFinding.entriesDiffer(indexEntries: 3, recordEntries: 4, first: .at(position: 2, index: "2:B", records: "3:C"))
            .text(in: .en) == "the index has 3 entries, the table gives 4; first difference at position 2: index has 2:B, records give 3:C")
        #expect(Self.malformed.text(in: .pt) == "VENDAS.CDX: tag CODIGO, página na posição 1536: página alcançada duas vezes: a árvore tem um ciclo")
    }

    @Test func everyCaseHasASample() throws {
        var covered = Set<String>()
        for f in Self.failures { DefectCatalogueTests.caseNames(f, into: &covered) }
        for f in Self.findings { DefectCatalogueTests.caseNames(f, into: &covered) }
        for c in Self.containers { DefectCatalogueTests.caseNames(c, into: &covered) }
        for t in ExpressionType.allCases { DefectCatalogueTests.caseNames(t, into: &covered) }
        let declared = try DefectCatalogueTests.declaredCases(in: "IndexFailure.swift")
        #expect(declared.count > 90, "\(declared.count) cases read from IndexFailure.swift")
        let missing = declared.subtracting(covered).sorted()
        #expect(missing.isEmpty, "cases without a sample: \(missing)")
    }
}
