import Foundation
import ResgateTestSupport
import Testing
@testable import XBase

@Suite struct IndexSeekAndCreateTests {
    static let vendas = IndexFixtures.root + "/harbour/vendas"

    @Test func seekFindsEveryRecordWithTheKey() throws {
        let table = try DBFTable.open(path: Self.vendas + ".dbf")
        let cdx = try CDXFile.open(path: Self.vendas + ".cdx")
        let tag = try #require(cdx.tag(named: "SERIENUM"))
        let hit = try #require(try cdx.seek(Array("2  ".utf8) + Array("       40".utf8), in: tag, fill: 0x20))
        #expect(hit.found)
        let numero = try #require(table.field(named: "NUMERO")), serie = try #require(table.field(named: "SERIE"))
        let values = try table.values(at: Int(hit.entry.recno) - 1).values
        let fieldIndex = { (f: FieldDescriptor) in table.fields.firstIndex(of: f)! }
        #expect("\(values[fieldIndex(serie)])".contains("2"))
        #expect("\(values[fieldIndex(numero)])".contains("40"))
        // A prefix seek lands on the first key of series 10.
        let prefix = try #require(try cdx.seek(Array("10".utf8), in: tag, fill: 0x20))
        #expect(prefix.found && prefix.entry.key.starts(with: Array("10 ".utf8)))
        #expect(try cdx.seek(Array("9".utf8), in: tag, fill: 0x20) == nil)
        // Numeric tag: the first entry ≥ 7 has NUMERO 7.
        let num = try #require(cdx.tag(named: "NUMERO"))
        let seven = (0..<8).map { UInt8(truncatingIfNeeded: TagKeyBuilder.orderedBits(7) >> UInt64(8 * (7 - $0))) }
        let n = try #require(try cdx.seek(seven, in: num, fill: 0))
        #expect(n.found)
        #expect("\(try table.values(at: Int(n.entry.recno) - 1).values[fieldIndex(numero)])".contains("7"))
    }

    @Test func createBuildsAnIndexForATableWithoutOne() throws {
        let dir = IndexFixtures.scratch("create")
        let dbf = dir + "/vendas.dbf"
        try FileManager.default.copyItem(atPath: Self.vendas + ".dbf", toPath: dbf)
        let table = try DBFTable.open(path: dbf)
        let tags = [TagDefinition(name: "NUMERO", keyExpression: "NUMERO"),
                    TagDefinition(name: "SERIENUM", keyExpression: "SERIE+STR(NUMERO,9)"),
                    TagDefinition(name: "EMISSAO", keyExpression: "DTOS(EMISSAO)"),
                    TagDefinition(name: "ATIVAS", keyExpression: "NUMERO", forExpression: "!CANCELADA"),
                    TagDefinition(name: "CHAVE", keyExpression: "CHAVE", unique: true)]
        try CDXWriter.create(table: table, tags: tags, to: dir + "/vendas.cdx")
        let made = try CDXFile.open(path: dir + "/vendas.cdx")
        #expect(made.tags.map(\.name) == tags.map(\.name))
        #expect(made.tags.map(\.keyLength) == [8, 12, 8, 8, 44])
        #expect(IndexVerifier.verify(table: table, index: made).isEmpty)
        let original = try CDXFile.open(path: Self.vendas + ".cdx")
        for name in ["NUMERO", "SERIENUM", "EMISSAO", "ATIVAS"] {
            let a = try #require(original.tag(named: name)), b = try #require(made.tag(named: name))
            let fill: UInt8 = name == "SERIENUM" || name == "EMISSAO" ? 0x20 : 0
            #expect(try original.entries(of: a, fill: fill) == made.entries(of: b, fill: fill), "\(name)")
            if PerlIndexReader.isAvailable {
                #expect(try PerlIndexReader.entries(file: Self.vendas + ".cdx", tag: name)
                        == PerlIndexReader.entries(file: dir + "/vendas.cdx", tag: name), "\(name) through XBase::Index")
            }
        }
        // The outside reader seeks in the index we wrote, and finds what our seek finds.
        if PerlIndexReader.isAvailable {
            let tag = try #require(made.tag(named: "SERIENUM"))
            let ours = try #require(try made.seek(Array("2         40".utf8), in: tag, fill: 0x20))
            #expect(try PerlIndexReader.seek(file: dir + "/vendas.cdx", tag: "SERIENUM", numeric: false, key: "2         40")
                    == "2         40\t\(ours.entry.recno)")
            #expect(try PerlIndexReader.seek(file: dir + "/vendas.cdx", tag: "NUMERO", numeric: true, key: "40").hasPrefix("40\t"))
        }
        // UNIQUE keeps one entry per distinct key (the blank CHAVE of every 111th record once).
        let chave = try made.entries(of: try #require(made.tag(named: "CHAVE")), fill: 0x20)
        #expect(Set(chave.map(\.key)).count == chave.count)
        #expect(chave.count == 2000 - (2000 / 111) + 1)
    }
}
