import Foundation
import Testing
import XBase
@testable import Fiscal

/// The drafted voiding requests (`inutNFe` 4.00) against the official schemas, with
/// xmllint (Debian `libxml2-utils`; scripts/install-test-deps.sh installs it).
///
/// The requests are unsigned — the store's A1 certificate signs them in the ERP — while
/// the schema requires `ds:Signature`. So each request is validated twice:
/// 1. as written: the ONLY schema error allowed is the missing `Signature`;
/// 2. with a structurally valid placeholder `Signature` inserted (the fixed algorithms of
///    the NF-e's restricted xmldsig schema, dummy base64 values): it must be valid.
@Suite struct VoidingRequestTests {
    static let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Schemas").path
    let today = DBFDate(year: 2026, month: 7, day: 16)

    func request(cnpj: String, first: Int, last: Int, year: Int = 26) -> VoidingRequest {
        VoidingRequest(id: "ID35" + String(format: "%02d", year) + cnpj + "65001" + String(format: "%09d%09d", first, last),
                       state: 35, year: year, cnpj: cnpj, model: 65, series: 1, first: first, last: last,
                       deadline: "2026-08-10", daysLeft: 25, file: nil)
    }

    static func placeholderSignature(id: String) -> String {
        "<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><SignedInfo>"
            + "<CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"/>"
            + "<SignatureMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#rsa-sha1\"/>"
            + "<Reference URI=\"#\(id)\"><Transforms>"
            + "<Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>"
            + "<Transform Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"/></Transforms>"
            + "<DigestMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#sha1\"/>"
            + "<DigestValue>AAAAAAAAAAAAAAAAAAAAAAAAAAA=</DigestValue></Reference></SignedInfo>"
            + "<SignatureValue>AAAA</SignatureValue><KeyInfo><X509Data><X509Certificate>AAAA</X509Certificate>"
            + "</X509Data></KeyInfo></Signature>"
    }

