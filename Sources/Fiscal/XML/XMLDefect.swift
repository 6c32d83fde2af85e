import ResgateLocale

/// What is wrong with a broken XML file, kept structured so it can be said in both
/// languages and compared in tests.
public enum XMLDefect: Sendable, Hashable, Codable {
    public enum Construct: String, Sendable, Codable { case comment, cdata, processingInstruction, declaration }

    /// The file ends inside a tag (its name when known).
    case endsInsideTag(String?)
    case unterminated(Construct)
    case endTagWithoutStart(String)
    case mismatchedEndTag(found: String, open: String)
    case noTagName
    /// The file ends while this element is still open: truncated.
    case endsBefore(String)
    /// A field the document needs is absent (e.g. `ide/nNF`).
    case missingField(String)
    case notANumber(field: String, text: String)
    case reversedRange(first: Int, last: Int)
    /// A cancellation event whose `chNFe` is not a usable key.
    case unusableEventKey(String)
    /// A value longer than the layout allows by far (chNFe, dhEmi, nProt): not stored.
    case valueTooLong(field: String, bytes: Int)
    /// A number past what the layout allows (nNF above 999,999,999).
    case numberTooLarge(field: String, value: Int)

    public var words: Words {
        switch self {
        case .endsInsideTag(let n?):
            Words(pt: "o arquivo termina dentro da tag <\(n)> (cortado?)", en: "the file ends inside tag <\(n)> (truncated?)")
        case .endsInsideTag(nil):
            Words(pt: "o arquivo termina dentro de uma tag (cortado?)", en: "the file ends inside a tag (truncated?)")
        case .unterminated(let c):
            Words(pt: "\(c.pt) sem fim (cortado?)", en: "unterminated \(c.en) (truncated?)")
        case .endTagWithoutStart(let n):
            Words(pt: "</\(n)> fecha uma tag que não foi aberta", en: "</\(n)> closes a tag that was never opened")
        case let .mismatchedEndTag(found, open):
            Words(pt: "</\(found)> não fecha <\(open)>", en: "</\(found)> does not close <\(open)>")
        case .noTagName:
            Words(pt: "'<' sem nome de tag", en: "'<' without a tag name")
        case .endsBefore(let n):
            Words(pt: "o arquivo termina antes de </\(n)> (cortado?)", en: "the file ends before </\(n)> (truncated?)")
        case .missingField(let f):
            Words(pt: "falta o campo \(f)", en: "field \(f) is missing")
        case let .notANumber(f, t):
            Words(pt: "o campo \(f) não é um número: '\(t)'", en: "field \(f) is not a number: '\(t)'")
        case let .reversedRange(a, z):
            Words(pt: "nNFIni \(a) é maior que nNFFin \(z)", en: "nNFIni \(a) is above nNFFin \(z)")
        case .unusableEventKey(let k):
            Words(pt: "evento de cancelamento com chNFe inutilizável '\(k)'", en: "cancellation event with an unusable chNFe '\(k)'")
        case let .valueTooLong(f, n):
            Words(pt: "o campo \(f) tem \(n) bytes, muito além do leiaute", en: "field \(f) has \(n) bytes, far beyond the layout")
        case let .numberTooLarge(f, v):
            Words(pt: "o campo \(f) vale \(v), acima de 999.999.999", en: "field \(f) is \(v), above 999,999,999")
        }
    }
}

extension XMLDefect.Construct {
    var pt: String {
        switch self {
        case .comment: "comentário"
        case .cdata: "seção CDATA"
        case .processingInstruction: "instrução de processamento"
        case .declaration: "declaração"
        }
    }
    var en: String {
        switch self {
        case .comment: "comment"
        case .cdata: "CDATA section"
        case .processingInstruction: "processing instruction"
        case .declaration: "declaration"
        }
    }
}
