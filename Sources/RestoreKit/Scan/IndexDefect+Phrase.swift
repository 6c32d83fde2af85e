import ResgateLocale
import XBase

public extension ReindexPhrase.Fault {
    /// The kind of an index defect, as far as its words differ.
    init(_ kind: IndexDefect.Kind) {
        self = switch kind {
        case .damagedStructure: .damagedStructure
        case .outOfOrder: .outOfOrder
        case .entriesDiffer: .entriesDiffer
        case .nationalCollation: .nationalCollation
        case .keysDisagree: .keysDisagree
        case .binaryIndex: .binaryIndex
        case .unsupportedExpression: .unsupportedExpression
        }
    }
}

public extension IndexDefect {
    /// The defect as the catalogue's fact (`scan` and `reindex` tell it alike).
    var phrase: ReindexPhrase { .defect(tag: tag, fault: .init(kind), detail: detail) }
}
