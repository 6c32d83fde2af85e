import ResgateLocale
import RestoreKit

/// The words of `restore --merge` per table: where the rows came from, what could not be
/// read (by record number), which same-key rows differ.
enum MergeSummary {
    static func notes(_ x: RestoreReport.Table, language l: Language) -> [String] {
        guard let m = x.merge else { return [] }
        let pt = l == .pt
        var out: [String] = []
        let key = m.key.fields.isEmpty ? (pt ? "sem chave (só acréscimos)" : "no key (append-only)")
                                       : (pt ? "chave " : "key ") + m.key.fields.joined(separator: "+") + " (\(m.key.source.rawValue))"
        out.append(pt ? "\(x.name): \(m.fromBackup) registros do backup + \(m.fromLive) da tabela atual (\(m.updated) alterados, \(m.added) novos); \(key)"
                      : "\(x.name): \(m.fromBackup) records from the backup + \(m.fromLive) from the live table (\(m.updated) changed, \(m.added) new); \(key)")
        if m.unreadableCount > 0 {
            let nums = m.unreadable.map { String($0.record) }.joined(separator: ", ")
            out.append(pt ? "\(x.name): \(m.unreadableCount) registros ilegíveis na tabela atual (não recuperados): \(nums)"
                          : "\(x.name): \(m.unreadableCount) unreadable live records (not recovered): \(nums)")
            for q in m.unreadable.prefix(20) { out.append("  " + SalvageCommand.quarantined(q, table: x.name).text(in: l)) }
        }
        if m.memosLostCount > 0 {
            out.append(pt ? "\(x.name): \(m.memosLostCount) memos ilegíveis ficaram vazios" : "\(x.name): \(m.memosLostCount) unreadable memos left empty")
        }
        if m.conflictCount > 0 {
            out.append(pt ? "\(x.name): \(m.conflictCount) conflitos (mesma chave, conteúdo diferente; ficou a versão atual):"
                          : "\(x.name): \(m.conflictCount) conflicts (same key, different content; the live version was kept):")
            for c in m.conflicts.prefix(20) {
                let fields = c.fields.map { "\($0.field) \($0.backup) → \($0.live)" }.joined(separator: "; ")
                out.append("  \(c.key): \(fields)")
            }
        }
        return out
    }
}
