import ResgateLocale
import RestoreKit
import XBase

/// `reindex --json` (docs/cli-json.md).
public struct ReindexReport: Encodable, Sendable {
    public enum Status: String, Encodable, Sendable {
        case ok, defects, rebuilt, refused, failed, unchecked
        case noIndex = "no-index", missingIndex = "missing-index"

        /// The status as the catalogue's fact.
        public var phrase: ReindexPhrase.Status {
            switch self {
            case .ok: .ok
            case .defects: .defects
            case .unchecked: .unchecked
            case .rebuilt: .rebuilt
            case .refused: .refused
            case .failed: .failed
            case .noIndex: .noIndex
            case .missingIndex: .missingIndex
            }
        }

        public var words: Words { ReindexPhrase.status(phrase).words }
    }
    public struct Defect: Encodable, Sendable {
        public var tag: String?
        public var kind: String
        public var repairable: Bool
        public var message: String

        /// The defect as the catalogue's fact.
        public var phrase: ReindexPhrase {
            .defect(tag: tag, fault: IndexDefect.Kind(rawValue: kind).map(ReindexPhrase.Fault.init) ?? .unsupportedExpression,
                    detail: message)
        }

        public var words: Words { phrase.words }
    }
    public struct Table: Encodable, Sendable {
        public var name: TableName
        public var file: String
        public var index: String?
        public var status: Status
        public var message: String?
        public var defects: [Defect]

        init(_ t: IndexedTable, status: Status, defects: [IndexDefect] = [], message: String? = nil) {
            name = t.name; file = t.tablePath; index = t.indexName
            self.status = status; self.message = message
            self.defects = defects.map { Defect(tag: $0.tag, kind: $0.kind.rawValue, repairable: $0.isRepairable, message: $0.detail) }
        }
    }
    public var check: Bool
    public var id: String?
    public var tables: [Table] = []

    init(check: Bool) { self.check = check }

    /// 0 nothing wrong; 1 defects found (check) or some tables not rebuilt; 3 nothing rebuilt.
    public var exit: ExitKind {
        let bad = tables.contains { [.defects, .refused, .failed, .missingIndex].contains($0.status) }
        if check || !bad { return bad ? .defects : .ok }
        return tables.contains { $0.status == .rebuilt } ? .defects : .refused
    }
}
