import ResgateLocale
import RestoreKit
import StoreOps

/// The words of `restore --merge` per table: where the rows came from, what could not be
/// read (by record number), which same-key rows differ.
enum MergeSummary {
    static func notes(_ x: RestoreReport.Table, language l: Language) -> [String] {
        guard let m = x.merge else { return [] }
        var out = [CLIPhrase.mergeFrom(table: x.name, fromBackup: m.fromBackup, fromLive: m.fromLive, updated: m.updated,
                                       added: m.added, key: MergeAdvice.keyPhrase(m.key)).text(in: l)]
        if m.unreadableCount > 0 {
            out.append(CLIPhrase.mergeUnreadable(table: x.name, count: m.unreadableCount, records: m.unreadable.map(\.record)).text(in: l))
            for q in m.unreadable.prefix(20) { out.append("  " + SalvageCommand.quarantined(q, table: x.name).text(in: l)) }
        }
        if m.memosLostCount > 0 {
            out.append(CLIPhrase.mergeMemosLost(table: x.name, count: m.memosLostCount).text(in: l))
        }
        if m.conflictCount > 0 {
            out.append(CLIPhrase.mergeConflicts(table: x.name, count: m.conflictCount).text(in: l))
            for c in m.conflicts.prefix(20) {
                let fields = c.fields.map { "\($0.field) \($0.backup) → \($0.live)" }.joined(separator: "; ")
                out.append("  \(c.key): \(fields)")
            }
        }
        return out
    }
}
