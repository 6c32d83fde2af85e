/// What `resgate status` says (the CLI's `StatusOutput`), as facts of `StoreStatus`'s
/// reports. The words are in `Portuguese+Status.swift` / `English+Status.swift`.
public enum StatusPhrase: Sendable, Hashable {
    // input that cannot be used
    case eitherOr
    case badLimits
    case badPattern(String)
    case missing(String)
    case cannotWrite(String)
    // one line per store
    case down(store: String, Down)
    case noBackup(store: String)
    /// The newest set: its name and date (`yyyy-MM-dd HH:mm`), whether it verifies (nil: not
    /// checked) and its defects, from the cache, the test restore (nil: none), the tables
    /// and damaged tables (both or neither), the fiscal series at risk.
    case newest(store: String, set: String, when: String, verified: Bool?, defects: Int, cached: Bool,
                drill: Bool?, tables: Int?, damaged: Int?, atRisk: [SeriesAtRisk])
    case summary(stores: Int, problems: Int)

    /// Why a store could not be looked at (`StoreStatus.StoreFailure`).
    public enum Down: Sendable, Hashable {
        case timedOut(seconds: Int)
        case notFound(String)
        case unreachable(String)
        case local(LocalProblem)
    }

    /// A series whose ERP counter is at or below the last authorized number.
    public struct SeriesAtRisk: Sendable, Hashable {
        public var model: Int
        public var series: Int
        public var lastAuthorized: Int
        public init(model: Int, series: Int, lastAuthorized: Int) {
            self.model = model; self.series = series; self.lastAuthorized = lastAuthorized
        }
    }
}

public extension StatusPhrase {
    func text(in language: Language) -> String { Phrase.status(self).text(in: language) }
}
