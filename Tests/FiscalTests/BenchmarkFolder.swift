import Foundation
import Testing
import XBase
@testable import Fiscal

/// Writes the benchmark's XML folder, only when asked:
/// `RESGATE_BENCH_XML=/tmp/xml200k RESGATE_BENCH_FILES=200000 swift test --filter benchmarkFolder`.
/// A year of a busy store: NFC-e of two series spread over 12 month folders, named by key,
/// every 500th file a cancellation event, every 1,000th a note signed offline and never
/// authorized; pretty-printed, single-line and BOM variants. The DATA folder beside it holds
/// every number but a few, so every verdict has work to do.
/// Each variant is rendered once by the fixtures and then stamped with the file's key,
/// number and protocol, so writing 200,000 files is cheap. A DATA folder goes beside
/// it (`$RESGATE_BENCH_XML-data`, 200,000 rows and a `resgate.toml`) so `resgate check` can
/// be timed on it. Not a timed test:
/// timings go in docs/checks.md.
@Test(.enabled(if: ProcessInfo.processInfo.environment["RESGATE_BENCH_XML"] != nil))
func benchmarkFolder() throws {
    let env = ProcessInfo.processInfo.environment
    let dir = env["RESGATE_BENCH_XML"]!
    let count = Int(env["RESGATE_BENCH_FILES"] ?? "") ?? 200_000
    let cnpj = "12345678000195"
    let marker = 777_777_777
    let fm = FileManager.default
    for m in 1...12 { try fm.createDirectory(atPath: "\(dir)/2026/\(Fixtures.pad(m, 2))", withIntermediateDirectories: true) }
    // templates per series and style, cut around the marker's key, nNF and protocol
    var templates: [String: Stamp] = [:]
    for series in [1, 2] {
        let k = Fixtures.key(cnpj: cnpj, model: 65, series: series, number: marker)
        let marks = [k, ">\(marker)<", "135260000\(marker % 1_000_000)"]
        for style in 0..<3 {
            templates["\(series)-\(style)"] = Stamp(Fixtures.nfeProc(cnpj: cnpj, model: 65, series: series, number: marker, key: k,
                                                                     style: .init(pretty: style != 1, bom: style == 2)), marks: marks)
        }
        templates["\(series)-event"] = Stamp(Fixtures.procEvento(key: k, cnpj: cnpj), marks: marks)
        // a note signed offline and never authorized (in the XML folder, as a POS leaves it)
        let k9 = Fixtures.key(cnpj: cnpj, model: 65, series: series, number: marker, emission: 9)
        templates["\(series)-pending"] = Stamp(Fixtures.nfeProc(cnpj: cnpj, model: 65, series: series, number: marker, key: k9,
                                                                 withProtocol: false, emission: 9),
                                               marks: [k9, ">\(marker)<", "135260000\(marker % 1_000_000)"])
    }
    // the data: every number of both series, except every 997th (an authorized sale the
    // data lost: `recreate`) and every 5,000th (a number used nowhere: `void` or
    // `check-pos-before-voiding`); every 1,000th file is a pending offline note
    var rows: [[DBFValue]] = []
    rows.reserveCapacity(count)
    var next = [1: 1, 2: 1]
    var buffer: [UInt8] = []
    for i in 0..<count {
        let series = i % 4 == 0 ? 2 : 1
        let number = next[series]!
        next[series]! += 1
        let month = i * 12 / count + 1
        let isPending = i % 1000 == 777
        let key = Fixtures.key(yymm: "26" + Fixtures.pad(month, 2), cnpj: cnpj, model: 65, series: series, number: number,
                               emission: isPending ? 9 : 1)
        if i % 5000 == 4999 { continue }
        if i % 997 != 996 {
            rows.append([.number(DecimalNumber(Int64(number))), .number(DecimalNumber(Int64(series))), .string("65"),
                         .string(key), .number(DecimalNumber(1)), .date(DBFDate(year: 2026, month: month, day: 1))])
        }
        let isEvent = i % 500 == 499
        let stamp = templates[isEvent ? "\(series)-event" : isPending ? "\(series)-pending" : "\(series)-\(i % 3)"]!
        stamp.fill(&buffer, [Array(key.utf8), Array(">\(number)<".utf8), Array(("135260000" + Fixtures.pad(number % 1_000_000, 6)).utf8)])
        let suffix = isEvent ? "110111-procEventoNFe.xml" : "-nfce.xml"
        let path = "\(dir)/2026/\(Fixtures.pad(month, 2))/\(key)\(suffix)"
        guard let f = fopen(path, "wb") else { throw CocoaError(.fileWriteUnknown) }
        _ = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        fclose(f)
    }
    let data = dir + "-data"
    try fm.createDirectory(atPath: data, withIntermediateDirectories: true)
    try Fixtures.writeTable("\(data)/VENDAS.DBF", fields: Scenario.fields, rows: rows)
    try Fixtures.salesSequence(cnpj: cnpj).write(toFile: "\(data)/resgate.toml", atomically: true, encoding: .utf8)
}

/// A text cut into literal pieces around marker strings, refilled per file.
private struct Stamp {
    enum Piece { case text([UInt8]), slot(Int) }
    var pieces: [Piece] = []

    init(_ template: String, marks: [String]) {
        var rest = Substring(template)
        while !rest.isEmpty {
            let hits = marks.enumerated().compactMap { m in rest.range(of: m.element).map { (m.offset, $0) } }
            guard let first = hits.min(by: { $0.1.lowerBound < $1.1.lowerBound }) else { pieces.append(.text(Array(rest.utf8))); break }
            pieces.append(.text(Array(rest[..<first.1.lowerBound].utf8)))
            pieces.append(.slot(first.0))
            rest = rest[first.1.upperBound...]
        }
    }

    func fill(_ out: inout [UInt8], _ values: [[UInt8]]) {
        out.removeAll(keepingCapacity: true)
        for p in pieces {
            switch p {
            case .text(let t): out.append(contentsOf: t)
            case .slot(let i): out.append(contentsOf: values[i])
            }
        }
    }
}
