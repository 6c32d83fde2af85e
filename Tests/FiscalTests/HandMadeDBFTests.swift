import Foundation
import Testing
@testable import Fiscal

/// A dBASE III table assembled byte by byte here (not by XBase's writer), so the check's
/// reading is proved against the format itself: numbers right-aligned in N fields, a series
/// as "001" text, a deleted record, lower-case file and field names.
@Suite struct HandMadeDBFTests {
    static func dbf(fields: [(String, Character, Int)], rows: [(deleted: Bool, values: [String])]) -> [UInt8] {
        let recordLength = 1 + fields.reduce(0) { $0 + $1.2 }
        let headerLength = 32 + 32 * fields.count + 1
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16(v >> 16) }
        var b: [UInt8] = [0x03, 126, 7, 10] + le32(rows.count) + le16(headerLength) + le16(recordLength)
        b += [UInt8](repeating: 0, count: 17) + [0x03] + [0, 0]   // byte 29: code page mark (cp1252)
        for (name, type, length) in fields {
            var d = Array(name.utf8) + [UInt8](repeating: 0, count: 11 - name.utf8.count)
            d += [type.asciiValue!, 0, 0, 0, 0, UInt8(length), 0]
            d += [UInt8](repeating: 0, count: 14)
            b += d
        }
        b.append(0x0D)
        for row in rows {
            b.append(row.deleted ? 0x2A : 0x20)
            for (i, (_, type, length)) in fields.enumerated() {
                let v = Array(row.values[i].utf8)
                let pad = [UInt8](repeating: 0x20, count: length - v.count)
                b += type == "N" ? pad + v : v + pad
            }
        }
        b.append(0x1A)
        return b
    }

    @Test func sequenceFromAHandMadeTable() throws {
        let cnpj = "12ABC34501DE35"
        let fields: [(String, Character, Int)] = [("nnf", "N", 9), ("serie", "C", 3), ("mod", "N", 2), ("chave", "C", 44)]
        var rows: [(deleted: Bool, values: [String])] = []
        for n in [1, 2, 3, 4, 6] {
            rows.append((n == 4, [String(n), "001", "65", Fixtures.key(cnpj: cnpj, model: 65, series: 1, number: n)]))
        }
        let data = Fixtures.tempFolder("handmade")
        defer { try? FileManager.default.removeItem(atPath: data) }
        try Data(Self.dbf(fields: fields, rows: rows)).write(to: URL(fileURLWithPath: "\(data)/notas.dbf"))
        let xml = Fixtures.tempFolder("handmade-xml")
        defer { try? FileManager.default.removeItem(atPath: xml) }
        for n in [1, 2, 3, 6, 7] {
            Fixtures.write(Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 1, number: n), to: "\(xml)/\(n).xml")
        }
        let report = try FiscalCheck.run(data: data, xml: xml)
        #expect(report.discovery?.words.en.contains("used table NOTAS (fields NNF, SERIE, MOD, CHAVE)") == true)
        let s = try #require(report.checks.first { $0.name == "fiscal-sequence" }?.sequence)
        #expect(s.issuer == cnpj)
        #expect(s.rowsInData == 4)                 // the deleted record 4 is not in the data
        #expect(s.lastInData == 6 && s.lastAuthorized == 7 && s.nextSafe == 8)
        #expect(s.gaps == [[4, 5]])
        #expect(s.authorizedAfterData.map(\.number) == [7])
        #expect(report.status == .fail)
    }
}
