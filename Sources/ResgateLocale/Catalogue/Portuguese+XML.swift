/// What is wrong with a broken XML file (`XMLFault`), in Brazilian Portuguese.
extension Portuguese {
    static func xmlFault(_ f: XMLFault) -> String {
        switch f {
        case .endsInsideTag(let n?): "o arquivo termina dentro da tag <\(n)> (cortado?)"
        case .endsInsideTag(nil): "o arquivo termina dentro de uma tag (cortado?)"
        case .unterminated(let c): "\(construct(c)) sem fim (cortado?)"
        case .endTagWithoutStart(let n): "</\(n)> fecha uma tag que não foi aberta"
        case let .mismatchedEndTag(found, open): "</\(found)> não fecha <\(open)>"
        case .noTagName: "'<' sem nome de tag"
        case .endsBefore(let n): "o arquivo termina antes de </\(n)> (cortado?)"
        case .missingField(let f): "falta o campo \(f)"
        case let .notANumber(f, t): "o campo \(f) não é um número: '\(t)'"
        case let .reversedRange(a, z): "nNFIni \(a) é maior que nNFFin \(z)"
        case .unusableEventKey(let k): "evento de cancelamento com chNFe inutilizável '\(k)'"
        case let .valueTooLong(f, n): "o campo \(f) tem \(n) bytes, muito além do leiaute"
        case let .numberTooLarge(f, v): "o campo \(f) vale \(v), acima de 999.999.999"
        }
    }

    static func construct(_ c: XMLFault.Construct) -> String {
        switch c {
        case .comment: "comentário"
        case .cdata: "seção CDATA"
        case .processingInstruction: "instrução de processamento"
        case .declaration: "declaração"
        }
    }
}
