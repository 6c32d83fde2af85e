import Foundation
import ResgateLocale
import RestoreKit

/// The words a person reads after (or before) a restore.
enum RestoreSummary {
    static func text(_ r: RestoreReport, folder: String, language l: Language) -> String {
        let pt = l == .pt
        var t = TextTable(headers: pt ? ["TABELA", "SITUAÇÃO", "ANTES", "DEPOIS", "MAPEAMENTO", "TEMPO"]
                                      : ["TABLE", "STATUS", "BEFORE", "AFTER", "MAPPING", "TIME"])
        var notes: [String] = []
        for x in r.tables {
            var mapping: [String] = []
            if !x.blank.isEmpty { mapping.append((pt ? "em branco: " : "blank: ") + x.blank.joined(separator: ",")) }
            if !x.dropped.isEmpty { mapping.append((pt ? "descartados: " : "dropped: ") + x.dropped.joined(separator: ",")) }
            if !x.converted.isEmpty { mapping.append((pt ? "convertidos: " : "converted: ") + x.converted.joined(separator: ",")) }
            t.rows.append([x.name, status(x.status, pt), x.replaced.map(String.init) ?? "-", String(x.records),
                           mapping.isEmpty ? (pt ? "igual" : "same") : mapping.joined(separator: "; "),
                           x.seconds.map { String(format: "%.2fs", $0) } ?? "-"])
            if let reason = x.reason { notes.append("\(x.name): \(reason)") }
            for d in x.defects { notes.append("\(x.name): \(d)") }
            notes += MergeSummary.notes(x, language: l)
        }
        var out = t.render()
        if !notes.isEmpty { out += "\n\n" + notes.joined(separator: "\n") }
        if let refusal = r.refusal { out += "\n\n" + (pt ? "RECUSADO: " : "REFUSED: ") + refusal }
        if let id = r.id {
            out += "\n\n" + (pt ? "Desfazer: resgate undo --data \(folder) \(id)" : "Undo: resgate undo --data \(folder) \(id)")
        }
        if r.dryRun { out += "\n\n" + (pt ? "Simulação: nada foi gravado." : "Dry run: nothing was written.") }
        return out
    }

    static func status(_ s: String, _ pt: Bool) -> String {
        guard pt else { return s }
        switch s {
        case "restored": return "restaurada"
        case "would-restore": return "seria restaurada"
        case "refused": return "recusada"
        case "failed": return "falhou"
        default: return s
        }
    }

    /// The question's preamble: which tables lose which records.
    static func confirmation(_ preview: RestoreReport, language l: Language) -> String {
        let pt = l == .pt
        if preview.tables.contains(where: { $0.merge != nil }) {
            var lines = [pt ? "A restauração com junção grava os registros do backup e mantém os da tabela atual que o backup não tem:"
                            : "The merging restore writes the backup's records and keeps the live ones the backup lacks:"]
            for t in preview.tables {
                lines.append("  \(t.name): \(t.replaced ?? 0) → \(t.records)")
                lines += MergeSummary.notes(t, language: l).map { "  " + $0 }
            }
            lines.append(pt ? "Uma cópia de segurança (undo) é guardada." : "An undo snapshot is kept.")
            return lines.joined(separator: "\n")
        }
        var lines = [pt ? "ATENÇÃO: a restauração APAGA todos os registros atuais destas tabelas e grava os do backup:"
                        : "WARNING: restoring DELETES every current record of these tables and writes the backup's:"]
        for t in preview.tables {
            lines.append("  \(t.name): \(t.replaced ?? 0) → \(t.records)")
        }
        lines.append(pt ? "Uma cópia de segurança (undo) é guardada." : "An undo snapshot is kept.")
        return lines.joined(separator: "\n")
    }
}
