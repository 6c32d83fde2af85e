import Foundation
import ResgateLocale
import RestoreKit

/// The words a person reads after (or before) a restore.
enum RestoreSummary {
    static func text(_ r: RestoreReport, folder: String, language l: Language) -> String {
        var t = TextTable(headers: CLIPhrase.restoreHeaders.text(in: l).components(separatedBy: "|"))
        var notes: [String] = []
        for x in r.tables {
            var mapping: [String] = []
            if !x.blank.isEmpty { mapping.append(Phrase.mappingBlank(x.blank).text(in: l)) }
            if !x.dropped.isEmpty { mapping.append(Phrase.mappingDropped(x.dropped).text(in: l)) }
            if !x.converted.isEmpty { mapping.append(Phrase.mappingConverted(x.converted).text(in: l)) }
            t.rows.append([x.name, Phrase.restoreStatus(x.status.rawValue).text(in: l), x.replaced.map(String.init) ?? "-",
                           // a refused or failed table kept what it had: no "after" count (was 0)
                           x.status == .refused || x.status == .failed ? "-" : String(x.records),
                           mapping.isEmpty ? Phrase.mappingSame.text(in: l) : mapping.joined(separator: "; "),
                           x.seconds.map { Format.seconds($0, in: l) } ?? "-"])
            if let reason = x.reason { notes.append("\(x.name): \(reason)") }
            for d in x.defects { notes.append("\(x.name): \(d)") }
            notes += MergeSummary.notes(x, language: l)
        }
        var out = SourceOpener.foundLine(r.sourceKind, name: r.source).text(in: l) + "\n\n" + t.render()
        if !notes.isEmpty { out += "\n\n" + notes.joined(separator: "\n") }
        if let refusal = r.refusal { out += "\n\n" + Phrase.refusedBecause(refusal).text(in: l) }
        if let id = r.id { out += "\n\n" + Phrase.undoHint(folder: folder, id: id).text(in: l) }
        if r.dryRun { out += "\n\n" + Phrase.dryRunNothingWritten.text(in: l) }
        return out
    }

    /// The question's preamble: which tables lose which records.
    static func confirmation(_ preview: RestoreReport, language l: Language) -> String {
        if preview.tables.contains(where: { $0.merge != nil }) {
            var lines = [Phrase.mergeWarning.text(in: l)]
            for t in preview.tables {
                lines.append("  \(t.name): \(t.replaced ?? 0) → \(t.records)")
                lines += MergeSummary.notes(t, language: l).map { "  " + $0 }
            }
            lines.append(Phrase.undoSnapshotKept.text(in: l))
            return lines.joined(separator: "\n")
        }
        var lines = [Phrase.restoreWarning.text(in: l)]
        for t in preview.tables {
            lines.append("  \(t.name): \(t.replaced ?? 0) → \(t.records)")
        }
        lines.append(Phrase.undoSnapshotKept.text(in: l))
        return lines.joined(separator: "\n")
    }
}
