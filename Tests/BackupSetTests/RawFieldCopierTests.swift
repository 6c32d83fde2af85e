import Foundation
import ResgateTestSupport
import Testing
import XBase
@testable import BackupSet

/// `RawFieldCopier` against the typed path it stands in for, value by value: whenever it
/// copies, the typed path decodes the same text and the writer encodes that value into the
/// very same bytes. Random texts drawn from the characters that matter to each type, plus
/// well-formed values of every type.
@Suite struct RawFieldCopierTests {
    static let fields: [FieldDescriptor] = [
        FieldDescriptor(name: "C", type: .character, length: 6),
        FieldDescriptor(name: "N", type: .numeric, length: 8, decimals: 2),
        FieldDescriptor(name: "N0", type: .numeric, length: 5),
        FieldDescriptor(name: "F", type: .float, length: 10, decimals: 3),
        FieldDescriptor(name: "D", type: .date, length: 8),
        FieldDescriptor(name: "L", type: .logical, length: 1),
        FieldDescriptor(name: "I", type: .integer, length: 4),
        FieldDescriptor(name: "B", type: .double, length: 8, decimals: 2),
        FieldDescriptor(name: "T", type: .dateTime, length: 8),
        FieldDescriptor(name: "CN", type: .character, length: 4, flags: .nullable),
        FieldDescriptor(name: "NN", type: .numeric, length: 6, decimals: 1, flags: .nullable),
    ]

    static let alphabet: [UInt8] = Array("0123456789012345 .,-+:TFtfyn?YS.e".utf8) + [0x00, 0x09, 0xE9, 0x81, 0x9D]

    func texts(_ rng: inout SplitMix) -> [[UInt8]] {
        var out: [[UInt8]] = [[], Array("0".utf8), Array("00000000".utf8), Array("00000000000000".utf8),
                              Array("20240229".utf8), Array("20230229".utf8), Array("20241231235959".utf8),
                              Array("20240131240000".utf8), Array("-0.00".utf8), Array("99999.99".utf8),
                              Array("100000.00".utf8), Array("1.234".utf8), Array("1,5".utf8), Array(".T.".utf8),
                              Array("2147483647".utf8), Array("-2147483648".utf8), Array("2147483648".utf8),
                              Array("12345678901234567890".utf8), Array("0.1".utf8), Array("  12 ".utf8),
                              // the forms copied as they are, and their near misses
                              Array("007".utf8), Array("-0.50".utf8), Array("-5".utf8), Array("0.00".utf8),
                              Array("12.30".utf8), Array("-12.30".utf8), Array("12345.78".utf8), Array("-1234.56".utf8),
                              Array("123456.7".utf8), Array("5.".utf8), Array("-0".utf8), Array("0.000".utf8),
                              Array("123456789012345678".utf8), Array("12.345".utf8), Array("99999".utf8)]
        for _ in 0..<4000 {
            let n = Int(rng.next() % 16)
            out.append((0..<n).map { _ in Self.alphabet[Int(rng.next() % UInt64(Self.alphabet.count))] })
        }
        for _ in 0..<2000 {
            // well-formed: dates, date-times, decimals
            let y = 1900 + Int(rng.next() % 200), m = 1 + Int(rng.next() % 13), d = 1 + Int(rng.next() % 31)
            let date = String(format: "%04d%02d%02d", y, m, d)
            out.append(Array(date.utf8))
            out.append(Array((date + String(format: "%02d%02d%02d", rng.next() % 25, rng.next() % 61, rng.next() % 61)).utf8))
            let cents = Int64(bitPattern: rng.next()) % 10_000_000
            out.append(Array(String(format: "%.\(rng.next() % 4)f", Double(cents) / 100).utf8))
        }
        return out
    }

    @Test(arguments: [false, true])
    func copiesOnlyWhatTheTypedPathWritesIdentically(decimalComma: Bool) throws {
        let dir = TempFolder.scratchPath("rawcopier")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let w = try DBFWriter(path: dir + "/T.DBF", structure: TableStructure(version: 0x30, codePage: .cp1252, fields: Self.fields))
        let map = UnsafeMutablePointer<UInt16>.allocate(capacity: 256)
        defer { map.deallocate() }
        map.initialize(from: try #require(w.textByteMap(from: .cp1252)), count: 256)
        let live = w.fields
        var rng = SplitMix(state: decimalComma ? 11 : 7)
        let text = FastTextDecoder(.cp1252)
        var copied = 0
        for raw in texts(&rng) {
            for quoted in [false, true] {
                for (i, f) in live.enumerated() {
                    let decoder = TextValueDecoder(field: f, decimalComma: decimalComma)
                    let copier = try #require(RawFieldCopier(backup: f, live: f, textMap: UnsafePointer(map)))
                    w.beginRecord()
                    let ok = raw.withUnsafeBytes { copier.copy($0, quoted: quoted, decoder: decoder, into: w.fieldBytes(i)) }
                    guard ok else { continue }
                    let fast = Array(w.fieldBytes(i))
                    let typed = raw.withUnsafeBytes { decoder.decode($0, quoted: quoted, text: text) }
                    guard case .success(let v) = typed else {
                        Issue.record("\(f.name) copied \(String(decoding: raw, as: UTF8.self)) the typed path refuses: \(typed)")
                        continue
                    }
                    w.beginRecord()
                    do { try w.setField(i, v) } catch {
                        Issue.record("\(f.name) copied \(String(decoding: raw, as: UTF8.self)) the writer refuses: \(error)")
                        continue
                    }
                    #expect(Array(w.fieldBytes(i)) == fast, "\(f.name) \(String(decoding: raw, as: UTF8.self)) → \(v)")
                    copied += 1
                }
            }
        }
        #expect(copied > 20_000)
    }
}
