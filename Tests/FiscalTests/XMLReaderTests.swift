import Foundation
import Testing
@testable import Fiscal

@Suite struct XMLReaderTests {
    let cnpj = "12345678000195"

    @Test func prettyPrintedWithNamespaceAndBOM() throws {
        let xml = Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 1, number: 4321, style: .init(pretty: true, bom: true))
        let idx = Fixtures.index(xml)
        let docs = try #require(idx.series[SeriesID(issuer: cnpj, model: 65, series: 1)])
        let note = try #require(docs.notes[4321])
        #expect(note.key == Fixtures.key(cnpj: cnpj, model: 65, series: 1, number: 4321))
        #expect(note.status == 100)
        #expect(note.protocolNumber == "135260000004321")
        #expect(note.issued == "2026-07-10T10:15:00-03:00")
        #expect(note.keyProblems.isEmpty)
        #expect(idx.skipped.isEmpty)
    }

    @Test func singleLineWithPrefixes() throws {
        let xml = Fixtures.nfeProc(cnpj: cnpj, model: 55, series: 2, number: 9, style: .init(pretty: false, prefix: "nfe"))
        #expect(!xml.contains("\n<"))
        #expect(xml.contains("<nfe:nNF>9</nfe:nNF>"))
        let idx = Fixtures.index(xml)
        #expect(idx.series[SeriesID(issuer: cnpj, model: 55, series: 2)]?.notes[9] != nil)
    }

    @Test func withoutNamespaceAtAll() {
        let xml = Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 1, number: 3, style: .init(namespace: false))
        #expect(Fixtures.index(xml).series[SeriesID(issuer: cnpj, model: 65, series: 1)]?.notes[3] != nil)
    }

    @Test func deniedNoteSpendsItsNumberRejectedDoesNot() {
        let denied = Fixtures.index(Fixtures.nfeProc(cnpj: cnpj, model: 55, series: 1, number: 7, status: 302))
        #expect(denied.series.first?.value.notes[7]?.isDenied == true)
        let rejected = Fixtures.index(Fixtures.nfeProc(cnpj: cnpj, model: 55, series: 1, number: 7, status: 539))
        #expect(rejected.series.isEmpty)
        #expect(rejected.skipped.map(\.reason) == [.notAuthorized(status: 539)])
        let unsigned = Fixtures.index(Fixtures.nfeProc(cnpj: cnpj, model: 55, series: 1, number: 7, withProtocol: false))
        // signed but never authorized: not skipped, its number is held as pending
        #expect(unsigned.skipped.isEmpty)
        #expect(unsigned.series.first?.value.pending.map(\.number) == [7])
    }

    @Test func homologationIsLeftOut() {
        let idx = Fixtures.index(Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 1, number: 1, environment: 2))
        #expect(idx.series.isEmpty)
        #expect(idx.skipped.map(\.reason) == [.homologation])
    }

    @Test func keyWithWrongCheckDigitInXMLIsKeptAndFlagged() throws {
        let bad = Fixtures.key(cnpj: cnpj, model: 65, series: 1, number: 50, wrongDigit: true)
        let idx = Fixtures.index(Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 1, number: 50, key: bad))
        let note = try #require(idx.series[SeriesID(issuer: cnpj, model: 65, series: 1)]?.notes[50])
        #expect(note.keyProblems.count == 1)
        if case .wrongCheckDigit = note.keyProblems[0] {} else { Issue.record("expected a check digit problem") }
    }

    @Test(arguments: [false, true])
    func voidedRangeBothSpellings(capitalized: Bool) throws {
        let idx = Fixtures.index(Fixtures.procInut(cnpj: cnpj, model: 65, series: 1, first: 10, last: 14, capitalized: capitalized))
        let v = try #require(idx.series[SeriesID(issuer: cnpj, model: 65, series: 1)]?.voided.first)
        #expect(v.first == 10 && v.last == 14)
        #expect(v.protocolNumber == "135260000999999")
    }

    @Test func rejectedVoidingIsNotCounted() {
        let idx = Fixtures.index(Fixtures.procInut(cnpj: cnpj, model: 65, series: 1, first: 10, last: 14, status: 241))
        #expect(idx.series.isEmpty)
        #expect(idx.skipped.count == 1)
    }

    @Test func cancellationEventSpendsTheKeysNumber() throws {
        let key = Fixtures.key(cnpj: cnpj, model: 65, series: 3, number: 77)
        let idx = Fixtures.index(Fixtures.procEvento(key: key, cnpj: cnpj))
        let c = try #require(idx.series[SeriesID(issuer: cnpj, model: 65, series: 3)]?.cancellations[77])
        #expect(c.key == key)
        #expect(c.protocolNumber == "135260000000777")
        #expect(c.keyProblems.isEmpty)
        let bad = Fixtures.key(cnpj: cnpj, model: 65, series: 3, number: 78, wrongDigit: true)
        let badIdx = Fixtures.index(Fixtures.procEvento(key: bad, cnpj: cnpj))
        let expected = Fixtures.checkDigit(String(bad.prefix(43)))
        #expect(badIdx.series.first?.value.cancellations[78]?.keyProblems == [.wrongCheckDigit(found: (expected + 1) % 10, expected: expected)])
        let cce = Fixtures.index(Fixtures.procEvento(key: key, cnpj: cnpj, type: "110110"))
        #expect(cce.series.isEmpty)
        #expect(cce.skipped.map(\.reason) == [.otherEvent(type: "110110", status: 135)])
    }

    @Test func brokenFilesAreListedWithTheirLine() throws {
        let full = Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 1, number: 5)
        let halfway = String(full.prefix(full.count / 2))
        let t = Fixtures.index(halfway, file: "cut.xml")
        #expect(t.series.isEmpty)
        #expect(t.skipped.first?.reason.isBroken == true)
        let afterIde = String(full[..<full.range(of: "</ide>")!.upperBound])
        #expect(Fixtures.index(afterIde).skipped.map(\.reason) == [.broken(line: afterIde.components(separatedBy: "\n").count, defect: .endsBefore("infNFe"))])

        let mismatched = full.replacingOccurrences(of: "</serie>", with: "</series>")
        let expectedLine = mismatched.components(separatedBy: "\n").firstIndex { $0.contains("</series>") }! + 1
        #expect(Fixtures.index(mismatched).skipped.map(\.reason) == [.broken(line: expectedLine, defect: .mismatchedEndTag(found: "series", open: "serie"))])

        let missing = full.replacingOccurrences(of: "<nNF>5</nNF>", with: "")
        guard case .broken(_, .missingField("ide/nNF"))? = Fixtures.index(missing).skipped.first?.reason else { Issue.record("not broken"); return }
        let letters = full.replacingOccurrences(of: "<nNF>5</nNF>", with: "<nNF>5a</nNF>")
        guard case .broken(_, .notANumber("ide/nNF", "5a"))? = Fixtures.index(letters).skipped.first?.reason else { Issue.record("not broken"); return }
        #expect(SkipReason.broken(line: 3, defect: .endsBefore("nfeProc")).text(in: .pt) == "linha 3: o arquivo termina antes de </nfeProc> (cortado?)")
    }

    @Test func unrelatedFiles() {
        #expect(Fixtures.index("").skipped.map(\.reason) == [.empty])
        #expect(Fixtures.index("%PDF-1.4 binary").skipped.map(\.reason) == [.notXML])
        #expect(Fixtures.index("<?xml version=\"1.0\"?><retConsStatServ><cStat>107</cStat></retConsStatServ>").skipped.map(\.reason)
                == [.otherDocument(root: "retConsStatServ")])
    }

    @Test func commentsCDATAAndQuotedAngleBrackets() throws {
        var xml = Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 1, number: 8)
        xml = xml.replacingOccurrences(of: "<nfeProc versao=\"4.00\"", with: "<!-- <nNF>999</nNF> --><!DOCTYPE nfeProc><nfeProc versao=\"4.00\" obs=\"a > b\"")
        xml = xml.replacingOccurrences(of: "<serie>1</serie>", with: "<serie><![CDATA[1]]></serie>")
        let idx = Fixtures.index(xml)
        #expect(idx.series[SeriesID(issuer: cnpj, model: 65, series: 1)]?.notes.keys.sorted() == [8])
    }

    @Test func twoDocumentsInOneFile() {
        let a = Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 1, number: 1, style: .init(pretty: false))
        let b = Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 1, number: 2, style: .init(pretty: false))
        let joined = "<lote>" + a.replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", with: "")
            + b.replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", with: "") + "</lote>"
        #expect(Fixtures.index(joined).series.first?.value.notes.keys.sorted() == [1, 2])
    }

    @Test func sameNoteTwiceIsOneAndAnotherKeyIsAConflict() throws {
        var reader = FiscalXMLReader()
        var idx = AuthorizedIndex()
        let same = Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 1, number: 9)
        let other = Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 1, number: 9,
                                     key: Fixtures.key(cnpj: cnpj, model: 65, series: 1, number: 9, code: 55555555))
        for (name, text) in [("b.xml", same), ("c.xml", other), ("a.xml", same)] {
            Array(text.utf8).withUnsafeBytes { reader.read($0, file: name, into: &idx) }
        }
        idx.normalize()
        let docs = try #require(idx.series.first?.value)
        #expect(docs.noteList.map(\.file) == ["a.xml"])
        #expect(docs.conflicts.map(\.file) == ["c.xml"])
        #expect(docs.note(9)?.file == "a.xml" && docs.note(8) == nil)
    }

    @Test func utf16File() {
        let xml = Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 1, number: 6)
        var bytes: [UInt8] = [0xFF, 0xFE]
        for u in xml.utf16 { bytes.append(UInt8(u & 0xFF)); bytes.append(UInt8(u >> 8)) }
        var reader = FiscalXMLReader()
        var idx = AuthorizedIndex()
        bytes.withUnsafeBytes { reader.read($0, file: "u16.xml", into: &idx) }
        #expect(idx.series.first?.value.notes[6] != nil)
    }

    @Test func folderIndexIsTheSameWithOneOrTwoWorkers() throws {
        let dir = Fixtures.tempFolder("xmlidx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for n in 1...300 {
            let sub = "\(dir)/2026/\(n % 3 == 0 ? "07" : "08")"
            let key = Fixtures.key(cnpj: cnpj, model: 65, series: 1, number: n)
            Fixtures.write(Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 1, number: n, style: .init(pretty: n % 2 == 0, bom: n % 5 == 0)),
                           to: "\(sub)/\(key)-nfce.xml")
        }
        Fixtures.write(Fixtures.procInut(cnpj: cnpj, model: 65, series: 1, first: 301, last: 305), to: "\(dir)/inut/ID-procInutNFe.xml")
        Fixtures.write("garbage", to: "\(dir)/danfe.pdf")
        Fixtures.write("<a><b></a>", to: "\(dir)/broken.xml")
        let one = XMLIndexer.index(files: try FileWalker.regularFiles(under: dir), workers: 1)
        let two = try XMLIndexer.index(folder: dir, workers: 2)
        let id = SeriesID(issuer: cnpj, model: 65, series: 1)
        #expect(two.filesRead == 303)
        #expect(two.series[id]?.notes.count == 300)
        #expect(two.series[id]?.lastUsed == 305)
        #expect(two.skipped.map(\.file) == one.skipped.map(\.file))
        #expect(two.skipped.count == 2)
        #expect(two.brokenFiles.map(\.file) == ["\(dir)/broken.xml"])
        #expect(Set(two.series[id]!.notes.values.map(\.key)) == Set(one.series[id]!.notes.values.map(\.key)))
    }
}
