/// The element names the fiscal reader cares about, as small ids, so the scanner keeps a
/// stack of bytes instead of strings and allocates nothing per element.
enum XMLTag: UInt8 {
    case other = 0
    // document roots
    case nfeProc, procInutNFe, procEventoNFe
    // containers
    case nfe, infNFe, ide, emit, protNFe, infProt
    case inutNFe, retInutNFe, infInut
    case evento, retEvento, infEvento
    // leaves
    case mod, serie, nNF, dhEmi, dEmi, tpAmb, cnpj, cpf
    case cUF, tpEmis, tpNF, cNF, cDV
    case chNFe, cStat, nProt, dhRecbto
    case nNFIni, nNFFin, ano
    case tpEvento, dhEvento, dhRegEvento

    /// `NFe` is a root only outside an `nfeProc`: a signed note without its authorization.
    var isDocumentRoot: Bool { self == .nfeProc || self == .procInutNFe || self == .procEventoNFe || self == .nfe }

    /// Looks up a local name (namespace prefix already removed). `ProcInutNFe` is the
    /// capitalised spelling some ERPs write for the voided-range document.
    static func lookup(_ name: UnsafeRawBufferPointer) -> XMLTag {
        let n = name.count
        guard n >= 3 && n <= 13 else { return .other }
        for (bytes, tag) in table where bytes.count == n {
            if bytes.withUnsafeBytes({ $0.elementsEqual(name) }) { return tag }
        }
        return .other
    }

    private static let table: [([UInt8], XMLTag)] = ([
        ("nfeProc", .nfeProc), ("procInutNFe", .procInutNFe), ("ProcInutNFe", .procInutNFe),
        ("procEventoNFe", .procEventoNFe),
        ("NFe", .nfe), ("infNFe", .infNFe), ("ide", .ide), ("emit", .emit),
        ("protNFe", .protNFe), ("infProt", .infProt),
        ("inutNFe", .inutNFe), ("retInutNFe", .retInutNFe), ("infInut", .infInut),
        ("evento", .evento), ("retEvento", .retEvento), ("infEvento", .infEvento),
        ("mod", .mod), ("serie", .serie), ("nNF", .nNF), ("dhEmi", .dhEmi), ("dEmi", .dEmi),
        ("tpAmb", .tpAmb), ("CNPJ", .cnpj), ("CPF", .cpf),
        ("cUF", .cUF), ("tpEmis", .tpEmis), ("tpNF", .tpNF), ("cNF", .cNF), ("cDV", .cDV),
        ("chNFe", .chNFe), ("cStat", .cStat), ("nProt", .nProt), ("dhRecbto", .dhRecbto),
        ("nNFIni", .nNFIni), ("nNFFin", .nNFFin), ("ano", .ano),
        ("tpEvento", .tpEvento), ("dhEvento", .dhEvento), ("dhRegEvento", .dhRegEvento),
    ] as [(String, XMLTag)]).map { (Array($0.0.utf8), $0.1) }
}

/// A value the reader keeps, named by where it sits in the document.
enum XMLSlot: Int, CaseIterable {
    // nfeProc
    case noteModel, noteSeries, noteNumber, noteIssued, noteEnvironment, noteIssuer
    case noteState, noteEmission, noteDirection, noteCode, noteDigit
    case protKey, protStatus, protProtocol, protReceived
    // procInutNFe
    case inutEnvironment, inutIssuer, inutModel, inutSeries, inutFirst, inutLast, inutYear
    case inutStatus, inutProtocol, inutReceived
    // procEventoNFe
    case eventIssuer, eventKey, eventType, eventDate, eventEnvironment
    case eventStatus, eventProtocol, eventRegistered, eventReturnedKey

    /// The slot for a leaf whose parent and grandparent are given; nil when not wanted.
    static func of(leaf: XMLTag, parent: XMLTag, grandparent: XMLTag) -> XMLSlot? {
        switch (grandparent, parent) {
        case (.infNFe, .ide):
            switch leaf {
            case .mod: return .noteModel
            case .serie: return .noteSeries
            case .nNF: return .noteNumber
            case .dhEmi, .dEmi: return .noteIssued
            case .tpAmb: return .noteEnvironment
            case .cUF: return .noteState
            case .tpEmis: return .noteEmission
            case .tpNF: return .noteDirection
            case .cNF: return .noteCode
            case .cDV: return .noteDigit
            default: return nil
            }
        case (.infNFe, .emit):
            return leaf == .cnpj || leaf == .cpf ? .noteIssuer : nil
        case (.protNFe, .infProt):
            switch leaf {
            case .chNFe: return .protKey
            case .cStat: return .protStatus
            case .nProt: return .protProtocol
            case .dhRecbto: return .protReceived
            default: return nil
            }
        case (.inutNFe, .infInut):
            switch leaf {
            case .tpAmb: return .inutEnvironment
            case .cnpj, .cpf: return .inutIssuer
            case .mod: return .inutModel
            case .serie: return .inutSeries
            case .nNFIni: return .inutFirst
            case .nNFFin: return .inutLast
            case .ano: return .inutYear
            default: return nil
            }
        case (.retInutNFe, .infInut):
            switch leaf {
            case .cStat: return .inutStatus
            case .nProt: return .inutProtocol
            case .dhRecbto: return .inutReceived
            default: return nil
            }
        case (.evento, .infEvento):
            switch leaf {
            case .cnpj, .cpf: return .eventIssuer
            case .chNFe: return .eventKey
            case .tpEvento: return .eventType
            case .dhEvento: return .eventDate
            case .tpAmb: return .eventEnvironment
            default: return nil
            }
        case (.retEvento, .infEvento):
            switch leaf {
            case .cStat: return .eventStatus
            case .nProt: return .eventProtocol
            case .dhRegEvento: return .eventRegistered
            case .chNFe: return .eventReturnedKey
            default: return nil
            }
        default:
            return nil
        }
    }
}
