import ResgateLocale
import XBase

/// `reindex --json` (docs/cli-json.md).
public struct ReindexReport: Encodable, Sendable {
    public enum Status: String, Encodable, Sendable {
        case ok, defects, rebuilt, refused, failed, unchecked
        case noIndex = "no-index", missingIndex = "missing-index"

        public var words: Words {
            switch self {
            case .ok: Words(pt: "ok", en: "ok")
            case .defects: Words(pt: "com defeitos", en: "defects")
            case .unchecked: Words(pt: "ok em parte (tags não verificáveis)", en: "partly checked (tags we cannot check)")
            case .rebuilt: Words(pt: "reconstruído", en: "rebuilt")
            case .refused: Words(pt: "recusado", en: "refused")
            case .failed: Words(pt: "falhou", en: "failed")
            case .noIndex: Words(pt: "sem índice", en: "no index")
            case .missingIndex: Words(pt: "índice ausente (o cabeçalho diz que existe)", en: "index missing (the header says there is one)")
            }
        }
    }
    public struct Defect: Encodable, Sendable {
        public var tag: String?
        public var kind: String
        public var repairable: Bool
        public var message: String

        public var words: Words {
            let tag = tag.map { "tag \($0): " } ?? ""
            let (pt, en): (String, String) = switch kind {
            case "damagedStructure": ("estrutura do índice danificada", "index structure damaged")
            case "outOfOrder": ("chaves fora de ordem", "keys out of order")
            case "entriesDiffer": ("índice desatualizado em relação aos registros", "index out of date with the records")
            case "nationalCollation": ("ordenação nacional (não MACHINE): não verificada nem reconstruída", "national collation (not MACHINE): neither checked nor rebuilt")
            case "keysDisagree": ("o índice discorda de quase todas as chaves calculadas: não julgado nem reconstruído", "the index disagrees with almost every computed key: neither judged nor rebuilt")
            case "binaryIndex": ("índice binário do VFP 9: não suportado, não verificado nem reconstruído", "VFP 9 binary index: unsupported, neither checked nor rebuilt")
            default: ("expressão não suportada: tag não verificada", "unsupported expression: tag not checked")
            }
            return Words(pt: tag + pt + " — " + message, en: tag + en + " — " + message)
        }
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
