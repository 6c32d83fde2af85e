/// `resgate recreate` and `resgate inutilizar` in Brazilian Portuguese.
extension Portuguese {
    static func recreate(_ p: RecreatePhrase) -> String {
        switch p {
        case let .confirm(notes, tables): "Inserir \(notes) nota(s) autorizada(s) em \(tables)? (desfazível com resgate undo)"
        case .needYes: "Sem terminal para perguntar: use --yes para inserir, ou --dry-run para só ver. Nada foi alterado."
        case .nothing: "Nenhuma nota autorizada falta nos dados: nada a recriar."
        case let .note(number, series, model, items, record, dryRun):
            "  \(Format.fiscalModel(model == 65 ? 65 : 55)) série \(series) nº \(number): \(items) item(ns)"
                + (dryRun ? " (seria inserida)" : record.map { " → registro \($0)" } ?? "")
        case .skippedEntry(let n): "  nº \(n): nota de entrada (tpNF 0) — não é venda; lance-a à mão se o ERP a registra"
        case let .done(notes, id, data): "\(notes) nota(s) recriada(s). Para desfazer: resgate undo --data \(data) \(id)"
        case .dryRun(let notes): "Simulação: \(notes) nota(s) seriam recriadas. Nada foi alterado."
        case .stockHeading: "Movimentos de estoque NÃO lançados (lance-os à mão no ERP):"
        case .truncatedHeading: "Textos cortados ao tamanho do campo:"
        case .more(let n): "  …e mais \(n) (o total está em --json)."
        case .checkFailed: "Notas recriadas, mas a conferência depois falhou: NÃO libere o sistema (resgate check)."
        case .refused(let reason): "Recusado, nada foi alterado: \(reason.text(in: .pt))"
        case let .markedRows(field, value): "Linhas marcadas com \(field) = \"\(value)\"."
        }
    }

    static func voiding(_ p: VoidingPhrase) -> String {
        switch p {
        case let .request(id, first, last, file, deadline, daysLeft):
            "  \(first)–\(last) (\(last - first + 1) número(s)): \(file ?? id) — prazo \(Format.date(deadline, in: .pt)), "
                + (daysLeft < 0 ? "VENCIDO há \(-daysLeft) dia(s)" : "faltam \(daysLeft) dia(s)")
        case .unsigned:
            "Pedidos SEM assinatura: assine cada um com o certificado A1 da loja no ERP ou no emissor fiscal antes de enviar à SEFAZ. Prazo legal: até o dia 10 do mês seguinte ao dos números (Ajuste SINIEF 07/05)."
        case let .held(span, near):
            "  \(span): NÃO incluído — verifique nos caixas antes de inutilizar" + (near.map { " (contingência nº \($0) perto)" } ?? "")
        case .nothing: "Nenhum número a inutilizar."
        case let .written(n, folder): "\(n) pedido(s) de inutilização gravado(s) em \(folder):"
        }
    }
}
