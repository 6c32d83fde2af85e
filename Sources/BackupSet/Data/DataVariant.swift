import ResgateLocale
import XBase

/// How a data file is written (section 4): delimited with a separator and maybe a quote
/// character, or SDF fixed width. Detected from the content, reported by `show`.
public enum DataVariant: Sendable, Hashable, CustomStringConvertible {
    case delimited(separator: UInt8, quote: UInt8?)
    case sdf(widths: [Int])

    /// Variant A: `,` and `"`.
    public var isCanonical: Bool {
        if case .delimited(0x2C, 0x22) = self { return true }
        return false
    }

    static func show(_ b: UInt8) -> String { b == 9 ? "TAB" : String(UnicodeScalar(b)) }

    /// The layout as facts, told by the catalogue.
    public var layout: DataLayout {
        switch self {
        case let .delimited(s, q): .delimited(separator: Self.show(s), quote: q.map(Self.show), canonical: isCanonical)
        case let .sdf(w): .sdf(bytes: w.reduce(0, +))
        }
    }

    /// In English: the JSON documents carry it.
    public var description: String { layout.text(in: .en) }

    /// The description for a person, in both languages.
    public var words: Words { Words(layout.text) }
}

/// A parser for one data variant, ready to read lines. (A struct of optionals rather than
/// an enum: the parser mutates in place, with no copy of its arrays per line.)
struct LineParser {
    var delimited: DelimitedLineParser?
    var sdf: SDFLineParser?

    mutating func parse(_ line: UnsafeRawBufferPointer, into values: inout [DBFValue]) -> LineOutcome {
        if delimited != nil { return delimited!.parse(line, into: &values) }
        return sdf!.parse(line, into: &values)
    }

    /// The splitting half of this parser, on its own (see `RawSplitter`).
    func splitter() -> RawSplitter {
        if let d = delimited {
            return RawSplitter(count: d.decoders.count, separator: d.separator, quote: d.quote, widths: nil, total: 0)
        }
        let w = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, sdf!.widths.count))
        _ = w.initialize(from: sdf!.widths)
        return RawSplitter(count: sdf!.widths.count, separator: 0, quote: nil, widths: w, total: sdf!.lineWidth)
    }

    /// The decoders of the text fields, in text order (what `split`'s spans decode with).
    var decoders: [TextValueDecoder] { delimited?.decoders ?? sdf!.decoders }
    var text: FastTextDecoder { delimited?.codePage ?? sdf!.codePage }

    static func make(_ v: DataVariant, fields: [FieldDescriptor], codePage: CodePage, slots: [Int]) -> LineParser {
        switch v {
        case let .delimited(s, q):
            return LineParser(delimited: DelimitedLineParser(fields: fields, codePage: codePage, separator: s, quote: q, slots: slots))
        case let .sdf(w):
            return LineParser(sdf: SDFLineParser(decoders: fields.map { TextValueDecoder(field: $0, trimBinary: true) },
                                      names: fields.map(\.name), codePage: FastTextDecoder(codePage), widths: w, slots: slots))
        }
    }
}

/// Splits a line without decoding it, exactly where its `LineParser` would (the delimited
/// parser's plain split, or SDF's fixed widths): true when `parse` would cut the line at
/// these spans and give `.ok` as soon as every value decodes. Holds nothing reference-
/// counted, so splitting a line costs no retain; the SDF widths are freed by `release()`.
struct RawSplitter {
    let count: Int
    let separator: UInt8
    let quote: UInt8?
    let widths: UnsafeMutableBufferPointer<Int>?
    let total: Int

    @inline(__always)
    func split(_ line: UnsafeRawBufferPointer, _ spans: UnsafeMutablePointer<FieldSpan>) -> Bool {
        if let w = widths { return SDFLineParser.spans(line, spans, widths: UnsafeBufferPointer(w), total: total) }
        return DelimitedLineParser.plainSpans(line, spans, count: count, separator: separator, quote: quote)
    }

    func release() { widths?.deallocate() }
}

/// Finds the variant of a data file from its first lines, knowing the fields: every
/// candidate is tried on the sample and the one that reads the most lines wins; hints
/// from the structure file (our writer's `separator=`/`quote=`) are tried first.
enum DataVariantDetector {
    static func detect(sample: [[UInt8]], fields: [FieldDescriptor], codePage: CodePage,
                       separatorHint: UInt8?, quoteHint: UInt8?) -> DataVariant? {
        let lines = sample.filter { !$0.isEmpty }
        guard !lines.isEmpty else { return nil }
        var seps: [UInt8] = [0x2C, 0x3B, 0x7C, 0x09]
        if let h = separatorHint { seps.removeAll { $0 == h }; seps.insert(h, at: 0) }
        var quotes: [UInt8?] = [0x22, 0x27]
        // another quote character: what starts a text field's value
        var seen: [UInt8: Int] = [:]
        for l in lines.prefix(20) {
            for (i, b) in l.enumerated() where i == 0 || seps.contains(l[i - 1]) {
                if isPunctuation(b) { seen[b, default: 0] += 1 }
            }
        }
        for (b, _) in seen.sorted(by: { $0.value > $1.value }).prefix(3) where !quotes.contains(b) { quotes.append(b) }
        quotes.append(nil)
        if let q = quoteHint { quotes.removeAll { $0 == q }; quotes.insert(q, at: 0) }
        var candidates: [DataVariant] = []
        for s in seps { for q in quotes where q != s { candidates.append(.delimited(separator: s, quote: q)) } }
        let lengths = Set(lines.map(\.count))
        if let longest = lengths.max() {
            for w in SDFLineParser.widths(for: fields, total: longest) { candidates.append(.sdf(widths: w)) }
        }
        let slots = Array(fields.indices)
        var best: (DataVariant, Int)?
        for c in candidates {
            var parser = LineParser.make(c, fields: fields, codePage: codePage, slots: slots)
            var values = [DBFValue](repeating: .null, count: fields.count)
            var ok = 0
            for l in lines {
                let r = l.withUnsafeBytes { parser.parse($0, into: &values) }
                if case .ok = r { ok += 1 }
            }
            if ok > (best?.1 ?? 0) { best = (c, ok) }
            if ok == lines.count { break }
        }
        return best?.0
    }

    static func isPunctuation(_ b: UInt8) -> Bool {
        (b >= 0x21 && b <= 0x2F && b != 0x2B && b != 0x2D && b != 0x2E) || (b >= 0x3A && b <= 0x40) || (b >= 0x5B && b <= 0x60) || (b >= 0x7B && b <= 0x7E)
    }
}
