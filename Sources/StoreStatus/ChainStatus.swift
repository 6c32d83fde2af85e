import BackupSet
import CloudRemote
import Foundation
import ResgateLocale

/// `resgate status --remotes 'REMOTE:lojas/*/backup'`: every store of a chain, read from
/// the cloud drive. Per store: list its folder, take the newest set, fetch it only when
/// that version is not in the cache yet, verify it only when its hash is new.
///
/// At most `jobs` stores run at once, each under its own deadline (its rclone child is
/// ended when the time runs out). A store that fails is a report with `failure` set, never
/// an error of the run. Reports are handed to `emit` as they finish and are not kept, so
/// memory does not grow with the number of stores.
public struct ChainStatus: Sendable {
    public var pattern: ChainPattern
    public var jobs: Int
    public var timeout: TimeInterval
    public var rclone: Rclone
    public var sets: SetCache
    public var verdicts: VerifyCache

    public init(pattern: ChainPattern, jobs: Int, timeout: TimeInterval, rclone: Rclone, cacheFolder: String) {
        self.pattern = pattern
        self.jobs = max(1, min(jobs, 64))
        self.timeout = max(1, timeout)
        self.rclone = rclone
        self.sets = SetCache(folder: cacheFolder + "/sets", rclone: rclone)
        self.verdicts = VerifyCache(folder: cacheFolder)
    }

    /// Finds the stores (throws when even the pattern's base cannot be listed: then no
    /// store can be said to be up or down), then runs them; returns how many ran.
    @discardableResult
    public func run(emit: @escaping @Sendable (StoreReport) -> Void) throws(CloudError) -> Int {
        var lister = rclone
        lister.deadline = Date().addingTimeInterval(max(timeout, 600))
        let stores: [(store: ChainPattern.Store, listed: ChainPattern.Listed)]
        if let whole = pattern.listing(rclone: lister) {
            stores = whole
        } else {
            lister.deadline = Date().addingTimeInterval(timeout)
            stores = try pattern.stores(rclone: lister).map { ($0, .unknown) }
        }
        let next = Counter()
        let group = DispatchGroup()
        for _ in 0..<min(jobs, max(1, stores.count)) {
            group.enter()
            Thread.detachNewThread {
                while let i = next.take(below: stores.count) {
                    emit(self.store(stores[i].store, listed: stores[i].listed))
                }
                group.leave()
            }
        }
        group.wait()
        return stores.count
    }

    /// One store, never throwing.
    public func store(_ s: ChainPattern.Store, listed: ChainPattern.Listed = .unknown) -> StoreReport {
        let start = Date()
        var r = read(s, listed: listed, start: start)
        r.seconds = Date().timeIntervalSince(start)
        return r
    }

    func read(_ s: ChainPattern.Store, listed: ChainPattern.Listed, start: Date) -> StoreReport {
        var r = StoreReport(store: s.name)
        var bounded = rclone
        bounded.deadline = start.addingTimeInterval(timeout)
        let cache = SetCache(folder: sets.folder, rclone: bounded)
        do throws(CloudError) {
            let found: [RemoteSetEntry]
            switch listed {
            case .unknown: found = try RemoteSets(rclone: bounded).sets(in: s.root)
            case .missing: throw CloudError.notFound(path: s.root.description)
            case .entries(let e): found = try RemoteSets.sets(in: s.root, listing: e)
            }
            r.sets = found.count
            guard let newest = found.first else { r.lastGood = verdicts.lastGood(store: s.name); return r }
            var state = SetState(name: newest.name, slot: newest.slot?.name, date: newest.modified, bytes: newest.bytes)
            let path: String
            if let cached = cache.cachedCopy(of: newest) {
                path = cached
            } else {
                path = try cache.fetch(newest.path).path
                state.fetched = true
                cache.keepOnly(newest.path)
            }
            let version = "\(newest.path.description) \(newest.bytes) \(newest.modified?.timeIntervalSince1970 ?? 0)"
            let v = verdicts.verdict(path: path, version: version)
            state.hash = v.hash
            state.verified = v.verdict.ok
            state.defects = v.verdict.defects
            state.verifiedFromCache = v.cached
            if let d = v.verdict.date { state.date = Date(timeIntervalSince1970: d) }
            r.tables = v.verdict.tables
            r.damagedTables = v.verdict.damagedTables
            if v.verdict.ok, let d = state.date { verdicts.setLastGood(store: s.name, d) }
            r.lastGood = verdicts.lastGood(store: s.name)
            r.newest = state
        } catch {
            r.failure = Self.failure(error, timeout: timeout)
        }
        return r
    }

    static func failure(_ error: CloudError, timeout: TimeInterval) -> StoreFailure {
        switch error {
        case .network(_, let d) where d == "timed out": .timedOut(seconds: Int(min(timeout, 86_400).rounded()))
        case .notFound(let p): .notFound(path: p)
        case .local(_, let p): .local(p)
        default: .unreachable(detail: error.message(in: .en))
        }
    }
}

/// Hands out 0, 1, 2… to the worker threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func take(below limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard value < limit else { return nil }
        defer { value += 1 }
        return value
    }
}
