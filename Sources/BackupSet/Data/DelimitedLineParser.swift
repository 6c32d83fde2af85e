#if canImport(Glibc)
import Glibc
import ResgateLocale
#endif
import XBase

/// Where one value is in its line: the bytes between the quotes (or the separators), and
/// whether it was quoted (`""` is an empty value, nothing at all may be NULL).
struct FieldSpan {
    var start: Int
    var count: Int
    var quoted: Bool
}

/// What became of one line.
enum LineOutcome {
    case ok
    /// A quoted value is still open at the end of the line: the value holds a line break,
    /// try again with the next line joined.
    case incomplete
    case failed(Defect.Kind, field: String?, DefectReason)
}

/// Splits a delimited line into its fields using what is known: the field count and each
/// field's type. FoxPro does not escape the quote inside values, so a quote closes a value
/// only where it is followed by the separator (or the end of the line) *and* the rest of the
/// line still parses; when two different splits both parse, the line is reported as
/// ambiguous rather than guessed.
struct DelimitedLineParser {
    let decoders: [TextValueDecoder]
    let names: [String]
    let codePage: FastTextDecoder
    let separator: UInt8
    /// nil: values are never quoted (FoxPro's `DELIMITED WITH TAB`/`BLANK`).
    let quote: UInt8?
    /// Where each text field's value goes in the record's value array.
    let slots: [Int]
    var stepBudget = 20_000

    private var steps = 0
    private var sawOpenQuote = false
    private var deepest = -1
    private var deepestProblem: ValueProblem?
    private var countOnly = false
    private var parses = 0
    /// Set while finding the first split when a second one could exist: a quote byte
    /// that was not the chosen closing quote, a value that failed (backtracking), or a last
    /// unquoted value holding a separator or quote. Plain lines never set it, so the
    /// search for a second split runs on few lines.
    private var suspicious = false

    init(fields: [FieldDescriptor], codePage: CodePage, separator: UInt8, quote: UInt8?, slots: [Int]) {
        decoders = fields.map { TextValueDecoder(field: $0, decimalComma: separator != 0x2C) }
        names = fields.map(\.name)
        self.codePage = FastTextDecoder(codePage)
        self.separator = separator; self.quote = quote; self.slots = slots
    }

    mutating func parse(_ line: UnsafeRawBufferPointer, into values: inout [DBFValue]) -> LineOutcome {
        steps = 0; sawOpenQuote = false; deepest = -1; deepestProblem = nil; countOnly = false; parses = 0
        let n = decoders.count
        if n == 0 {
            return line.isEmpty ? .ok : .failed(.wrongFieldCount, field: nil, .line(.shouldBeEmpty))
        }
        suspicious = false
        if plainSplit(line, &values) { return .ok }
        suspicious = false
        if walk(line, 0, 0, &values) {
            if suspicious {
                let first = values
                countOnly = true; parses = 0; steps = 0
                _ = walk(line, 0, 0, &values)
                values = first
                if parses > 1 {
                    return .failed(.ambiguousLine, field: nil, .line(.ambiguous))
                }
            }
            return .ok
        }
        if sawOpenQuote { return .incomplete }
        // a trailing separator some exporters leave
        if line.count > 0, line[line.count - 1] == separator {
            let shorter = UnsafeRawBufferPointer(rebasing: line[0..<(line.count - 1)])
            steps = 0
            if walk(shorter, 0, 0, &values) { return .ok }
        }
        let found = fieldCount(line)
        if found != n {
            return .failed(.wrongFieldCount, field: nil, .line(.fieldCount(found: found, expected: n)))
        }
        if deepest >= 0, let p = deepestProblem {
            return .failed(p.kind, field: names[deepest], .value(p.fault))
        }
        return .failed(.badLine, field: nil, .line(.cannotSplit))
    }

    /// Fields counted the simple way (quote opens/closes, separators split), for messages.
    func fieldCount(_ line: UnsafeRawBufferPointer) -> Int {
        var count = 1, inQuote = false, atStart = true
        for b in line {
            if let q = quote, b == q, atStart || inQuote { inQuote.toggle(); atStart = false; continue }
            if b == separator && !inQuote { count += 1; atStart = true } else { atStart = false }
        }
        return count
    }

    /// The common case in one loop: every quoted value closes at the first quote followed
    /// by the separator, no quote byte anywhere else, no separator in the last value. Any
    /// doubt (a failure, an extra quote, a separator too many) returns false and the full
    /// search decides.
    private mutating func plainSplit(_ line: UnsafeRawBufferPointer, _ values: inout [DBFValue]) -> Bool {
        let n = decoders.count
        return withUnsafeTemporaryAllocation(of: FieldSpan.self, capacity: n) { spans in
            guard let base = line.baseAddress, plainSpans(line, spans.baseAddress!) else { return false }
            for i in 0..<n {
                let s = spans[i]
                switch decoders[i].decode(UnsafeRawBufferPointer(start: base + s.start, count: s.count), quoted: s.quoted, text: codePage) {
                case .success(let v): values[slots[i]] = v
                case .failure: return false
                }
            }
            return true
        }
    }

