/// `resgate reindex` in English.
extension English {
    static func reindex(_ r: ReindexPhrase) -> String {
        switch r {
        case .status(let s):
            switch s {
            case .ok: "ok"
            case .defects: "defects"
            case .unchecked: "partly checked (tags we cannot check)"
            case .rebuilt: "rebuilt"
            case .refused: "refused"
            case .failed: "failed"
            case .noIndex: "no index"
            case .missingIndex: "index missing (the header says there is one)"
            }
        case let .defect(tag, fault, detail):
            (tag.map { "tag \($0): " } ?? "") + indexFault(fault) + " — " + indexFinding(detail)
        }
    }

    static func indexFault(_ f: ReindexPhrase.Fault) -> String {
        switch f {
        case .damagedStructure: "index structure damaged"
        case .outOfOrder: "keys out of order"
        case .entriesDiffer: "index out of date with the records"
        case .nationalCollation: "national collation (not MACHINE): neither checked nor rebuilt"
        case .keysDisagree: "the index disagrees with almost every computed key: neither judged nor rebuilt"
        case .binaryIndex: "VFP 9 binary index: unsupported, neither checked nor rebuilt"
        case .unsupportedExpression: "unsupported expression: tag not checked"
        }
    }
}
