import Foundation
import ResgateLocale

/// The sets in a backup root (section 1): every `.zip` and every folder holding at least
/// one table, newest first by their real date (manifest `created`, else the newest member
/// time), since slot names are reused every week and do not give the date.
public enum BackupRoot {
    public struct Listing: Sendable {
        public var sets: [BackupSet]
        /// Entries that looked like sets but could not be opened, with why.
        public var unreadable: [(path: String, defects: [Defect])]
    }

    public static func list(_ root: String) throws(BackupSetError) -> Listing {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: root) } catch {
            throw BackupSetError(Defect(.unreadableSet, file: root, .set(.cannotReadFolder)))
        }
        var sets: [BackupSet] = []
        var unreadable: [(String, [Defect])] = []
        for n in names.sorted() where !n.hasPrefix(".") {
            let p = root + "/" + n
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: p, isDirectory: &isDir)
            guard isDir.boolValue || n.lowercased().hasSuffix(".zip") else { continue }
            do {
                let s = try BackupSet.open(p)
                if isDir.boolValue && s.tables.isEmpty { continue }
                sets.append(s)
            } catch {
                unreadable.append((p, error.defects))
            }
        }
        // newest first by real date; where dates agree (or are missing), by the file's
        // modification time, then by slot (the later weekday and hour first), then by name
        let mtime = Dictionary(sets.map { s in
            (s.path, ((try? FileManager.default.attributesOfItem(atPath: s.path))?[.modificationDate] as? Date) ?? .distantPast)
        }, uniquingKeysWith: { a, _ in a })
        sets.sort { a, b in
            let da = a.date ?? .distantPast, db = b.date ?? .distantPast
            if da != db { return da > db }
            let ma = mtime[a.path] ?? .distantPast, mb = mtime[b.path] ?? .distantPast
            if ma != mb { return ma > mb }
            let sa = a.slot.map { $0.weekday * 24 + $0.hour } ?? -1, sb = b.slot.map { $0.weekday * 24 + $0.hour } ?? -1
            if sa != sb { return sa > sb }
            return a.name < b.name
        }
        return Listing(sets: sets, unreadable: unreadable)
    }
}