    /// Where each value of a plain line is (see `plainSplit`), without decoding any: the
    /// split `plainSplit` decodes, so a line whose values all decode parses `.ok` to them.
    /// False when the line is not plain (then only `parse` can tell what it is).
    func plainSpans(_ line: UnsafeRawBufferPointer, _ spans: UnsafeMutablePointer<FieldSpan>) -> Bool {
        Self.plainSpans(line, spans, count: decoders.count, separator: separator, quote: quote)
    }

    /// `plainSpans` for `n` values, needing nothing of a parser but its separator and quote.
    /// Byte loops rather than `memchr`: values are short, and a call per value cost more
    /// than the scan (measured on the restore).
    static func plainSpans(_ line: UnsafeRawBufferPointer, _ spans: UnsafeMutablePointer<FieldSpan>,
                           count n: Int, separator: UInt8, quote: UInt8?) -> Bool {
        let end = line.count
        guard let base = line.baseAddress, end > 0, n > 0 else { return false }
        let p = base.assumingMemoryBound(to: UInt8.self)
        let q = quote.map { Int($0) } ?? -1   // -1: no quote character, equal to no byte
        var pos = 0
        for i in 0..<n {
            if pos < end, Int(p[pos]) == q {
                // quoted: closes at the first quote, which the separator (or the end) follows
                // (memchr: a quoted value is mostly a name or a key, tens of bytes)
                guard pos + 1 < end, let hit = memchr(p + pos + 1, Int32(q), end - pos - 1) else { return false }
                let j = UnsafeRawPointer(hit) - UnsafeRawPointer(p)
                if i == n - 1 { guard j + 1 == end else { return false } } else {
                    guard j + 1 < end, p[j + 1] == separator else { return false }
                }
                spans[i] = FieldSpan(start: pos + 1, count: j - pos - 1, quoted: true)
                pos = j + 2
            } else if i == n - 1 {
                // the last value: neither a separator nor a quote may follow
                var k = pos
                while k < end {
                    let b = p[k]
                    if b == separator || Int(b) == q { return false }
                    k += 1
                }
                spans[i] = FieldSpan(start: pos, count: end - pos, quoted: false)
                pos = end + 1
            } else {
                // up to the next separator, with no quote before it
                var k = pos
                while k < end {
                    let b = p[k]
                    if b == separator { break }
                    if Int(b) == q { return false }
                    k += 1
                }
                guard k < end else { return false }
                spans[i] = FieldSpan(start: pos, count: k - pos, quoted: false)
                pos = k + 1
            }
        }
        return pos >= end
    }

    @inline(__always)
    private mutating func tryValue(_ i: Int, _ raw: UnsafeRawBufferPointer, quoted: Bool, _ values: inout [DBFValue]) -> Bool {
        switch decoders[i].decode(raw, quoted: quoted, text: codePage) {
        case .success(let v):
            if !countOnly { values[slots[i]] = v }
            return true
        case .failure(let p):
            suspicious = true
            if i >= deepest { deepest = i; deepestProblem = p }
            return false
        }
    }

    /// Depth-first over the possible value ends; first candidates first, so a plain line is
    /// one linear pass. In `countOnly` mode it goes on after a success to count splits.
    private mutating func walk(_ line: UnsafeRawBufferPointer, _ i: Int, _ pos: Int, _ values: inout [DBFValue]) -> Bool {
        let n = decoders.count
        let end = line.count
        steps += 1
        if steps > stepBudget { return false }
        let last = i == n - 1
        if let q = quote, pos < end, line[pos] == q {
            var j = pos + 1
            var candidates = 0
            while true {
                while j < end && line[j] != q { j += 1 }
                if j >= end { if candidates == 0 { sawOpenQuote = true }; return false }
                let closesHere = last ? j + 1 == end : (j + 1 < end && line[j + 1] == separator)
                if closesHere {
                    candidates += 1
                    let raw = UnsafeRawBufferPointer(rebasing: line[(pos + 1)..<j])
                    if tryValue(i, raw, quoted: true, &values) {
                        if last || walk(line, i + 1, j + 2, &values) {
                            if !countOnly { return true }
                            if last { parses += 1 }
                            if parses > 1 { return true }
                        }
                    }
                }
                suspicious = true
                j += 1
            }
        }
        if last {
            guard pos <= end else { return false }
            let raw = UnsafeRawBufferPointer(rebasing: line[pos..<end])
            if !countOnly, raw.count > 0,
               memchr(raw.baseAddress!, Int32(separator), raw.count) != nil
                || (quote.map { memchr(raw.baseAddress!, Int32($0), raw.count) != nil } ?? false) {
                suspicious = true
            }
            guard tryValue(i, raw, quoted: false, &values) else { return false }
            if countOnly { parses += 1; return parses > 1 }
            return true
        }
        var k = pos
        while true {
            while k < end && line[k] != separator { k += 1 }
            if k >= end { return false }
            let raw = UnsafeRawBufferPointer(rebasing: line[pos..<k])
            if tryValue(i, raw, quoted: false, &values) {
                if walk(line, i + 1, k + 1, &values) && (!countOnly || parses > 1) { return true }
                suspicious = true
            }
            // only text can hold a separator
            let t = decoders[i].field.type
            if !(t == .character || t == .varchar || t == .varbinary) {
                return false
            }
            k += 1
        }
    }
}
