import Foundation
import ResgateLocale
import StoreStatus

/// What `resgate status` says to people, in Portuguese and English.
enum StatusWords {
    static let eitherOr = Words(
        pt: "resgate status: informe --data e --backups (uma loja) ou só --remotes 'REMOTO:lojas/*/backup' (a rede)",
        en: "resgate status: give --data and --backups (one store) or only --remotes 'REMOTE:stores/*/backup' (the chain)")
    static let badLimits = Words(pt: "resgate status: --jobs vai de 1 a 64 e --timeout de 1 a 86400 segundos",
                                 en: "resgate status: --jobs goes from 1 to 64 and --timeout from 1 to 86400 seconds")
    static func badPattern(_ p: String) -> Words {
        Words(pt: "resgate status: --remotes '\(p)' não é REMOTO:caminho com um curinga (ex.: nuvem:lojas/*/backup)",
              en: "resgate status: --remotes '\(p)' is not REMOTE:path with a wildcard (e.g. cloud:stores/*/backup)")
    }
    static func missing(_ p: String) -> Words { Words(pt: "\(p): não existe", en: "\(p): does not exist") }
    static func cannotWrite(_ p: String) -> Words {
        Words(pt: "\(p): não foi possível gravar as métricas; o arquivo anterior foi mantido",
              en: "\(p): cannot write the metrics; the previous file was kept")
    }

    static func failure(_ f: StoreFailure) -> Words {
        switch f {
        case .timedOut(let s): Words(pt: "sem resposta em \(s) s", en: "no answer within \(s) s")
        case .notFound(let p): Words(pt: "pasta de backups não encontrada: \(p)", en: "backup folder not found: \(p)")
        case .unreachable(let d): Words(pt: "inacessível: \(d)", en: "unreachable: \(d)")
        case .local(let d): Words(pt: "falha local: \(d)", en: "local failure: \(d)")
        }
    }

    /// One line per store.
    static func line(_ r: StoreReport) -> Words {
        if let f = r.failure {
            let w = failure(f)
            return Words(pt: "\(r.store): FORA DO AR — \(w.pt)", en: "\(r.store): DOWN — \(w.en)")
        }
        guard let n = r.newest else {
            return Words(pt: "\(r.store): nenhum backup encontrado", en: "\(r.store): no backup found")
        }
        let f = DateFormatter(); f.dateFormat = "yyyy-MM-dd HH:mm"
        let when = n.date.map { f.string(from: $0) } ?? "?"
        var pt = "\(r.store): \(n.name) (\(Format.date(when, in: .pt)))", en = "\(r.store): \(n.name) (\(when))"
        switch n.verified {
        case true?: pt += ", íntegro"; en += ", verifies"
        case false?: pt += ", NÃO confere (" + Format.count(n.defects, "defeito", "defeitos") + ")"; en += ", does NOT verify (\(n.defects) defect(s))"
        case nil: pt += ", não conferido"; en += ", not checked"
        }
        if n.verifiedFromCache { pt += " [cache]"; en += " [cached]" }
        if let d = n.drill { pt += d ? ", restauração de teste ok" : ", restauração de teste FALHOU"; en += d ? ", drill ok" : ", drill FAILED" }
        if let t = r.tables, let d = r.damagedTables {
            pt += "; " + Format.count(t, "tabela", "tabelas") + ", " + Format.count(d, "danificada", "danificadas"); en += "; \(t) tables, \(d) damaged"
        }
        for s in r.fiscal where s.atRisk {
            pt += "; \(Format.fiscalModel(s.model)) série \(s.series): contador do ERP ≤ último autorizado (\(s.lastAuthorized ?? 0))"
            en += "; model \(s.model) series \(s.series): ERP counter ≤ last authorized (\(s.lastAuthorized ?? 0))"
        }
        return Words(pt: pt, en: en)
    }

    static func summary(stores: Int, problems: Int) -> Words {
        Words(pt: Format.count(stores, "loja", "lojas") + ", \(problems) com problema.", en: "\(stores) store(s), \(problems) with a problem.")
    }
}
