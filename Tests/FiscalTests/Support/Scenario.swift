import Foundation
import XBase
@testable import Fiscal

/// A store restored from an old backup, as the hidden judging scenario is described:
///
/// - issuer A (`12345678000195`), NFC-e series 1: the data has 1…100 without 57; the XML
///   holds 95…110 and 115 authorized, 105 cancelled, 111…113 voided. So lastInData 100,
///   lastAuthorized 115, nextSafe 116, gaps [57] and [114], 101…110 and 115 missing from
///   the data → fail.
/// - issuer A, NFC-e series 2: 1…10 everywhere, but row 7's key has a wrong check
///   digit → fail, no gaps.
/// - issuer B with an alphanumeric CNPJ (`12ABC34501DE35`), NF-e series 2: 1…20 in data
///   and XML → ok.
/// - a supplier's NF-e (issuer C) in the XML folder, ignored; a broken file; a PDF.
enum Scenario {
    static let a = "12345678000195"
    static let b = "12ABC34501DE35"
    static let supplier = "99888777000166"

    struct Row { var number: Int; var series: Int; var model: Int; var key: String; var customer: Int; var day: Int }

    static var rows: [Row] {
        var out: [Row] = []
        for n in 1...100 where n != 57 {
            out.append(Row(number: n, series: 1, model: 65, key: Fixtures.key(cnpj: a, model: 65, series: 1, number: n),
                           customer: n % 7 + 1, day: min(28, 1 + n / 4)))
        }
        for n in 1...10 {
            out.append(Row(number: n, series: 2, model: 65,
                           key: Fixtures.key(cnpj: a, model: 65, series: 2, number: n, wrongDigit: n == 7),
                           customer: 1, day: 3))
        }
        for n in 1...20 {
            out.append(Row(number: n, series: 2, model: 55, key: Fixtures.key(cnpj: b, model: 55, series: 2, number: n),
                           customer: 2, day: 4))
        }
        return out
    }

    static let fieldNames = ["NUMERO", "SERIE", "MODELO", "CHAVE", "CLIENTE", "DATA"]

    static var fields: [FieldDescriptor] {
        [FieldDescriptor(name: "NUMERO", type: .numeric, length: 9),
         FieldDescriptor(name: "SERIE", type: .numeric, length: 3),
         FieldDescriptor(name: "MODELO", type: .character, length: 2),
         FieldDescriptor(name: "CHAVE", type: .character, length: 44),
         FieldDescriptor(name: "CLIENTE", type: .numeric, length: 6),
         FieldDescriptor(name: "DATA", type: .date, length: 8)]
    }

    static func values(_ r: Row) -> [DBFValue] {
        [.number(DecimalNumber(Int64(r.number))), .number(DecimalNumber(Int64(r.series))), .string(String(r.model)),
         .string(r.key), .number(DecimalNumber(Int64(r.customer))), .date(DBFDate(year: 2026, month: 7, day: r.day))]
    }

    static var customers: [[DBFValue]] {
        (1...8).map { [.number(DecimalNumber(Int64($0))), .string("CLIENTE \($0)")] }
    }

    static var memoryData: InMemoryData {
        InMemoryData(tables: [
            InMemoryTable(name: "VENDAS", fieldNames: fieldNames, rows: rows.map(values)),
            InMemoryTable(name: "CLIENTES", fieldNames: ["CODIGO", "NOME"], rows: customers),
        ])
    }

    /// Writes the XML folder in mixed styles and names, as ERPs save them.
    static func writeXML(to dir: String) {
        var k = 0
        func style() -> Fixtures.Style {
            k += 1
            return Fixtures.Style(pretty: k % 2 == 0, prefix: k % 3 == 0 ? "nfe" : nil, bom: k % 4 == 0)
        }
        for n in 95...110 { note(a, 65, 1, n, dir: dir, style: style()) }
        note(a, 65, 1, 115, dir: dir, style: style())
        let cancelled = Fixtures.key(cnpj: a, model: 65, series: 1, number: 105)
        Fixtures.write(Fixtures.procEvento(key: cancelled, cnpj: a), to: "\(dir)/eventos/\(cancelled)110111-procEventoNFe.xml")
        Fixtures.write(Fixtures.procInut(cnpj: a, model: 65, series: 1, first: 111, last: 113, capitalized: true),
                       to: "\(dir)/inut/ID35261234567800019565001000000111000000113-procInutNFe.xml")
        for n in 1...10 { note(a, 65, 2, n, dir: dir, style: style()) }
        for n in 1...20 { note(b, 55, 2, n, dir: dir, style: style()) }
        // a supplier's NF-e the store received: not the store's numbering
        note(supplier, 55, 1, 5000, dir: dir + "/entradas", style: style())
        Fixtures.write("%PDF-1.4\n%âãÏÓ\n", to: "\(dir)/danfe/venda-101.pdf")
        let full = Fixtures.nfeProc(cnpj: a, model: 65, series: 1, number: 116)
        Fixtures.write(String(full.prefix(900)), to: "\(dir)/quebrado.xml")
    }

    private static func note(_ cnpj: String, _ model: Int, _ series: Int, _ n: Int, dir: String, style: Fixtures.Style) {
        let key = Fixtures.key(cnpj: cnpj, model: model, series: series, number: n)
        // names vary: some by key, some by nothing in particular — the content decides
        let name = n % 5 == 0 ? "nota-\(n)-\(series).xml" : "\(key)-\(model == 65 ? "nfce" : "nfe").xml"
        Fixtures.write(Fixtures.nfeProc(cnpj: cnpj, model: model, series: series, number: n, style: style),
                       to: "\(dir)/\(cnpj)/\(model)/\(name)")
    }

    /// Writes VENDAS.DBF and CLIENTES.DBF with XBase's writer.
    static func writeData(to dir: String) throws {
        try Fixtures.writeTable("\(dir)/VENDAS.DBF", fields: fields, rows: rows.map(values))
        try Fixtures.writeTable("\(dir)/clientes.dbf",
                                fields: [FieldDescriptor(name: "CODIGO", type: .numeric, length: 6),
                                         FieldDescriptor(name: "NOME", type: .character, length: 30)],
                                rows: customers)
    }
}
