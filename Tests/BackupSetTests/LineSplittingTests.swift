import Foundation
import ResgateTestSupport
import Testing
import XBase
@testable import BackupSet

/// The quote problem of FoxPro's DELIMITED: resolved by field count and types, reported
/// when it cannot be; values holding line breaks; other separators and SDF.
@Suite struct LineSplittingTests {
    func parse(_ line: String, _ fields: [FieldDescriptor], sep: UInt8 = 0x2C, quote: UInt8? = 0x22) -> (LineOutcome, [DBFValue]) {
        var p = DelimitedLineParser(fields: fields, codePage: .cp1252, separator: sep, quote: quote, slots: Array(fields.indices))
        var values = [DBFValue](repeating: .null, count: fields.count)
        let bytes = CodePage.cp1252.encode(line)
        let r = bytes.withUnsafeBytes { p.parse($0, into: &values) }
        return (r, values)
    }
    let c = FieldDescriptor(name: "A", type: .character, length: 30)
    let c2 = FieldDescriptor(name: "B", type: .character, length: 30)
    let n = FieldDescriptor(name: "N", type: .numeric, length: 8, decimals: 2)

    @Test func quoteFollowedBySeparatorInsideAValueIsResolvedByTypes() {
        let (r, v) = parse("\"He said \"ok\", then left\",12.50", [c, n])
        guard case .ok = r else { Issue.record("\(r)"); return }
        #expect(v == [.string("He said \"ok\", then left"), .number(DecimalNumber(mantissa: 1250, scale: 2))])
    }

    @Test func twoSplitsAreReportedNotGuessed() {
        let (r, _) = parse("\"a\",\"b\",\"c\"", [c, c2])
        guard case .failed(.ambiguousLine, _, _) = r else { Issue.record("\(r)"); return }
    }

    @Test func wrongCountAndBadValueNameTheField() {
        let (r1, _) = parse("\"a\",1,2", [c, n])
        guard case .failed(.wrongFieldCount, _, _) = r1 else { Issue.record("\(r1)"); return }
        let (r2, _) = parse("\"a\",1x", [c, n])
        guard case .failed(.badValue, "N", _) = r2 else { Issue.record("\(r2)"); return }
    }

    @Test func openQuoteAsksForTheNextLine() throws {
        let (r, _) = parse("\"first line", [c, n])
        guard case .incomplete = r else { Issue.record("\(r)"); return }
        let dir = try tempFolder()
        try write(dir + "/T_Estr.TXT", "A;C;30;0\r\nN;N;8;2\r\n")
        try write(dir + "/T.TXT", "\"one\r\ntwo\",1.00\r\n\"x\",2.00\r\n")
        let (rows, rep) = try readAll(try BackupSet.open(dir), "T")
        #expect(rep.defects.isEmpty)
        #expect(rows.map { $0[0] } == [.string("one\r\ntwo"), .string("x")])
    }

    @Test func decimalCommaWithSemicolonAndNoQuotes() {
        let (r, v) = parse("abc;1,5", [c, n], sep: 0x3B, quote: nil)
        guard case .ok = r else { Issue.record("\(r)"); return }
        #expect(v[1] == .number(DecimalNumber(mantissa: 15, scale: 1)))
    }

    @Test func fastTextDecoderAgreesWithCodePage() throws {
        for number in [1252, 850, 437, 866, 65001] {
            let cp = try #require(CodePage(number: number))
            let fast = FastTextDecoder(cp)
            let bytes: [UInt8] = number == 65001 ? Array("ação ü €".utf8) : (0...255).map { UInt8($0) }
            #expect(bytes.withUnsafeBytes { fast.decode($0) } == cp.decode(bytes))
        }
    }
}
