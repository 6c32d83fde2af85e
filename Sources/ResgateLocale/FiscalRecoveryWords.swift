/// What `resgate recreate` and `resgate inutilizar` say to a person.
public enum RecreateWords {
    public static func confirm(_ notes: Int, tables: String) -> Words {
        Words(pt: "Inserir \(notes) nota(s) autorizada(s) em \(tables)? (desfazível com resgate undo)",
              en: "Insert \(notes) authorized note(s) into \(tables)? (undoable with resgate undo)")
    }
    public static let needYes = Words(
        pt: "Sem terminal para perguntar: use --yes para inserir, ou --dry-run para só ver. Nada foi alterado.",
        en: "No terminal to ask: use --yes to insert, or --dry-run to only look. Nothing was changed.")
    public static let nothing = Words(pt: "Nenhuma nota autorizada falta nos dados: nada a recriar.",
                                      en: "No authorized note is missing from the data: nothing to re-create.")
    public static func note(_ number: Int, series: Int, model: Int, items: Int, record: Int?, dryRun: Bool) -> Words {
        let doc = model == 65 ? "NFC-e" : "NF-e"
        let at = record.map { Words(pt: " → registro \($0)", en: " → record \($0)") }
        return Words(pt: "  \(doc) série \(series) nº \(number): \(items) item(ns)" + (dryRun ? " (seria inserida)" : at?.pt ?? ""),
                     en: "  \(doc) series \(series) no. \(number): \(items) item(s)" + (dryRun ? " (would be inserted)" : at?.en ?? ""))
    }
    public static func skippedEntry(_ number: Int) -> Words {
        Words(pt: "  nº \(number): nota de entrada (tpNF 0) — não é venda; lance-a à mão se o ERP a registra",
              en: "  no. \(number): entry note (tpNF 0) — not a sale; post it by hand if the ERP records it")
    }
    public static func done(_ notes: Int, id: String, data: String) -> Words {
        Words(pt: "\(notes) nota(s) recriada(s). Para desfazer: resgate undo --data \(data) \(id)",
              en: "\(notes) note(s) re-created. To undo: resgate undo --data \(data) \(id)")
    }
    public static func dryRun(_ notes: Int) -> Words {
        Words(pt: "Simulação: \(notes) nota(s) seriam recriadas. Nada foi alterado.",
              en: "Dry run: \(notes) note(s) would be re-created. Nothing was changed.")
    }
    /// A list of the report stopped at its limit; `--json` counts every entry.
    public static func more(_ n: Int) -> Words {
        Words(pt: "  …e mais \(n) (o total está em --json).", en: "  …and \(n) more (the total is in --json).")
    }
    public static let stockHeading = Words(
        pt: "Movimentos de estoque NÃO lançados (lance-os à mão no ERP):",
        en: "Stock movements NOT posted (post them by hand in the ERP):")
    public static let truncatedHeading = Words(pt: "Textos cortados ao tamanho do campo:", en: "Text cut to the field's size:")
    public static let checkFailed = Words(
        pt: "Notas recriadas, mas a conferência depois falhou: NÃO libere o sistema (resgate check).",
        en: "Notes re-created, but the check afterwards failed: do NOT release the system (resgate check).")
    public static func refused(_ reason: String) -> Words {
        Words(pt: "Recusado, nada foi alterado: \(reason)", en: "Refused, nothing was changed: \(reason)")
    }
    public static func markedRows(field: String, value: String) -> Words {
        Words(pt: "Linhas marcadas com \(field) = \"\(value)\".", en: "Rows marked with \(field) = \"\(value)\".")
    }
}

public enum VoidingWords {
    public static func request(id: String, first: Int, last: Int, file: String?, deadline: String, daysLeft: Int) -> Words {
        let n = last - first + 1
        let left = daysLeft < 0 ? Words(pt: "VENCIDO há \(-daysLeft) dia(s)", en: "OVERDUE by \(-daysLeft) day(s)")
            : Words(pt: "faltam \(daysLeft) dia(s)", en: "\(daysLeft) day(s) left")
        return Words(pt: "  \(first)–\(last) (\(n) número(s)): \(file ?? id) — prazo \(Format.date(deadline, in: .pt)), \(left.pt)",
                     en: "  \(first)–\(last) (\(n) number(s)): \(file ?? id) — deadline \(deadline), \(left.en)")
    }
    public static let unsigned = Words(
        pt: "Pedidos SEM assinatura: assine cada um com o certificado A1 da loja no ERP ou no emissor fiscal antes de enviar à SEFAZ. Prazo legal: até o dia 10 do mês seguinte ao dos números (Ajuste SINIEF 07/05).",
        en: "Requests are UNSIGNED: sign each with the store's A1 certificate in the ERP or its fiscal tool before sending it. Legal deadline: the 10th of the month after the numbers' month (Ajuste SINIEF 07/05).")
    public static func held(_ span: String, near: Int?) -> Words {
        Words(pt: "  \(span): NÃO incluído — verifique nos caixas antes de inutilizar" + (near.map { " (contingência nº \($0) perto)" } ?? ""),
              en: "  \(span): NOT included — check the points of sale before voiding" + (near.map { " (contingency note \($0) nearby)" } ?? ""))
    }
    public static let nothing = Words(pt: "Nenhum número a inutilizar.", en: "No number to void.")
    public static func written(_ n: Int, folder: String) -> Words {
        Words(pt: "\(n) pedido(s) de inutilização gravado(s) em \(folder):", en: "\(n) voiding request(s) written to \(folder):")
    }
}
