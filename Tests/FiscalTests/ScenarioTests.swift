import Foundation
import StoreOps
import Testing
import XBase
import ResgateLocale
@testable import Fiscal

/// The judging scenario's shape, end to end: real DBF tables written by XBase's writer,
/// an XML folder in mixed styles, `FiscalCheck.run` on paths, JSON per the CLI contract.
@Suite struct ScenarioTests {
    func sequence(_ r: CheckReport, _ issuer: String, _ model: Int, _ series: Int) -> CheckItem? {
        r.checks.first { $0.sequence?.issuer == issuer && $0.sequence?.model == model && $0.sequence?.series == series }
    }

    func expectScenario(_ report: CheckReport) throws {
        let a1 = try #require(sequence(report, Scenario.a, 65, 1))
        let s = try #require(a1.sequence)
        #expect(a1.status == .fail)
        #expect(s.lastInData == 100)
        #expect(s.lastAuthorized == 115)
        #expect(s.nextSafe == 116)
        #expect(s.gaps == [[57, 57], [114, 114]])
        #expect(s.duplicates == [])
        #expect(s.authorizedAfterData.map(\.number) == Array(101...110) + [115])
        #expect(s.authorizedAfterData.filter(\.cancelled).map(\.number) == [105])
        #expect(s.voided == [[111, 113]])
        #expect(s.wrongKeys.isEmpty)

        let a2 = try #require(sequence(report, Scenario.a, 65, 2))
        #expect(a2.status == .fail)
        #expect(a2.sequence?.lastInData == 10 && a2.sequence?.lastAuthorized == 10 && a2.sequence?.nextSafe == 11)
        #expect(a2.sequence?.gaps == [])
        #expect(a2.sequence?.wrongKeys.map(\.number) == [7])
        #expect(a2.sequence?.wrongKeyCount == 1)
        #expect(a2.sequence?.wrongKeys.first?.record == 106)
        #expect(a2.sequence?.wrongKeys.first?.source == .data)

        let b = try #require(sequence(report, Scenario.b, 55, 2))
        #expect(b.status == .ok)
        #expect(b.sequence?.lastInData == 20 && b.sequence?.lastAuthorized == 20 && b.sequence?.nextSafe == 21)
        #expect(b.sequence?.gaps == [] && b.sequence?.wrongKeys == [])

        #expect(report.checks.filter { $0.name == "fiscal-sequence" }.count == 3)
        #expect(sequence(report, Scenario.supplier, 55, 1) == nil)
        let xml = try #require(report.checks.first { $0.name == "xml-files" })
        #expect(xml.status == .warning)
        #expect(xml.xml?.broken.count == 1)
        #expect(xml.xml?.broken.first?.file.hasSuffix("quebrado.xml") == true)
        #expect(xml.xml?.otherIssuers == [SeriesID(issuer: Scenario.supplier, model: 55, series: 1)])
        #expect(report.status == .fail)
        #expect(report.exitCode == 1)
        // most severe first
        let ranks = report.checks.map(\.status)
        #expect(ranks == ranks.sorted(by: >))
    }

    @Test func inMemoryDataAgainstXMLFolder() throws {
        let xmlDir = Fixtures.tempFolder("xml")
        defer { try? FileManager.default.removeItem(atPath: xmlDir) }
        Scenario.writeXML(to: xmlDir)
        let index = try XMLIndexer.index(folder: xmlDir)
        let cfg = CheckConfig(sequences: [SequenceConfig(table: "VENDAS", number: "NUMERO", series: "SERIE", model: "MODELO", key: "CHAVE")])
        let report = try FiscalCheck.run(data: Scenario.memoryData, index: index, xmlFolder: xmlDir, config: cfg)
        try expectScenario(report)
    }

    @Test func realTablesWithConfigFileAndJSON() throws {
        let data = Fixtures.tempFolder("data")
        let xmlDir = Fixtures.tempFolder("xml")
        defer { try? FileManager.default.removeItem(atPath: data); try? FileManager.default.removeItem(atPath: xmlDir) }
        try Scenario.writeData(to: data)
        Scenario.writeXML(to: xmlDir)
        Fixtures.write("""
        # the store's checks
        \(Fixtures.salesSequence())

        [[rule]]
        kind = "reference"
        table = "VENDAS"
        field = "CLIENTE"
        references = "CLIENTES.CODIGO"

        [[rule]]
        kind = "not-empty"
        table = "CLIENTES"
        min = 5
        """, to: "\(data)/resgate.toml")
        let report = try FiscalCheck.run(data: data, xml: xmlDir)
        try expectScenario(report)
        #expect(report.configFile == "\(data)/resgate.toml")
        #expect(report.checks.first { $0.name == "reference" }?.status == .ok)
        #expect(report.checks.first { $0.name == "not-empty" }?.status == .ok)

        // the JSON keys the CLI contract names
        let json = try JSONSerialization.jsonObject(with: JSONDocument.encode(report.document(in: .pt))) as! [String: Any]
        let checks = json["checks"] as! [[String: Any]]
        let a1 = checks.first { ($0["issuer"] as? String) == Scenario.a && ($0["series"] as? Int) == 1 }!
        #expect(a1["name"] as? String == "fiscal-sequence")
        #expect(a1["status"] as? String == "fail")
        #expect((a1["message"] as? String)?.contains("Ajuste o contador do ERP para que a próxima nota seja a 116") == true)
        #expect(a1["model"] as? Int == 65)
        #expect(a1["cnpj"] as? String == Scenario.a)
        #expect(a1["lastInData"] as? Int == 100)
        #expect(a1["lastAuthorized"] as? Int == 115)
        #expect(a1["nextSafe"] as? Int == 116)
        #expect(a1["gaps"] as? [[Int]] == [[57, 57], [114, 114]])
        #expect(a1["duplicates"] as? [Int] == [])
        #expect(checks.allSatisfy { ["ok", "warning", "fail"].contains($0["status"] as? String ?? "") })
        // and it decodes back
        let back = try JSONDecoder().decode(CheckReport.self, from: JSONDocument.encode(report.document(in: .pt)))
        #expect(back.checks.map(\.sequence) == report.checks.map(\.sequence))
        #expect(back.checks.map(\.message.words) == report.checks.map(\.message.words))

        // the terminal report: failures first, in Portuguese
        let text = ReportText.render(report, language: .pt)
        #expect(text.contains("FALHA (2)"))
        #expect(text.range(of: "FALHA")!.lowerBound < text.range(of: "AVISO")!.lowerBound)
        #expect(text.range(of: "AVISO")!.lowerBound < text.range(of: "OK (")!.lowerBound)
    }

    @Test func discoveryWithoutConfigSaysWhatItUsed() throws {
        let data = Fixtures.tempFolder("data")
        let xmlDir = Fixtures.tempFolder("xml")
        defer { try? FileManager.default.removeItem(atPath: data); try? FileManager.default.removeItem(atPath: xmlDir) }
        try Scenario.writeData(to: data)
        Scenario.writeXML(to: xmlDir)
        let report = try FiscalCheck.run(data: data, xml: xmlDir)
        try expectScenario(report)
        let said = try #require(report.discovery)
        #expect(said.words.en.contains("used table VENDAS (fields NUMERO, SERIE, MODELO, CHAVE)"))
        #expect(said.words.pt.contains("usei a tabela VENDAS"))
        #expect(try JSONDecoder().decode(CheckReport.self, from: JSONDocument.encode(report.document(in: .en))).discovery?.words == said.words)
    }
}
