/// What is wrong with a broken XML file (`XMLFault`), in English.
extension English {
    static func xmlFault(_ f: XMLFault) -> String {
        switch f {
        case .endsInsideTag(let n?): "the file ends inside tag <\(n)> (truncated?)"
        case .endsInsideTag(nil): "the file ends inside a tag (truncated?)"
        case .unterminated(let c): "unterminated \(construct(c)) (truncated?)"
        case .endTagWithoutStart(let n): "</\(n)> closes a tag that was never opened"
        case let .mismatchedEndTag(found, open): "</\(found)> does not close <\(open)>"
        case .noTagName: "'<' without a tag name"
        case .endsBefore(let n): "the file ends before </\(n)> (truncated?)"
        case .missingField(let f): "field \(f) is missing"
        case let .notANumber(f, t): "field \(f) is not a number: '\(t)'"
        case let .reversedRange(a, z): "nNFIni \(a) is above nNFFin \(z)"
        case .unusableEventKey(let k): "cancellation event with an unusable chNFe '\(k)'"
        case let .valueTooLong(f, n): "field \(f) has \(n) bytes, far beyond the layout"
        case let .numberTooLarge(f, v): "field \(f) is \(v), above 999,999,999"
        }
    }

    static func construct(_ c: XMLFault.Construct) -> String {
        switch c {
        case .comment: "comment"
        case .cdata: "CDATA section"
        case .processingInstruction: "processing instruction"
        case .declaration: "declaration"
        }
    }
}
