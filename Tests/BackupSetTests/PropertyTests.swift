import Foundation
import PropertyBased
import Testing
import XBase
@testable import BackupSet

/// Property-based fuzzing (swift-property-based) of the text parsers: any bytes on a line
/// give a value or a typed defect, never a crash; and what our writer formats for any
/// text and numbers reads back identical.
@Suite struct PropertyTests {
    static let fields = [
        FieldDescriptor(name: "A", type: .character, length: 20),
        FieldDescriptor(name: "N", type: .numeric, length: 12, decimals: 2),
        FieldDescriptor(name: "D", type: .date, length: 8),
        FieldDescriptor(name: "L", type: .logical, length: 1),
        FieldDescriptor(name: "B", type: .character, length: 20),
    ]
    /// Bytes drawn mostly from the characters that matter to splitting.
    static let alphabet: [UInt8] = Array("\",;|\t 0123456789.-TFabc\"\"".utf8) + [0x00, 0x0D, 0xE7, 0xFF]

    @Test func anyLineGivesValuesOrADefect() async {
        await propertyCheck(count: 400, input: Gen.element(of: Self.alphabet).map { $0 ?? 0x20 }.array(of: 0...60),
                            Gen.element(of: [UInt8(0x2C), 0x3B, 0x7C, 0x09]).map { $0 ?? 0x2C }) { bytes, sep in
            var p = DelimitedLineParser(fields: Self.fields, codePage: .cp1252, separator: sep, quote: 0x22,
                                        slots: Array(Self.fields.indices))
            var values = [DBFValue](repeating: .null, count: Self.fields.count)
            let r = bytes.withUnsafeBytes { p.parse($0, into: &values) }
            switch r {
            case .ok: #expect(values.count == Self.fields.count)
            case .incomplete: #expect(bytes.contains(0x22))
            case let .failed(_, field, reason):
                #expect(!reason.text(in: .en).isEmpty && !reason.text(in: .pt).isEmpty)
                if let field { #expect(Self.fields.contains { $0.name == field }) }
            }
        }
    }

    @Test func doublesReadAsStrtodReadsThem() async {
        let f = FieldDescriptor(name: "B", type: .double, length: 8, decimals: 3)
        let d = TextValueDecoder(field: f, decimalComma: false)
        let text = FastTextDecoder(.cp1252)
        await propertyCheck(count: 500, input: Gen.int64(in: -9_007_199_254_740_991...9_007_199_254_740_991), Gen.int(in: 0...22)) { m, scale in
            var s = String(m.magnitude)
            if scale > 0 {
                if s.count <= scale { s = String(repeating: "0", count: scale - s.count + 1) + s }
                s.insert(".", at: s.index(s.endIndex, offsetBy: -scale))
            }
            if m < 0 { s = "-" + s }
            let bytes = Array(s.utf8)
            let r = bytes.withUnsafeBytes { d.decode($0, quoted: false, text: text) }
            guard case .success(.double(let v)) = r else { Issue.record("\(s): \(r)"); return }
            #expect(v.bitPattern == Double(s)!.bitPattern, "\(s)")
        }
    }

    @Test func writerOutputReadsBackIdentical() async {
        let text = Gen.element(of: Array("ab \",;|'~Zçã0")).map { $0 ?? "a" }.string(of: 0...20)
        await propertyCheck(count: 400, input: text, text, Gen.int64(in: -99_999_999...99_999_999)) { a, b, cents in
            let va = DBFValue.string(String(a.reversed().drop(while: { $0 == " " }).reversed()))
            let vb = DBFValue.string(String(b.reversed().drop(while: { $0 == " " }).reversed()))
            let vn = DBFValue.number(DecimalNumber(mantissa: cents, scale: 2))
            let f = Self.fields
            for quote in CanonicalText.quotes {
                var line: [UInt8] = []
                let ok = CanonicalText.append(va, field: f[0], raw: nil, quote: quote, codePage: .cp1252, to: &line)
                line.append(0x2C)
                let ok2 = CanonicalText.append(vn, field: f[1], raw: nil, quote: quote, codePage: .cp1252, to: &line)
                line += Array(",20240229,T,".utf8)
                let ok3 = CanonicalText.append(vb, field: f[4], raw: nil, quote: quote, codePage: .cp1252, to: &line)
                guard ok && ok2 && ok3 else { continue }   // the writer would try the next quote
                var p = DelimitedLineParser(fields: f, codePage: .cp1252, separator: 0x2C, quote: quote, slots: Array(f.indices))
                var values = [DBFValue](repeating: .null, count: f.count)
                let r = line.withUnsafeBytes { p.parse($0, into: &values) }
                guard case .ok = r else { Issue.record("\(r) for \(String(decoding: line, as: UTF8.self))"); return }
                #expect(values == [va, vn, .date(DBFDate(year: 2024, month: 2, day: 29)), .logical(true), vb])
                return
            }
            Issue.record("no quote character fits")
        }
    }
}
