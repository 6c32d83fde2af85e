import Foundation
import ResgateTestSupport
@testable import XBase

/// A DBF written byte by byte from the published layout (Microsoft, "Table File
/// Structure"; Harbour src/rdd/dbf1.c for Harbour's types), so the tests of this folder do
/// not depend on our own writer.
struct RawTable {
    struct Field {
        var name: String
        var type: UInt8
        var length: Int
        var decimals: Int = 0
        var flags: UInt8 = 0
    }
    var version: UInt8
    var fields: [Field]
    /// Each record's field bytes, concatenated in field order (no delete flag).
    var records: [[UInt8]]
    /// The 263 backlink bytes for VFP tables; nil writes a VFP header without one.
    var backlink: [UInt8]? = nil
    var flags: UInt8 = 0
    var codePageMark: UInt8 = 0x03
    /// Bytes inserted between the last descriptor and the terminator (damage).
    var beforeTerminator: [UInt8] = []
    var recordLengthOverride: Int? = nil

    var recordLength: Int { recordLengthOverride ?? (1 + fields.reduce(0) { $0 + $1.length }) }
    var isVFP: Bool { (0x30...0x32).contains(version) }

    func bytes() -> [UInt8] {
        let headerLength = 32 + 32 * fields.count + beforeTerminator.count + 1 + (backlink?.count ?? 0)
        var h = [UInt8](repeating: 0, count: 32)
        h[0] = version; h[1] = 126; h[2] = 12; h[3] = 4
        put32(&h, 4, UInt32(records.count)); put16(&h, 8, headerLength); put16(&h, 10, recordLength)
        h[28] = flags; h[29] = codePageMark
        var offset = 1
        for f in fields {
            var d = [UInt8](repeating: 0, count: 32)
            for (i, c) in f.name.utf8.prefix(10).enumerated() { d[i] = c }
            d[11] = f.type
            if isVFP { put32(&d, 12, UInt32(offset)) }
            d[16] = UInt8(f.length & 0xFF); d[17] = UInt8(f.decimals); d[18] = f.flags
            h += d
            offset += f.length
        }
        h += beforeTerminator
        h.append(0x0D)
        if let backlink { h += backlink }
        for r in records {
            precondition(r.count == recordLength - 1, "record of \(r.count) bytes, want \(recordLength - 1)")
            h.append(0x20); h += r
        }
        h.append(0x1A)
        return h
    }

    func write(to path: String) throws { try Data(bytes()).write(to: URL(fileURLWithPath: path)) }

    static func backlink(_ text: String) -> [UInt8] {
        Array(text.utf8) + [UInt8](repeating: 0, count: 263 - text.utf8.count)
    }
}

func put16(_ b: inout [UInt8], _ i: Int, _ v: Int) { b[i] = UInt8(v & 0xFF); b[i + 1] = UInt8((v >> 8) & 0xFF) }
func put32(_ b: inout [UInt8], _ i: Int, _ v: UInt32) { for k in 0..<4 { b[i + k] = UInt8((v >> (8 * UInt32(k))) & 0xFF) } }
func le32(_ v: Int32) -> [UInt8] { (0..<4).map { UInt8((UInt32(bitPattern: v) >> (8 * UInt32($0))) & 0xFF) } }
func le64(_ v: Int64) -> [UInt8] { (0..<8).map { UInt8((UInt64(bitPattern: v) >> (8 * UInt64($0))) & 0xFF) } }
func ascii(_ s: String, _ width: Int, right: Bool = false) -> [UInt8] {
    let b = Array(s.utf8)
    let pad = [UInt8](repeating: 0x20, count: max(0, width - b.count))
    return right ? pad + b : b + pad
}
/// Julian day of a Gregorian date (the day number VFP's T and Harbour's @ store).
func julian(_ y: Int, _ m: Int, _ d: Int) -> Int32 { Int32(DBFDate(year: y, month: m, day: d).julianDay) }
