import Testing
import Foundation
@testable import XBase

@Suite struct TableNameTests {
    @Test func acceptsFoxProNamesAndComparesWithoutCase() throws {
        let a = try #require(TableName("Vendas"))
        #expect(a == TableName("VENDAS"))
        #expect(a.canonical == "VENDAS")
        #expect(a.dbfFileName == "VENDAS.DBF")
        #expect(TableName("01CAIXA")?.canonical == "01CAIXA")
        #expect(TableName("_NF_ITEM")?.canonical == "_NF_ITEM")
        #expect(TableName(fileName: "clientes.dbf")?.canonical == "CLIENTES")
        #expect(TableName(fileName: "clientes.fpt") == nil)
    }

    @Test func refusesPathsDotsAndEscapes() {
        for bad in ["", "..", ".resgate", "a/b", "..\\x", "VEN DAS", "VENDAS.DBF", "A\u{1B}[2J", "AÇÃO",
                    String(repeating: "A", count: 129)] {
            #expect(TableName(bad) == nil, "\(bad) must be refused")
            #expect(TableName.problem(with: bad) != nil)
        }
        #expect(TableName.problem(with: "a.b") == .badCharacter(0x2E))
        #expect(TableName.problem(with: "") == .empty)
    }

    @Test func codableAsPlainString() throws {
        let data = try JSONEncoder().encode([TableName("vendas")!])
        #expect(String(decoding: data, as: UTF8.self) == "[\"VENDAS\"]")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([TableName].self, from: Data("[\"../x\"]".utf8)) }
    }

    @Test func escapesControlCharactersForTheTerminal() {
        #expect(printableEscaped("A\u{1B}[2JB") == "A\\x1B[2JB")
        #expect(printableEscaped("Ação") == "Ação")
        #expect(printableEscaped("a\\b") == "a\\\\b")
    }
}
