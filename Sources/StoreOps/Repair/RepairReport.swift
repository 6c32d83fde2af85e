import ResgateLocale
import RestoreKit
import XBase

/// `repair --json` (docs/cli-json.md).
public struct RepairReport: Encodable, Sendable {
    public enum Status: String, Encodable, Sendable {
        case ok, repaired
        case wouldRepair = "would-repair"
    }
    public typealias Finding = RepairFindings.Finding

    public var table: TableName
    public var file: String
    public var dryRun: Bool
    /// The undo id (`resgate undo --data DATA ID`); null when nothing was written.
    @Nullable public var id: String?
    public var status: Status
    /// The CDX rebuilt (or that a repair would rebuild); null when none.
    @Nullable public var index: String?
    /// The memo file rewritten (its next-free pointer moved); null when untouched.
    @Nullable public var memo: String?
    /// The header's record count, the whole records the file held, the records after.
    public var recordsBefore: Int
    public var recordsInFile: Int
    public var recordsAfter: Int
    public var findingsCount: Int
    public var quarantined: Int
    public var blanked: Int
    public var memosEmptied: Int
    /// The first `RepairFindings.limit` findings (file-level ones first).
    public var findings: [Finding]

    init(table: TableName, file: String, dryRun: Bool, findings f: RepairFindings) {
        self.table = table; self.file = file; self.dryRun = dryRun
        status = f.isClean ? .ok : (dryRun ? .wouldRepair : .repaired)
        recordsBefore = f.headerRecords; recordsInFile = f.recordsInFile; recordsAfter = f.recordsAfter
        findingsCount = f.findingsCount; quarantined = f.quarantinedCount
        blanked = f.blankedCount; memosEmptied = f.memosEmptiedCount
        findings = f.findings
    }

    /// 0 nothing to fix; 1 fixed (or, in a dry run, would fix).
    public var exit: ExitKind { findingsCount == 0 ? .ok : .defects }

    /// The report in sentences: the verdict, the counts, one line per finding listed.
    public var phrases: [Phrase] {
        let t = table.canonical
        var out: [Phrase] = []
        switch status {
        case .ok: return [.repair(.nothingToFix(table: t))]
        case .repaired: out.append(.repair(.repaired(table: t, fixes: findingsCount)))
        case .wouldRepair: out.append(.repair(.wouldRepair(table: t, fixes: findingsCount)))
        }
        out.append(.repair(.records(header: recordsBefore, inFile: recordsInFile, after: recordsAfter)))
        out += findings.map { .repair(Self.phrase($0)) }
        if findingsCount > findings.count { out.append(.repair(.moreNotListed(findingsCount - findings.count))) }
        if let index, status == .repaired { out.append(.repair(.indexRebuilt(index))) }
        return out
    }

    static func phrase(_ f: Finding) -> RepairPhrase {
        let rec = f.record ?? 0
        let field = f.field ?? ""
        let hex = f.bytes ?? ""
        switch f.kind {
        case .headerCount: return .headerCount(before: f.before ?? 0, after: f.after ?? 0)
        case .tornRecord: return .tornRecord(record: rec, bytes: f.before ?? 0)
        case .missingEOF: return .missingEOF
        case .memoNextFree: return .memoNextFree(before: f.before ?? 0, after: f.after ?? 0)
        case .memoPointer: return .memoEmptied(record: rec, field: field, outside: f.reason == .memoPointerOutside, bytes: hex)
        // the whole record's bytes are in the JSON; a line shows their start
        case .deleteFlag: return .quarantined(record: rec, bytes: hex.count > 48 ? hex.prefix(48) + "…" : hex)
        case .fieldBytes:
            let fault: RepairPhrase.FieldFault = switch f.reason {
            case .badDate: .date
            case .badLogical: .logical
            case .badDateTime: .dateTime
            case .badVarLength: .varLength
            default: .number
            }
            return .fieldBlanked(record: rec, field: field, fault: fault, bytes: hex)
        }
    }
}
