import Foundation

/// `verify SET`: reads every member completely and lists every defect (section 4–6).
public enum SetVerifier {
    public struct Report: Sendable {
        public var defects: [Defect]
        public var tables: [(name: String, records: Int)]
        public var ok: Bool { defects.isEmpty }
    }

    public static func verify(_ path: String, options: ReadOptions = ReadOptions()) -> Report {
        let set: BackupSet
        do { set = try BackupSet.open(path) } catch { return Report(defects: error.defects, tables: []) }
        var defects = set.defects
        var tables: [(String, Int)] = []
        for t in set.tables where t.structure != nil {
            do {
                let r = try set.forEachRecord(table: t.name, options: options) { _ in }
                defects += r.defects
                tables.append((t.name, r.records))
            } catch let e as BackupSetError {
                defects += e.defects.map { $0.placed(table: t.name) }
            } catch {
                defects.append(Defect(.unreadableSet, table: t.name, pt: "\(error)", en: "\(error)"))
            }
        }
        if let m = set.manifest {
            for mt in m.tables {
                for f in mt.files {
                    guard let member = set.source.member(named: f.name) else { continue }
                    do {
                        let h = try ManifestCheck.sha256(set.source, member)
                        if h != f.sha256.lowercased() {
                            defects.append(Defect(.manifestMismatch, table: mt.name, file: f.name,
                                                  pt: "SHA-256 não confere com o manifesto", en: "SHA-256 does not match the manifest"))
                        }
                    } catch let e as BackupSetError { defects += e.defects } catch {}
                }
            }
        }
        // one defect per place: the same damaged member may be met by two readers
        var seen = Set<Defect>()
        defects = defects.filter { seen.insert($0).inserted }
        return Report(defects: defects, tables: tables)
    }
}
