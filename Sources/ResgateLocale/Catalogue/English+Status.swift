/// `resgate status` in English.
extension English {
    static func status(_ s: StatusPhrase) -> String {
        switch s {
        case .eitherOr: return "resgate status: give --data and --backups (one store) or only --remotes 'REMOTE:stores/*/backup' (the chain)"
        case .badLimits: return "resgate status: --jobs goes from 1 to 64 and --timeout from 1 to 86400 seconds"
        case .badPattern(let p): return "resgate status: --remotes '\(p)' is not REMOTE:path with a wildcard (e.g. cloud:stores/*/backup)"
        case .missing(let p): return "\(p): does not exist"
        case .cannotWrite(let p): return "\(p): cannot write the metrics; the previous file was kept"
        case let .down(store, why):
            let w = switch why {
            case .timedOut(let s): "no answer within \(s) s"
            case .notFound(let p): "backup folder not found: \(p)"
            case .unreachable(let d): "unreachable: \(d)"
            case .local(let d): "local failure: \(localProblem(d))"
            }
            return "\(store): DOWN — \(w)"
        case .noBackup(let store): return "\(store): no backup found"
        case let .newest(store, set, when, verified, defects, cached, drill, tables, damaged, atRisk):
            var en = "\(store): \(set) (\(when))"
            switch verified {
            case true?: en += ", verifies"
            case false?: en += ", does NOT verify (\(defects) defect(s))"
            case nil: en += ", not checked"
            }
            if cached { en += " [cached]" }
            if let d = drill { en += d ? ", drill ok" : ", drill FAILED" }
            if let t = tables, let d = damaged { en += "; \(t) tables, \(d) damaged" }
            for s in atRisk {
                en += "; model \(s.model) series \(s.series): ERP counter ≤ last authorized (\(s.lastAuthorized))"
            }
            return en
        case let .summary(stores, problems): return "\(stores) store(s), \(problems) with a problem."
        }
    }
}
