import Foundation
import ResgateLocale
import XBase

/// `verify SET`: reads every member completely and lists every defect (section 4–6).
///
/// Memory stays bounded whatever the set holds: each table keeps its first
/// `ReadOptions.defectLimit` defects and counts the rest exactly; `options.defectSink`
/// gets every defect found, kept or not, as it is found.
public enum SetVerifier {
    /// Records between two progress reports.
    public static let progressEvery = 4096
    public struct Report: Sendable {
        /// The defects kept: the set's own, then each table's first ones.
        public var defects: [Defect] = []
        public var tables: [(name: String, records: Int)] = []
        /// Defects found but not kept in `defects` (see `ReadOptions.defectLimit`).
        public var omittedDefects = 0
        /// Every defect found, kept or not, by kind.
        public var defectCounts: [Defect.Kind: Int] = [:]
        /// Every defect found, kept or not.
        public var defectTotal: Int { defects.count + omittedDefects }
        public var ok: Bool { defectTotal == 0 }

        /// Keeps `d` (once per place: the same damaged member may be met by two readers).
        mutating func add(_ d: Defect, sink: DefectSink?, seen: inout Set<Defect>) {
            guard seen.insert(d).inserted else { return }
            sink?.record(d)
            defects.append(d)
            defectCounts[d.kind, default: 0] += 1
        }
    }

    /// `progress` gets, per table, the lines read so far against the structure's count
    /// (every `progressEvery` records and at the table's end).
    public static func verify(_ path: String, options: ReadOptions = ReadOptions(),
                              progress: WorkProgressSink? = nil) -> Report {
        var report = Report()
        var seen = Set<Defect>()
        let sink = options.defectSink
        let set: BackupSet
        do { set = try BackupSet.open(path) } catch {
            for d in error.defects { report.add(d, sink: sink, seen: &seen) }
            return report
        }
        for d in set.defects { report.add(d, sink: sink, seen: &seen) }
        var options = options
        let digests = MemberDigests()
        options.digests = digests
        for t in set.tables where t.structure != nil && t.oversized == nil {
            do {
                // the table's own defects went to the sink as they were found
                var done = 0
                let total = t.structure?.records
                func counted() {
                    done += 1
                    if done % progressEvery == 0 { progress?(WorkProgress(.verifyTable(t.name), done: done, total: total)) }
                }
                let checking = CheckingSink(structure: t.structure!, onRecord: counted)
                let r = try set.forEachRecord(table: t.name, options: options, raw: checking) { _ in counted() }
                progress?(WorkProgress(.verifyTable(t.name), done: r.records, total: total))
                for (k, n) in r.defectCounts { report.defectCounts[k, default: 0] += n }
                for d in r.defects {
                    if seen.insert(d).inserted { report.defects.append(d) } else { report.defectCounts[d.kind, default: 1] -= 1 }
                }
                report.omittedDefects += r.omittedDefects
                report.tables.append((t.name, r.records))
            } catch let e as BackupSetError {
                for d in e.defects { report.add(d.placed(table: t.name), sink: sink, seen: &seen) }
            } catch {
                report.add(Defect(.unreadableSet, table: t.name, .error(Cause(error))), sink: sink, seen: &seen)
            }
        }
        if let m = set.manifest {
            for mt in m.tables {
                for f in mt.files {
                    guard let member = set.source.member(named: f.name) else { continue }
                    do {
                        let h = try digests[member] ?? ManifestCheck.sha256(set.source, member)
                        if h != f.sha256.lowercased() {
                            report.add(Defect(.manifestMismatch, table: mt.name, file: f.name, .manifest(.hashMismatch)),
                                       sink: sink, seen: &seen)
                        }
                    } catch let e as BackupSetError {
                        for d in e.defects { report.add(d, sink: sink, seen: &seen) }
                    } catch {}
                }
            }
        }
        return report
    }
}
