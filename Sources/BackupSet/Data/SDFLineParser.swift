import ResgateLocale
import XBase

/// `COPY TO … SDF`: every field at a fixed width, no separators.
struct SDFLineParser {
    let decoders: [TextValueDecoder]
    let names: [String]
    let codePage: FastTextDecoder
    let widths: [Int]
    let slots: [Int]
    var lineWidth: Int { widths.reduce(0, +) }

    /// Text widths a type may have in SDF, most likely first. Harbour writes I as 11, Y as
    /// 21, B as 20 and T as 23 (`YYYY-MM-DD hh:mm:ss.fff`); FoxPro's own forms are shorter.
    static func candidateWidths(_ f: FieldDescriptor) -> [Int] {
        switch f.type {
        case .date: [8]
        case .logical: [1]
        case .integer, .autoIncrement: [11, 10]
        case .currency: [21, 20]
        case .double, .doubleDBase7: [20, f.length]
        case .dateTime, .timestamp: [23, 14, 19]
        default: [f.length]
        }
    }

    /// Width choices whose sum is `total` (the length of the sample's lines), most likely
    /// first; the detector keeps the one that reads the sample.
    static func widths(for fields: [FieldDescriptor], total: Int, limit: Int = 16) -> [[Int]] {
        var chosen = [Int](repeating: 0, count: fields.count)
        let options = fields.map(candidateWidths)
        var found: [[Int]] = []
        var tries = 0
        func go(_ i: Int, _ sum: Int) {
            tries += 1
            if tries > 20_000 || found.count >= limit { return }
            if i == fields.count { if sum == total { found.append(chosen) }; return }
            for w in Set(options[i]).sorted(by: { options[i].firstIndex(of: $0)! < options[i].firstIndex(of: $1)! }) where sum + w <= total {
                chosen[i] = w
                go(i + 1, sum + w)
            }
        }
        go(0, 0)
        return found
    }

    /// Where each value is, as `parse` cuts the line; false when the line is too long.
    func spans(_ line: UnsafeRawBufferPointer, _ spans: UnsafeMutablePointer<FieldSpan>) -> Bool {
        widths.withUnsafeBufferPointer { Self.spans(line, spans, widths: $0, total: lineWidth) }
    }

    static func spans(_ line: UnsafeRawBufferPointer, _ spans: UnsafeMutablePointer<FieldSpan>,
                      widths: UnsafeBufferPointer<Int>, total: Int) -> Bool {
        guard line.count <= total else { return false }
        var pos = 0
        for i in widths.indices {
            let s = min(pos, line.count), e = min(pos + widths[i], line.count)
            spans[i] = FieldSpan(start: s, count: e - s, quoted: e > s)
            pos += widths[i]
        }
        return true
    }

    func parse(_ line: UnsafeRawBufferPointer, into values: inout [DBFValue]) -> LineOutcome {
        let total = lineWidth
        guard line.count <= total else {
            return .failed(.wrongFieldCount, field: nil, .line(.widthExceeded(bytes: line.count, width: total)))
        }
        var pos = 0
        for i in decoders.indices {
            let s = min(pos, line.count), e = min(pos + widths[i], line.count)
            let raw = UnsafeRawBufferPointer(rebasing: line[s..<e])
            switch decoders[i].decode(raw, quoted: !raw.isEmpty, text: codePage) {
            case .success(let v): values[slots[i]] = v
            case .failure(let p): return .failed(p.kind, field: names[i], .value(p.fault))
            }
            pos += widths[i]
        }
        return .ok
    }
}
