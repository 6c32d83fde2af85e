import Fiscal
import Foundation
import ResgateLocale
import RestoreKit
import StoreOps

/// What the screen adds around the operations' documents (issue 16): which tables the ERP
/// holds open, refusal words for someone without a command line, the numbering verdict
/// first, and the printable handover report.
extension StoreActions {
    /// A table whose file another program holds locked.
    struct TableLock: Encodable, Sendable {
        var table: String
        var file: String
        /// "em uso pelo ERP: VENDAS.DBF — travado pelo processo 812 (wine COPY.EXE)".
        var message: Words
    }

    /// `/api/tables`: `scan --json` plus `locks` (the tables in use by another program).
    struct ScreenTables: Encodable {
        var tables: [TableSummary]
        var locks: [TableLock]

        init(_ scan: ScanResult, data: String) {
            tables = scan.tables
            locks = scan.tables.compactMap { t in
                StoreActions.lock(table: t.name, files: [t.file, t.memo, t.index].compactMap { $0 }, data: data)
            }
        }
    }

    /// The first of `files` (in `data`) another program holds, in words; nil when all free.
    static func lock(table: String, files: [String], data: String) -> TableLock? {
        guard let p = TableLocks.firstProblem(in: data, files: files),
              let holder = TableLocks.phrase(file: p.file, p.state) else { return nil }
        let words = Words(pt: Phrase.tableLockedBy(file: p.file, holder: holder.text(in: .pt)).text(in: .pt),
                          en: Phrase.tableLockedBy(file: p.file, holder: holder.text(in: .en)).text(in: .en))
        return TableLock(table: table, file: p.file, message: words)
    }

    /// The live files of table `name` in DATA (DBF, FPT, CDX, any case).
    func liveFiles(_ name: String) -> [String] {
        let all = (try? FileManager.default.contentsOfDirectory(atPath: data)) ?? []
        let stem = name.lowercased()
        return all.filter { f in
            let l = f.lowercased()
            return ["dbf", "fpt", "dbt", "cdx"].contains { l == stem + "." + $0 }
        }.sorted()
    }

    /// The report with reasons a web user can act on: a table refused for defects is told
    /// about the confirmation's choices (never about command-line flags), and a table
    /// refused only because another was gets that reason instead of none.
    func forScreen(_ report: RestoreReport, language: Language) -> RestoreReport {
        var r = report
        for i in r.tables.indices where r.tables[i].status == .refused || r.tables[i].status == .failed {
            let reason = r.tables[i].reason ?? ""
            if reason.contains("--skip-bad-lines") || reason.contains("--blank-memos") {
                r.tables[i].reason = Phrase.webDefectsRefused.text(in: language)
            } else if r.tables[i].reason == nil {
                r.tables[i].reason = Phrase.refusedWithTheOthers.text(in: language)
            }
        }
        if let refusal = r.refusal, refusal.contains("--skip-bad-lines") || refusal.contains("--blank-memos") {
            r.refusal = Phrase.webDefectsRefused.text(in: language)
        }
        return r
    }

    /// `/api/restore`'s result: `{restore, check, verdict, handover, locks}` (and `merge`
    /// after a dry run asked for the merge preview). A real restore
    /// that replaced tables gets the numbering verdict (or "not checked") and its handover
    /// report saved under DATA; a refusal gets the locks of its tables, and the last word on
    /// the progress list says what happened.
    func restoreDocument(_ report: RestoreReport, check: CheckReport?, checkFailure: String?,
                         request r: RestoreRequest, language: Language,
                         context: OperationCenter.Context, merge: Data? = nil) throws -> Data {
        let shown = forScreen(report, language: language)
        var verdict: NumberingVerdict? = nil
        var handover: [String: String]? = nil
        if HandoverReport.isWanted(after: report) {
            verdict = NumberingVerdict(check: check, failure: checkFailure, data: data)
            // the same file `resgate restore` saves (StoreOps decides when and where)
            if let path = try? HandoverReport.saveAfter(shown, check: check, checkFailure: checkFailure,
                                                        data: data, language: language) {
                let name = (path as NSString).lastPathComponent
                handover = ["path": path, "name": name, "url": "/api/reports/" + name]
            }
        }
        var locks: [TableLock] = []
        if report.anyRefused {
            let names = report.tables.map(\.name)
            locks = names.compactMap { StoreActions.lock(table: $0, files: liveFiles($0), data: data) }
            context.emit(.message(Phrase.restoreRefusedNothingChanged.words))
        } else if report.dryRun {
            context.emit(.message(Phrase.dryRunDone.words))
        }
        let checkData: Data? = try check.map { try encode($0.document(in: language)) }
        return try splice(["restore": encode(shown), "check": checkData, "verdict": verdict.map(encode),
                           "handover": handover.map(encode), "locks": encode(locks), "merge": merge])
    }

    /// A saved handover report by its file name (`restauracao-<id>.html`), never a path.
    public func handoverReport(named name: String) throws -> Data {
        let ok = name.hasPrefix("restauracao-") && name.hasSuffix(".html") && name.count < 120
            && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || "-_.".unicodeScalars.contains($0) }
            && !name.contains("..")
        guard ok else { throw WebError.badRequest("nome de relatório inválido", "invalid report name") }
        let path = data + "/.resgate/relatorios/" + name
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw WebError.notFound("relatório \(name) não encontrado", "report \(name) not found")
        }
        return bytes
    }
}
