import BackupSet
import Crypto
import Foundation

/// Verdicts of `SetVerifier` kept on disk by the set's SHA-256, so a 3-hourly run reads
/// each set only once: an unchanged chain costs one small file read per store.
///
/// Layout under `folder`: `verified/<sha256>.json` (the verdict), `versions/<key>` (the
/// hash of a set version, keyed by path, size and time, so even hashing is skipped when
/// nothing changed) and `stores/<key>.json` (the last set that verified, per store).
/// Every file is written beside and renamed, so a killed run leaves no half file.
public struct VerifyCache: Sendable {
    public var folder: String
    public init(folder: String) { self.folder = folder }

    /// One verdict.
    public struct Verdict: Codable, Sendable, Equatable {
        public var ok: Bool
        public var defects: Int
        public var tables: Int
        public var damagedTables: Int
        public var date: Double?
    }

    /// The verdict for the set at `path`, verifying it only when its hash is new.
    /// `version` names the set's version cheaply (remote path + size + time); when it was
    /// seen before, the stored hash is used instead of reading the set again.
    public func verdict(path: String, version: String) -> (hash: String?, verdict: Verdict, cached: Bool) {
        let versionFile = folder + "/versions/" + Self.key(version)
        var hash = (try? String(contentsOfFile: versionFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        if hash?.count != 64 { hash = Self.hash(path); if let hash { write(Data(hash.utf8), to: versionFile) } }
        if let hash, let data = FileManager.default.contents(atPath: verdictFile(hash)),
           let v = try? JSONDecoder().decode(Verdict.self, from: data) {
            return (hash, v, true)
        }
        let report = SetVerifier.verify(path)
        let date = (try? BackupSet.open(path))?.date?.timeIntervalSince1970
        let damaged = Set(report.defects.compactMap { $0.table?.uppercased() }).count
        let v = Verdict(ok: report.ok, defects: report.defects.count, tables: report.tables.count,
                        damagedTables: damaged, date: date)
        if let hash, let data = try? JSONEncoder().encode(v) { write(data, to: verdictFile(hash)) }
        return (hash, v, false)
    }

    /// The last set of `store` that verified (its date), remembered across runs.
    public func lastGood(store: String) -> Date? {
        guard let data = FileManager.default.contents(atPath: storeFile(store)),
              let t = try? JSONDecoder().decode(Double.self, from: data) else { return nil }
        return Date(timeIntervalSince1970: t)
    }

    public func setLastGood(store: String, _ date: Date) {
        if let data = try? JSONEncoder().encode(date.timeIntervalSince1970) { write(data, to: storeFile(store)) }
    }

    func verdictFile(_ hash: String) -> String { folder + "/verified/" + hash + ".json" }
    func storeFile(_ store: String) -> String { folder + "/stores/" + Self.key(store) + ".json" }

    /// SHA-256 of a zip's bytes, or of a folder set's files (relative name and bytes, in
    /// name order); nil when unreadable. Streams in 1 MiB blocks: memory stays flat.
    public static func hash(_ path: String) -> String? {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return nil }
        var sha = SHA256()
        if isDir.boolValue {
            guard let names = FileManager.default.subpaths(atPath: path)?.sorted() else { return nil }
            for n in names {
                var sub: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path + "/" + n, isDirectory: &sub), !sub.boolValue else { continue }
                sha.update(data: Data((n + "\u{0}").utf8))
                guard feed(path + "/" + n, into: &sha) else { return nil }
            }
        } else {
            guard feed(path, into: &sha) else { return nil }
        }
        return sha.finalize().map { String(format: "%02x", $0) }.joined()
    }

    static func feed(_ file: String, into sha: inout SHA256) -> Bool {
        guard let h = FileHandle(forReadingAtPath: file) else { return false }
        defer { try? h.close() }
        while true {
            do {
                // nil or empty: end of file
                guard let chunk = try h.read(upToCount: 1 << 20), !chunk.isEmpty else { return true }
                sha.update(data: chunk)
            } catch { return false }
        }
    }

    /// A file-name-safe key for any text.
    static func key(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    func write(_ data: Data, to file: String) {
        let dir = (file as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let temp = dir + "/.tmp-" + UUID().uuidString
        guard FileManager.default.createFile(atPath: temp, contents: data) else { return }
        if rename(temp, file) != 0 { try? FileManager.default.removeItem(atPath: temp) }
    }
}
