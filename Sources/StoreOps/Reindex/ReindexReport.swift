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
        /// `finding` in English (the JSON's words).
        public var message: String
        /// What the verifier found, as the catalogue's fact.
        public var finding: IndexFinding

        init(_ d: IndexDefect) {
            tag = d.tag; kind = d.kind.rawValue; repairable = d.isRepairable
            finding = d.detail; message = d.detail.text(in: .en)
        }

        private enum CodingKeys: String, CodingKey { case tag, kind, repairable, message }

        /// The defect as the catalogue's fact.
        public var phrase: ReindexPhrase {
            .defect(tag: tag, fault: IndexDefect.Kind(rawValue: kind).map(ReindexPhrase.Fault.init) ?? .unsupportedExpression,
                    detail: finding)
        }

        public var words: Words { phrase.words }
    }
    public struct Table: Encodable, Sendable {
        public var name: TableName
        public var file: String
        public var index: String?
        public var status: Status
        /// `words` in `json`'s language (English for a failure), for the JSON.
        public var message: String?
        /// Why the table's index could not be checked or rebuilt, in each language.
        public var words: Words?
        public var defects: [Defect]

        init(_ t: IndexedTable, status: Status, defects: [IndexDefect] = [], words: Words? = nil, json: Language = .en) {
            name = t.name; file = t.tablePath; index = t.indexName
            self.status = status; self.words = words; message = words?.text(in: json)
            self.defects = defects.map(Defect.init)
        }

        init(_ t: IndexedTable, status: Status, failure: IndexFailure) {
            self.init(t, status: status, words: Words { failure.text(in: $0) })
        }

        private enum CodingKeys: String, CodingKey { case name, file, index, status, message, defects }
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
