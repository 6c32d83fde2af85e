import Foundation
import Testing
import XBase
@testable import Fiscal

/// Writes the benchmark's XML folder, only when asked:
/// `RESGATE_BENCH_XML=/tmp/xml200k RESGATE_BENCH_FILES=200000 swift test --filter benchmarkFolder`.
/// A year of a busy store: NFC-e of two series spread over 12 month folders, named by key,
/// with one voided range and some cancellations; plus a tiny DATA folder beside it
/// (`$RESGATE_BENCH_XML-data`) so `resgate check` can be timed on it. Not a timed test:
/// timings go in docs/checks.md.
@Test(.enabled(if: ProcessInfo.processInfo.environment["RESGATE_BENCH_XML"] != nil))
func benchmarkFolder() throws {
    let env = ProcessInfo.processInfo.environment
    let dir = env["RESGATE_BENCH_XML"]!
    let count = Int(env["RESGATE_BENCH_FILES"] ?? "") ?? 200_000
    let cnpj = "12345678000195"
    let fm = FileManager.default
    for m in 1...12 { try fm.createDirectory(atPath: "\(dir)/2026/\(Fixtures.pad(m, 2))", withIntermediateDirectories: true) }
    for i in 0..<count {
        let series = i % 4 == 0 ? 2 : 1
        let number = i / 2 + 1
        let month = i * 12 / count + 1
        let key = Fixtures.key(yymm: "26" + Fixtures.pad(month, 2), cnpj: cnpj, model: 65, series: series, number: number)
        let text: String
        if i % 500 == 499 {
            text = Fixtures.procEvento(key: key, cnpj: cnpj)
        } else {
            text = Fixtures.nfeProc(cnpj: cnpj, model: 65, series: series, number: number, key: key,
                                    style: .init(pretty: i % 3 != 0, bom: i % 7 == 0))
        }
        let suffix = i % 500 == 499 ? "110111-procEventoNFe.xml" : "-nfce.xml"
        try Data(text.utf8).write(to: URL(fileURLWithPath: "\(dir)/2026/\(Fixtures.pad(month, 2))/\(key)\(suffix)"))
    }
    let data = dir + "-data"
    try fm.createDirectory(atPath: data, withIntermediateDirectories: true)
    try Fixtures.writeTable("\(data)/VENDAS.DBF", fields: Scenario.fields, rows: Scenario.rows.map(Scenario.values))
}
