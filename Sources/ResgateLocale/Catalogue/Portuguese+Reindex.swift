/// `resgate reindex` in Brazilian Portuguese.
extension Portuguese {
    static func reindex(_ r: ReindexPhrase) -> String {
        switch r {
        case .status(let s):
            switch s {
            case .ok: "ok"
            case .defects: "com defeitos"
            case .unchecked: "ok em parte (tags não verificáveis)"
            case .rebuilt: "reconstruído"
            case .refused: "recusado"
            case .failed: "falhou"
            case .noIndex: "sem índice"
            case .missingIndex: "índice ausente (o cabeçalho diz que existe)"
            }
        case let .defect(tag, fault, detail):
            (tag.map { "tag \($0): " } ?? "") + indexFault(fault) + " — " + indexFinding(detail)
        }
    }

    static func indexFault(_ f: ReindexPhrase.Fault) -> String {
        switch f {
        case .damagedStructure: "estrutura do índice danificada"
        case .outOfOrder: "chaves fora de ordem"
        case .entriesDiffer: "índice desatualizado em relação aos registros"
        case .nationalCollation: "ordenação nacional (não MACHINE): não verificada nem reconstruída"
        case .keysDisagree: "o índice discorda de quase todas as chaves calculadas: não julgado nem reconstruído"
        case .binaryIndex: "índice binário do VFP 9: não suportado, não verificado nem reconstruído"
        case .unsupportedExpression: "expressão não suportada: tag não verificada"
        }
    }
}
