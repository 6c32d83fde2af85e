import Foundation
import ResgateLocale

/// What `resgate status` found about one store: facts only (counts, times, verdicts).
/// Words for people are chosen at the edge; metric names live in `StoreMetrics`.
public struct StoreReport: Sendable, Equatable {
    /// The store's name: `--store`, or the folder matched by the pattern's wildcards.
    public var store: String
    /// Why the store could not be read; nil when it answered.
    public var failure: StoreFailure?
    /// Sets found in the store's backup folder.
    public var sets: Int = 0
    /// The newest set; nil when there is none (or the store did not answer).
    public var newest: SetState?
    /// The newest set known to verify, as remembered across runs (nil: none yet).
    public var lastGood: Date?
    /// Tables of the live data (local run) or of the newest set (chain run); nil when not read.
    public var tables: Int?
    /// Of those, how many are damaged (live: scan health; set: tables with defects).
    public var damagedTables: Int?
    /// Fiscal state per series (local run with data; empty otherwise).
    public var fiscal: [FiscalSeriesState] = []
    /// Seconds this store took.
    public var seconds: Double = 0

    public init(store: String) { self.store = store }

    /// The store answered (it may still have problems).
    public var up: Bool { failure == nil }
}

/// The newest set of a store and what was learned about it.
public struct SetState: Sendable, Equatable {
    public var name: String
    /// `Quinta_07`, when the name follows the ERP's slots.
    public var slot: String?
    /// The set's own date (manifest `created`, else its newest member), else the remote's time.
    public var date: Date?
    public var bytes: Int64
    /// SHA-256 of the set's bytes (zip, or its files in name order): the verify cache's key.
    public var hash: String?
    /// Whether every member read back clean; nil when it could not be checked.
    public var verified: Bool?
    public var defects: Int = 0
    /// True when the verdict came from the cache (same hash verified before).
    public var verifiedFromCache = false
    /// Whether the set was freshly downloaded on this run.
    public var fetched = false
    /// Whether the set restored into a temporary folder (`--drill`); nil when not tried.
    public var drill: Bool?
}

/// One fiscal series (CNPJ, model, series) of a store.
public struct FiscalSeriesState: Sendable, Equatable {
    public var cnpj: String
    public var model: Int
    public var series: Int
    public var nextSafe: Int
    public var lastInData: Int?
    public var lastAuthorized: Int?
    /// The ERP's own next-number counter, when the config names one.
    public var counter: Int?
    /// Numbers below `nextSafe` that must be voided.
    public var gapNumbers: Int
    /// The ERP's counter would reuse a number already authorized.
    public var atRisk: Bool { if let c = counter, let a = lastAuthorized { return c <= a } else { return false } }
}

/// Why a store gave no answer. The engine reports the kind; the CLI words it.
public enum StoreFailure: Sendable, Equatable {
    /// The per-store time ran out.
    case timedOut(seconds: Int)
    /// The backup folder is not there.
    case notFound(path: String)
    /// The remote or folder could not be read (network, permission, rclone).
    case unreachable(detail: String)
    /// A local problem (cache folder, disk), as the catalogue's fact.
    case local(LocalProblem)

    /// A short stable token (JSON `failure`, metric label `reason`).
    public var kind: String {
        switch self {
        case .timedOut: "timeout"
        case .notFound: "not-found"
        case .unreachable: "unreachable"
        case .local: "local"
        }
    }

    public var detail: String {
        switch self {
        case .timedOut(let s): "no answer within \(s) s"
        case .notFound(let p): p
        case .unreachable(let d): d
        case .local(let p): p.text(in: .en)
        }
    }
}
