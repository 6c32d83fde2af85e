import Foundation
import ResgateLocale
import StoreStatus

/// What `resgate status` says to people: the reports' facts as the catalogue's
/// `StatusPhrase` (the words are in `ResgateLocale`).
enum StatusWords {
    static let eitherOr = StatusPhrase.eitherOr
    static let badLimits = StatusPhrase.badLimits
    static func badPattern(_ p: String) -> StatusPhrase { .badPattern(p) }
    static func missing(_ p: String) -> StatusPhrase { .missing(p) }
    static func cannotWrite(_ p: String) -> StatusPhrase { .cannotWrite(p) }

    static func failure(_ f: StoreFailure) -> StatusPhrase.Down {
        switch f {
        case .timedOut(let s): .timedOut(seconds: s)
        case .notFound(let p): .notFound(p)
        case .unreachable(let d): .unreachable(d)
        case .local(let d): .local(d)
        }
    }

    /// One line per store.
    static func line(_ r: StoreReport) -> StatusPhrase {
        if let f = r.failure { return .down(store: r.store, failure(f)) }
        guard let n = r.newest else { return .noBackup(store: r.store) }
        let f = DateFormatter(); f.dateFormat = "yyyy-MM-dd HH:mm"
        let when = n.date.map { f.string(from: $0) } ?? "?"
        let bothCounts = r.tables != nil && r.damagedTables != nil
        return .newest(store: r.store, set: n.name, when: when, verified: n.verified, defects: n.defects,
                       cached: n.verifiedFromCache, drill: n.drill,
                       tables: bothCounts ? r.tables : nil, damaged: bothCounts ? r.damagedTables : nil,
                       atRisk: r.fiscal.filter(\.atRisk).map { .init(model: $0.model, series: $0.series, lastAuthorized: $0.lastAuthorized ?? 0) })
    }

    static func summary(stores: Int, problems: Int) -> StatusPhrase { .summary(stores: stores, problems: problems) }
}
