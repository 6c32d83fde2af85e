import BackupSet
import Fiscal
import Foundation
import RestoreKit

/// `resgate status --data DATA --backups ROOT`: one store, read locally.
public struct LocalStatus: Sendable {
    public var data: String
    public var backups: String
    public var xml: String?
    public var store: String
    /// Restore the newest set into a temporary folder to prove it restores.
    public var drill = false
    public var cache: VerifyCache

    public init(data: String, backups: String, xml: String?, store: String, drill: Bool, cacheFolder: String) {
        self.data = data; self.backups = backups; self.xml = xml; self.store = store; self.drill = drill
        self.cache = VerifyCache(folder: cacheFolder)
    }

    /// Never throws: whatever cannot be read is a fact of the report.
    public func run() -> StoreReport {
        let start = Date()
        var r = read()
        r.seconds = Date().timeIntervalSince(start)
        return r
    }

    func read() -> StoreReport {
        var r = StoreReport(store: store)
        if let tables = try? StoreScanner.scan(folder: data, checkIndexes: true) {
            r.tables = tables.count
            r.damagedTables = tables.filter(\.isDamaged).count
        }
        r.fiscal = Self.fiscal(data: data, xml: xml)
        guard FileManager.default.fileExists(atPath: backups) else {
            r.failure = .notFound(path: backups)
            return r
        }
        let listing: BackupRoot.Listing
        do { listing = try BackupRoot.list(backups) } catch {
            r.failure = .unreachable(detail: error.defects.first?.message(in: .en) ?? "cannot read the folder")
            return r
        }
        r.sets = listing.sets.count + listing.unreadable.count
        guard let newest = Self.newestPath(listing) else { r.lastGood = cache.lastGood(store: store); return r }
        let bytes = SetProbe.bytes(newest)
        var state = SetState(name: SetProbe.setName(newest), slot: Slot(parsing: SetProbe.setName(newest))?.name,
                             date: nil, bytes: bytes)
        let v = cache.verdict(path: newest, version: "local \(newest) \(bytes) \(SetProbe.modified(newest))")
        state.hash = v.hash
        state.verified = v.verdict.ok
        state.defects = v.verdict.defects
        state.verifiedFromCache = v.cached
        state.date = v.verdict.date.map(Date.init(timeIntervalSince1970:)) ?? SetProbe.modifiedDate(newest)
        if drill { state.drill = Self.drill(newest) }
        if v.verdict.ok, let d = state.date { cache.setLastGood(store: store, d) }
        r.lastGood = cache.lastGood(store: store)
        r.newest = state
        return r
    }

    /// The newest openable set, or the newest unreadable one when it is newer still (an
    /// unreadable newest set must show as "does not verify", not be skipped silently).
    static func newestPath(_ listing: BackupRoot.Listing) -> String? {
        let good = listing.sets.first
        let bad = listing.unreadable.map(\.path).max { SetProbe.modified($0) < SetProbe.modified($1) }
        switch (good, bad) {
        case (nil, nil): return nil
        case (let g?, nil): return g.path
        case (nil, let b?): return b
        case (let g?, let b?): return SetProbe.modified(b) > (g.date?.timeIntervalSince1970 ?? 0) ? b : g.path
        }
    }

    /// The fiscal state per series; empty when the data has no notes table to check.
    static func fiscal(data: String, xml: String?) -> [FiscalSeriesState] {
        guard let report = try? FiscalCheck.run(data: data, xml: xml) else { return [] }
        return report.checks.compactMap(\.sequence).map { s in
            FiscalSeriesState(cnpj: s.issuer, model: s.model, series: s.series, nextSafe: s.nextSafe,
                              lastInData: s.lastInData, lastAuthorized: s.lastAuthorized, counter: s.counter,
                              gapNumbers: s.gaps.reduce(0) { $0 + min($1.count, 1_000_000_000) })
        }
    }

    /// Restores every table of the set into a temporary folder, then removes it.
    static func drill(_ path: String) -> Bool {
        let into = NSTemporaryDirectory() + "resgate-drill-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: into) }
        guard let set = try? BackupSet.open(path) else { return false }
        let options = RestoreOptions(into: into)
        guard let report = try? Restorer(source: BackupSetSource(set: set), data: nil, options: options).run() else { return false }
        return report.refusalFact == nil && !report.tables.isEmpty && report.tables.allSatisfy { $0.status == .restored }
    }
}

/// Size, time and name of a set on disk (zip, or folder of files).
enum SetProbe {
    static func setName(_ path: String) -> String {
        let n = (path as NSString).lastPathComponent
        return n.lowercased().hasSuffix(".zip") ? String(n.dropLast(4)) : n
    }

    static func bytes(_ path: String) -> Int64 {
        files(path).reduce(Int64(0)) { $0 + (((try? FileManager.default.attributesOfItem(atPath: $1))?[.size] as? NSNumber)?.int64Value ?? 0) }
    }

    static func modified(_ path: String) -> Double {
        files(path).compactMap { (try? FileManager.default.attributesOfItem(atPath: $0))?[.modificationDate] as? Date }
            .map(\.timeIntervalSince1970).max() ?? 0
    }

    static func modifiedDate(_ path: String) -> Date? {
        let t = modified(path)
        return t > 0 ? Date(timeIntervalSince1970: t) : nil
    }

    static func files(_ path: String) -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return [] }
        guard isDir.boolValue else { return [path] }
        return (FileManager.default.subpaths(atPath: path) ?? []).map { path + "/" + $0 }.filter {
            var d: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0, isDirectory: &d) && !d.boolValue
        }
    }
}
