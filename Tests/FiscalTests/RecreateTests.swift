import Foundation
import ResgateTestSupport
import Testing
import XBase
@testable import Fiscal
@testable import RestoreKit

/// `recreate` on real VFP tables (a memo field, a structural CDX) and XML generated here:
/// 1–2 in the data; 3 and 6 authorized and missing (re-created); 4 authorized then
/// cancelled (not re-created); 5 an entry note (listed, not re-created).
@Suite struct RecreateTests {
    static let cnpj = "12345678000195"

    struct Store {
        let root = Fixtures.tempFolder("recreate")
        var data: String { root + "/dados" }
        var xml: String { root + "/xml" }
    }

    static func note(_ n: Int, entry: Bool = false, payment: String = "03") -> String {
        let k = Fixtures.key(cnpj: cnpj, model: 65, series: 1, number: n)
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <nfeProc xmlns="http://www.portalfiscal.inf.br/nfe" versao="4.00"><NFe><infNFe Id="NFe\(k)" versao="4.00">
            <ide><cUF>35</cUF><cNF>12345678</cNF><mod>65</mod><serie>1</serie><nNF>\(n)</nNF>
            <dhEmi>2026-07-10T10:\(10 + n):00-03:00</dhEmi><tpNF>\(entry ? 0 : 1)</tpNF><tpEmis>1</tpEmis><cDV>\(k.suffix(1))</cDV><tpAmb>1</tpAmb></ide>
            <emit><CNPJ>\(cnpj)</CNPJ></emit><dest><CPF>12345678909</CPF></dest>
            <det nItem="1"><prod><cProd>789100\(n)</cProd><xProd>CAFÉ TORRADO E MOÍDO 500G EXTRA FORTE EMBALAGEM A VÁCUO</xProd>
            <qCom>2.0000</qCom><uCom>UN</uCom><vUnCom>19.90</vUnCom><vProd>39.80</vProd><CFOP>5102</CFOP><NCM>09012100</NCM></prod></det>
            <det nItem="2"><prod><cProd>42</cProd><xProd>PÃO</xProd><qCom>0.5000</qCom><uCom>KG</uCom><vUnCom>12.00</vUnCom>
            <vProd>6.00</vProd><CFOP>5102</CFOP><NCM>19059090</NCM></prod></det>
            <total><ICMSTot><vDesc>0.80</vDesc><vNF>45.00</vNF></ICMSTot></total>
            <pag><detPag><tPag>\(payment)</tPag><vPag>45.00</vPag></detPag><detPag><tPag>01</tPag><vPag>0.00</vPag></detPag></pag>
            </infNFe></NFe><protNFe versao="4.00"><infProt><chNFe>\(k)</chNFe><nProt>13526000000000\(n)</nProt><cStat>100</cStat></infProt></protNFe></nfeProc>
            """
    }

    static let config = """
        [fiscal]
        xml = "../xml"

        \(Fixtures.salesSequence(cnpj: cnpj))

        [recreate]
        mark = { field = "ORIGEM", value = "XML" }

        [recreate.sales]
        table = "VENDAS"
        fields = { NUMERO = "ide/nNF", SERIE = "ide/serie", MODELO = "ide/mod", EMISSAO = "ide/dhEmi", TOTAL = "total/ICMSTot/vNF", CHAVE = "protNFe/infProt/chNFe", PAGTO = { xml = "pag/detPag/tPag", map = { "01" = "DI", "03" = "CC" } }, CPF = "dest/CPF|dest/CNPJ" }

        [recreate.items]
        table = "ITENS"
        fields = { VENDA = "ide/nNF", PRODUTO = "det/prod/cProd", DESCR = "det/prod/xProd", QTD = "det/prod/qCom", ITEM = "det/@nItem" }
        """

    static func make(config: String = config, notes: [Int: String]? = nil) throws -> Store {
        let s = Store()
        try FileManager.default.createDirectory(atPath: s.data, withIntermediateDirectories: true)
        let f = { (n: String, t: FieldType, l: Int, d: Int) in FieldDescriptor(name: n, type: t, length: l, decimals: d) }
        let vendas = [f("NUMERO", .numeric, 9, 0), f("SERIE", .character, 3, 0), f("MODELO", .character, 2, 0),
                      f("CHAVE", .character, 44, 0), f("EMISSAO", .date, 8, 0), f("TOTAL", .numeric, 12, 2),
                      f("PAGTO", .character, 2, 0), f("CPF", .character, 14, 0), f("ORIGEM", .character, 6, 0), f("OBS", .memo, 4, 0)]
        let rows: [[DBFValue]] = [1, 2].map { n in
            [.number(DecimalNumber(Int64(n))), .string("1"), .string("65"), .string(Fixtures.key(cnpj: cnpj, model: 65, series: 1, number: n)),
             .date(DBFDate(year: 2026, month: 7, day: 10)), .number(DecimalNumber(mantissa: 1000, scale: 2)), .string("DI"),
             .string(""), .string(""), .string("observação da venda \(n)")]
        }
        try Fixtures.writeTable(s.data + "/VENDAS.DBF", fields: vendas, rows: rows)
        // a structural CDX on NUMERO, flagged in the header as FoxPro does
        try CDXWriter.create(table: DBFTable.open(path: s.data + "/VENDAS.DBF"),
                             tags: [TagDefinition(name: "NUMERO", keyExpression: "NUMERO")], to: s.data + "/VENDAS.CDX")
        let h = try FileHandle(forUpdating: URL(fileURLWithPath: s.data + "/VENDAS.DBF"))
        try h.seek(toOffset: 28); let flags = try h.read(upToCount: 1)![0]
        try h.seek(toOffset: 28); try h.write(contentsOf: Data([flags | 1])); try h.close()
        try Fixtures.writeTable(s.data + "/ITENS.DBF",
                                fields: [f("VENDA", .numeric, 9, 0), f("ITEM", .integer, 4, 0), f("PRODUTO", .character, 14, 0),
                                         f("DESCR", .character, 30, 0), f("QTD", .numeric, 10, 3), f("ORIGEM", .character, 6, 0)],
                                rows: [[.number(DecimalNumber(1)), .integer(1), .string("1"), .string("X"), .number(DecimalNumber(1)), .string("")]])
        try config.write(toFile: s.data + "/resgate.toml", atomically: true, encoding: .utf8)
        for n in 1...6 {
            Fixtures.write(notes?[n] ?? note(n, entry: n == 5), to: s.xml + "/\(n)-nfce.xml")
        }
        Fixtures.write(Fixtures.procEvento(key: Fixtures.key(cnpj: cnpj, model: 65, series: 1, number: 4), cnpj: cnpj), to: s.xml + "/4-canc.xml")
        return s
    }

    /// The bytes of every file in DATA (not `.resgate`), by name: the tables are tiny.
    static func digest(_ folder: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name != ".resgate" {
            out[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        }
        return out
    }

    @Test func dryRunListsAndChangesNothing() throws {
        let s = try Self.make()
        let before = try Self.digest(s.data)
        let r = try Recreator.run(data: s.data, xml: nil, config: nil, dryRun: true)
        #expect(r.notes.map(\.number) == [3, 6])
        #expect(r.skipped.map(\.number) == [5] && r.skipped.first?.reason == .entryNote)
        #expect(r.stock.count == 4 && r.stock.first?.product == "7891003" && r.stock.first?.quantity == "2.0000")
        #expect(r.id == nil && r.tables.isEmpty)
        // xProd is longer than DESCR C(30): cut and listed, never silently
        #expect(r.truncated.count == 2 && r.truncated.allSatisfy { $0.hasPrefix("ITENS.DESCR") })
        #expect(try Self.digest(s.data) == before)
        #expect(!FileManager.default.fileExists(atPath: s.data + "/.resgate/undo"))
    }

    @Test func insertsMarkedRowsOnceKeepsMemosAndIndexAndUndoes() throws {
        let s = try Self.make()
        let before = try Self.digest(s.data)
        let r = try Recreator.run(data: s.data, xml: nil, config: nil, dryRun: false)
        let id = try #require(r.id)
        #expect(r.notes.map(\.salesRecord) == [3, 4])
        #expect(r.notes.map { $0.itemRecords ?? [] } == [[2, 3], [4, 5]])
        #expect(r.checkAfter == .warning)   // 5 (entry note) is still not in the data
        let vendas = try DBFTable.open(path: s.data + "/VENDAS.DBF")
        #expect(vendas.recordCount == 4)
        let row = try vendas.values(at: 2).values
        #expect(row[0] == .number(DecimalNumber(3)))
        #expect(row[3] == .string(Fixtures.key(cnpj: Self.cnpj, model: 65, series: 1, number: 3)))
        #expect(row[4] == .date(DBFDate(year: 2026, month: 7, day: 10)))
        #expect(row[5] == .number(DecimalNumber(mantissa: 4500, scale: 2)))
        #expect(row[6] == .string("CC"))            // tPag 03 through the map
        #expect(row[7] == .string("12345678909"))   // dest/CPF
        #expect(row[8] == .string("XML"))           // the mark
        #expect(try vendas.values(at: 1).values[9] == .string("observação da venda 2"))   // memo of an old row kept
        #expect(IndexVerifier.verify(table: vendas, indexPath: s.data + "/VENDAS.CDX").isEmpty)
        let itens = try DBFTable.open(path: s.data + "/ITENS.DBF")
        #expect(itens.recordCount == 5)
        let item = try itens.values(at: 2).values
        #expect(item[1] == .integer(2) && item[2] == .string("42") && item[4] == .number(DecimalNumber(mantissa: 5, scale: 1)))
        #expect(item[5] == .string("XML"))
        // never a duplicate: a second run finds nothing to do
        let again = try Recreator.run(data: s.data, xml: nil, config: nil, dryRun: false)
        #expect(again.notes.isEmpty && again.id == nil)
        #expect(try DBFTable.open(path: s.data + "/VENDAS.DBF").recordCount == 4)
        // undo puts every byte back
        _ = try UndoStore(data: s.data).undo(id: id)
        #expect(try Self.digest(s.data) == before)
    }

    @Test func tableHeldByTheERPIsRefusedAndNothingChanges() throws {
        let s = try Self.make()
        let before = try Self.digest(s.data)
        let fd = open(s.data + "/ITENS.DBF", O_RDWR)
        defer { close(fd) }
        #expect(testFlock(fd, LOCK_EX | LOCK_NB) == 0)
        #expect {
            _ = try Recreator.run(data: s.data, xml: nil, config: nil, dryRun: false)
        } throws: { e in
            if case TableAppend.Failure.locked(let t, _) = e { return t == "ITENS" }
            return false
        }
        #expect(try Self.digest(s.data) == before)
    }

    @Test func codeOutsideTheMapIsAnErrorNamingFileAndField() throws {
        let s = try Self.make(notes: [6: Self.note(6, payment: "17")])
        let before = try Self.digest(s.data)
        #expect {
            _ = try Recreator.run(data: s.data, xml: nil, config: nil, dryRun: true)
        } throws: { e in
            guard case let FiscalError.cannotMap(xml, table, field, _, text, _) = e else { return false }
            return xml.hasSuffix("/6-nfce.xml") && table == "VENDAS" && field == "PAGTO" && text == "17"
        }
        #expect(try Self.digest(s.data) == before)
    }

    @Test func withoutMappingIsUnusableInput() throws {
        let s = try Self.make(config: Self.config.components(separatedBy: "[recreate]")[0])
        #expect(throws: FiscalError.noRecreateMapping(configFile: s.data + "/resgate.toml")) {
            _ = try Recreator.run(data: s.data, xml: nil, config: nil, dryRun: true)
        }
    }

    /// No XML folder anywhere: a fact of `Recreator` (not an English reason), told by the
    /// command line in the person's language, exit 2, nothing changed.
    @Test func withoutXMLFolderIsUnusableInput() throws {
        let s = try Self.make(config: Self.config.replacingOccurrences(of: "xml = \"../xml\"", with: ""))
        let before = try Self.digest(s.data)
        #expect(throws: Recreator.Refusal.noXMLFolder) {
            _ = try Recreator.run(data: s.data, xml: nil, config: nil, dryRun: true)
        }
        let r = try ResgateBinary.run(["recreate", "--data", s.data, "--dry-run", "--lang", "pt"])
        #expect(r.status == 2)
        #expect(r.err.contains("a recriação precisa da pasta dos XML"), "\(r.err)")
        #expect(try Self.digest(s.data) == before)
    }

    @Test func commandLineWithoutYesAndNoTerminalRefusesAndExits2() throws {
        let s = try Self.make()
        let before = try Self.digest(s.data)
        let r = try ResgateBinary.run(["recreate", "--data", s.data, "--lang", "en"])
        #expect(r.status == 2)
        #expect(r.err.contains("--yes"))
        #expect(try Self.digest(s.data) == before)
    }
}

@_silgen_name("flock") private func testFlock(_ fd: Int32, _ operation: Int32) -> Int32