    /// xmllint's exit status and messages for `xml` against `package`'s inutNFe schema.
    func xmllint(_ xml: String, package: String) throws -> (status: Int32, output: String) {
        let dir = Fixtures.tempFolder("inut")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/request.xml"
        try Data(xml.utf8).write(to: URL(fileURLWithPath: file))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["xmllint", "--noout", "--schema", Self.schemas + "/" + package + "/inutNFe_v4.00.xsd", file]
        let pipe = Pipe()
        p.standardError = pipe
        p.standardOutput = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, out)
    }

    static var haveXmllint: Bool {
        ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func signed(_ xml: String, id: String) -> String {
        xml.replacingOccurrences(of: "</infInut></inutNFe>", with: "</infInut>" + Self.placeholderSignature(id: id) + "</inutNFe>")
    }

    @Test(arguments: [("12345678000195", "PL_009_V4"), ("12345678000195", "PL_010_V1.30"), ("12ABC34501DE35", "PL_010_V1.30")])
    func validAgainstTheOfficialSchema(cnpj: String, package: String) throws {
        guard Self.haveXmllint else {
            Issue.record("xmllint is missing: run scripts/install-test-deps.sh (Debian libxml2-utils)"); return
        }
        let r = request(cnpj: cnpj, first: 53, last: 55)
        let xml = VoidingDrafter.xml(r, justification: "Numeração pulada por falha no PDV & no <servidor>")
        #expect(r.id.count == 43)
        // as written (unsigned): the one error is the missing Signature
        let unsigned = try xmllint(xml, package: package)
        #expect(unsigned.status != 0)
        let errors = unsigned.output.split(separator: "\n").filter { $0.contains("error") || $0.contains("Schemas validity") }
        #expect(errors.count == 1, "\(unsigned.output)")
        #expect(errors.first?.contains("Missing child element(s). Expected is ( {http://www.w3.org/2000/09/xmldsig#}Signature )") == true,
                "\(unsigned.output)")
        // with a placeholder signature: valid
        let ok = try xmllint(signed(xml, id: r.id), package: package)
        #expect(ok.status == 0, "\(ok.output)")
        #expect(ok.output.contains("validates"))
    }

    @Test func alphanumericCNPJIsRefusedByTheOlderPackage() throws {
        guard Self.haveXmllint else { Issue.record("xmllint is missing"); return }
        let r = request(cnpj: "12ABC34501DE35", first: 1, last: 1)
        let out = try xmllint(signed(VoidingDrafter.xml(r, justification: "Falha no sistema do PDV"), id: r.id), package: "PL_009_V4")
        #expect(out.status != 0)
        #expect(out.output.contains("CNPJ") || out.output.contains("Id"))
    }

    @Test func aSchemaBreakIsCaught() throws {
        // the validation is not vacuous: a wrong xServ and a too-short justification fail
        guard Self.haveXmllint else { Issue.record("xmllint is missing"); return }
        let r = request(cnpj: "12345678000195", first: 1, last: 2)
        let bad = signed(VoidingDrafter.xml(r, justification: "curta demais"), id: r.id)
        let out = try xmllint(bad, package: "PL_009_V4")
        #expect(out.status != 0 && out.output.contains("xJust"))
    }

    @Test func plannedFromTheVerdictsSplitAtTenThousand() throws {
        // data 1 and 25,003; XML authorizes both: 2…25,002 is one void run of 25,001 numbers
        let cnpj = "12345678000195"
        let table = InMemoryTable(name: "NOTAS", fieldNames: ["NNF", "SERIE", "MOD"],
                                  rows: [1, 25_003].map { [.number(DecimalNumber(Int64($0))), .number(DecimalNumber(1)), .number(DecimalNumber(65))] })
        var idx = AuthorizedIndex()
        var reader = FiscalXMLReader()
        for num in [1, 25_003] {
            Array(Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 1, number: num).utf8).withUnsafeBytes {
                reader.read($0, file: "n\(num).xml", into: &idx)
            }
        }
        idx.normalize()
        let cfg = CheckConfig(sequences: [SequenceConfig(table: "NOTAS", number: "NNF", series: "SERIE", model: "MOD", cnpjValue: cnpj)])
        let report = try FiscalCheck.run(data: InMemoryData(tables: [table]), index: idx, config: cfg, today: today)
        let draft = try VoidingDrafter.plan(report: report, index: idx, justification: "Falha no sistema do PDV", today: today)
        #expect(draft.requests.map { [$0.first, $0.last] } == [[2, 10_001], [10_002, 20_001], [20_002, 25_002]])
        #expect(draft.requests.allSatisfy { $0.count <= VoidingDrafter.maxNumbers })
        let first = try #require(draft.requests.first)
        // ID + cUF + ano + CNPJ + mod + serie + nNFIni + nNFFin
        #expect(first.id == "ID" + "35" + "26" + cnpj + "65" + "001" + "000000002" + "000010001")
        #expect(first.deadline == "2026-08-10" && first.daysLeft == 25)
        // written one file per request, nothing else in the folder
        let out = Fixtures.tempFolder("inut-out")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let written = try VoidingDrafter.write(draft, to: out)
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == written.requests.compactMap { $0.file.map { ($0 as NSString).lastPathComponent } }.sorted())
        #expect(files.count == 3 && files.allSatisfy { $0.hasSuffix("-ped-inu.xml") })
        let text = try String(contentsOfFile: out + "/" + files[0], encoding: .utf8)
        #expect(text.contains("<tpAmb>1</tpAmb><xServ>INUTILIZAR</xServ><cUF>35</cUF><ano>26</ano>"))
    }

    @Test(arguments: ["curta", String(repeating: "x", count: 256), " começa com espaço", "duas\nlinhas de justificativa",
                      "emoji não cabe 😀 no esquema"])
    func badJustificationsAreRefused(_ text: String) {
        #expect(throws: FiscalError.self) { try VoidingDrafter.check(text) }
    }

    @Test func goodJustificationPasses() throws {
        try VoidingDrafter.check("Numeração pulada por falha no sistema do PDV")
        try VoidingDrafter.check(String(repeating: "x", count: 255))
    }
}
