/// The verdict per number (`VerdictPhrase`) in Brazilian Portuguese.
extension Portuguese {
    static func verdict(_ v: VerdictPhrase) -> String {
        switch v {
        case .kind(let k):
            switch k {
            case .recreate: "recriar"
            case .transmitOrQuery: "transmitir ou consultar"
            case .transmit: "transmitir"
            case .denied: "denegada — número gasto, nada a fazer"
            case .cancelled: "cancelada — número gasto, nada a fazer"
            case .substituted: "cancelada por substituição — número gasto, nada a fazer"
            case .alreadyVoided: "já inutilizado — nada a fazer"
            case .void: "inutilizar"
            case .checkPOSBeforeVoiding: "verificar nos caixas antes de inutilizar"
            }
        case .advice(let k):
            switch k {
            case .recreate: "autorizada na SEFAZ e ausente dos dados: recrie a venda a partir do XML (resgate recreate)."
            case .transmitOrQuery:
                "nos dados, sem autorização no XML: pode ser nota em contingência ainda não enviada ou autorização cujo XML não foi salvo — transmita ou consulte a chave na SEFAZ; nunca inutilize."
            case .transmit:
                "assinada em contingência e não autorizada: transmita-a à SEFAZ; é proibido inutilizar número emitido em contingência."
            case .denied, .cancelled, .substituted, .alreadyVoided: verdict(.kind(k))
            case .void: "não está nos dados, nem autorizado, nem assinado, nem inutilizado: peça a inutilização (resgate inutilizar)."
            case .checkPOSBeforeVoiding:
                "não encontrado em lugar nenhum, mas há nota em contingência perto (ou não há XML da série): procure a nota nos caixas (PDV) antes de inutilizar."
            }
        case .rule(let r):
            switch r {
            case .nextBusinessDay: "até o fim do 1º dia útil após a emissão (Ajuste SINIEF 19/16; feriados não considerados)"
            case .hours24: "até 24 horas após a emissão (regra da UF)"
            case .tenthOfNextMonth: "até o dia 10 do mês seguinte (Ajuste SINIEF 07/05)"
            }
        case let .line(span, count, kind, deadline, rule, daysLeft, near, entry):
            span + (count > 1 ? " (\(count))" : "") + ": " + verdict(.kind(kind))
                + (entry && kind == .recreate ? " (nota de entrada: lance-a à mão no ERP; o recreate não a insere)" : "")
                + (near.map { " (nota em contingência nº \($0) perto)" } ?? "")
                + (deadline.map { d in
                    " — prazo \(Format.date(d, in: .pt))"
                        + (daysLeft.map { $0 < 0 ? ", vencido há \(-$0) dia(s)" : ", faltam \($0) dia(s)" } ?? "")
                        + (rule.map { " [" + verdict(.rule($0)) + "]" } ?? "")
                } ?? "")
        case .heading: "Veredito por número:"
        case .more(let n): "…e mais \(n) faixa(s) (lista completa em --json)."
        case .notJudged:
            "Sem XML comparado, nenhum número recebe veredito: nada deve ser inutilizado antes de conferir o XML ou a SEFAZ."
        }
    }
}
