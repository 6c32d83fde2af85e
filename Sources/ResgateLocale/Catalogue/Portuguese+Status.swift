/// `resgate status` in Brazilian Portuguese.
extension Portuguese {
    static func status(_ s: StatusPhrase) -> String {
        switch s {
        case .eitherOr: return "resgate status: informe --data e --backups (uma loja) ou só --remotes 'REMOTO:lojas/*/backup' (a rede)"
        case .badLimits: return "resgate status: --jobs vai de 1 a 64 e --timeout de 1 a 86400 segundos"
        case .badPattern(let p): return "resgate status: --remotes '\(p)' não é REMOTO:caminho com um curinga (ex.: nuvem:lojas/*/backup)"
        case .missing(let p): return "\(p): não existe"
        case .cannotWrite(let p): return "\(p): não foi possível gravar as métricas; o arquivo anterior foi mantido"
        case let .down(store, why):
            let w = switch why {
            case .timedOut(let s): "sem resposta em \(s) s"
            case .notFound(let p): "pasta de backups não encontrada: \(p)"
            case .unreachable(let d): "inacessível: \(d)"
            case .local(let d): "falha local: \(localProblem(d))"
            }
            return "\(store): FORA DO AR — \(w)"
        case .noBackup(let store): return "\(store): nenhum backup encontrado"
        case let .newest(store, set, when, verified, defects, cached, drill, tables, damaged, atRisk):
            var pt = "\(store): \(set) (\(Format.date(when, in: .pt)))"
            switch verified {
            case true?: pt += ", íntegro"
            case false?: pt += ", NÃO confere (" + Format.count(defects, "defeito", "defeitos") + ")"
            case nil: pt += ", não conferido"
            }
            if cached { pt += " [cache]" }
            if let d = drill { pt += d ? ", restauração de teste ok" : ", restauração de teste FALHOU" }
            if let t = tables, let d = damaged {
                pt += "; " + Format.count(t, "tabela", "tabelas") + ", " + Format.count(d, "danificada", "danificadas")
            }
            for s in atRisk {
                pt += "; \(Format.fiscalModel(s.model)) série \(s.series): contador do ERP ≤ último autorizado (\(s.lastAuthorized))"
            }
            return pt
        case let .summary(stores, problems): return Format.count(stores, "loja", "lojas") + ", \(problems) com problema."
        }
    }
}
