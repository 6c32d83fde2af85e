import Fiscal
import Foundation
import ResgateLocale
import RestoreKit

/// What the technician hands over after a restore (issue 16): what was restored from which
/// set, each table's records before and after, what was refused and why, the numbering
/// verdict, the notes to re-enter, and the ERP's step-5 checklist with what the tool
/// checked and what remains to check by hand. A typed value, so any front end can save it;
/// `html()` renders it (every value escaped), `save(in:)` writes it under the data folder.
public struct HandoverReport: Encodable, Sendable {
    public struct Row: Encodable, Sendable {
        public var table: String
        public var status: String
        /// Records before; nil when unknown.
        public var before: Int?
        /// Records after; nil when nothing was written (a refused table).
        public var after: Int?
        public var notes: String
    }

    public struct Refused: Encodable, Sendable {
        /// Nil: the whole restore.
        public var table: String?
        public var reason: String
    }

    public struct ChecklistItem: Encodable, Sendable {
        public var item: String
        public var toolChecked: String
        public var byHand: String
        /// ok, warning, fail, or not-checked.
        public var status: String
    }

    public var language: Language
    public var id: String
    public var madeAt: String
    public var data: String
    public var backupSet: String
    public var undoID: String?
    public var rows: [Row]
    public var refused: [Refused]
    public var verdict: NumberingVerdict
    public var checklist: [ChecklistItem]

    public init(restore: RestoreReport, check: CheckReport?, checkFailure: String? = nil, data: String,
                language: Language, now: Date = Date()) {
        let w = { (l: HandoverLabel) in Phrase.handover(l).text(in: language) }
        self.language = language
        id = restore.id ?? "simulacao"
        madeAt = Format.dateTime(now, in: language)
        self.data = data
        backupSet = restore.source
        undoID = restore.id
        rows = restore.tables.map { t in
            let written = t.status == .restored
            var notes: [String] = []
            if !t.blank.isEmpty { notes.append(Phrase.mappingBlank(t.blank).text(in: language)) }
            if !t.dropped.isEmpty { notes.append(Phrase.mappingDropped(t.dropped).text(in: language)) }
            if !t.converted.isEmpty { notes.append(Phrase.mappingConverted(t.converted).text(in: language)) }
            if let n = t.skippedLines { notes.append(w(.skippedLines(n))) }
            if t.memoBlanked == true { notes.append(w(.memosBlanked)) }
            if t.merge != nil {
                // restore --merge: where the rows came from, the conflicts, the unreadable records by number
                notes.append(Phrase.merge(.handoverNote).text(in: language))
                notes += MergeAdvice.summary(t, language: language)
            }
            let status = t.status == .restored ? w(.tableRestored) : t.status == .wouldRestore ? w(.tableWouldRestore) : w(.tableRefused)
            return Row(table: t.name, status: status, before: t.replaced, after: written ? t.records : nil,
                       notes: notes.joined(separator: "; "))
        }
        var refused: [Refused] = []
        if let r = restore.refusal { refused.append(Refused(table: nil, reason: r)) }
        for t in restore.tables where t.status == .refused || t.status == .failed {
            refused.append(Refused(table: t.name, reason: t.reason ?? (t.defects.first ?? "—")))
        }
        self.refused = refused
        verdict = NumberingVerdict(check: check, failure: checkFailure, data: data)

        let restoredClean = restore.tables.filter { $0.status == .restored && $0.defects.isEmpty }.count
        let rules = check?.checks.filter { $0.rule != nil } ?? []
        let purchase = rules.filter { r in ["ENTRADA", "COMPRA"].contains { r.rule!.table.uppercased().contains($0) } }
        let purchaseText: String? = purchase.isEmpty ? nil
            : purchase.map { "\($0.subject): \($0.message.text(in: language))" }.joined(separator: " · ")
        let fiscalText: String
        switch verdict.state {
        case .notChecked: fiscalText = w(.fiscalSequenceNotChecked)
        default: fiscalText = verdict.lines.map { $0.text(in: language) }.joined(separator: " · ")
        }
        checklist = [
            ChecklistItem(item: w(.salesPost), toolChecked: w(.salesPostTool(restoredClean)), byHand: w(.salesPostHand),
                          status: restoredClean > 0 && refused.isEmpty ? "ok" : "warning"),
            ChecklistItem(item: w(.fiscalSequence), toolChecked: fiscalText, byHand: w(.fiscalSequenceHand),
                          status: verdict.state == .release ? "ok" : verdict.state == .doNotRelease ? "fail" : "not-checked"),
            ChecklistItem(item: w(.purchaseEntries), toolChecked: w(.purchaseEntriesTool(purchaseText)), byHand: w(.purchaseEntriesHand),
                          status: purchase.isEmpty ? "not-checked" : (purchase.map(\.status).max() ?? .ok).rawValue),
            ChecklistItem(item: w(.otherMovements), toolChecked: w(.otherMovementsTool(rules.filter { $0.status == .ok }.count)),
                          byHand: w(.otherMovementsHand),
                          status: rules.isEmpty ? "not-checked" : (rules.map(\.status).max() ?? .ok).rawValue),
        ]
    }

    /// Where the report of restore `id` is kept: `DATA/.resgate/relatorios/restauracao-<id>.html`.
    public static func path(data: String, id: String) -> String {
        data + "/.resgate/relatorios/" + fileName(id: id)
    }

    public static func fileName(id: String) -> String { "restauracao-\(id).html" }

    /// Writes the HTML under the data folder; answers its path.
    @discardableResult
    public func save(in data: String) throws -> String {
        let path = Self.path(data: data, id: id)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(html().utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        return path
    }

    /// Whether `restore` replaced tables in DATA itself (not a dry run, not `--into`, not
    /// refused): only then is there something to hand over.
    public static func isWanted(after restore: RestoreReport) -> Bool {
        restore.id != nil && !restore.dryRun && restore.into == nil
    }

    /// After a restore that replaced tables in `data`, the report (with the post-restore
    /// check, when one ran) saved under `DATA/.resgate/relatorios`; its path. Nil when
    /// nothing was replaced. Both front ends call this, so they save the same file.
    public static func saveAfter(_ restore: RestoreReport, check: CheckReport?, checkFailure: String? = nil,
                                 data: String?, language: Language) throws -> String? {
        guard isWanted(after: restore), let data else { return nil }
        return try HandoverReport(restore: restore, check: check, checkFailure: checkFailure,
                                  data: data, language: language).save(in: data)
    }
}
