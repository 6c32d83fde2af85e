import Foundation
import ResgateLocale
import XBase

/// Looks at every table of a data folder: counts, dates, companions and health.
///
/// Tables are independent, so they are checked on all cores; each one is read in one
/// streaming pass (`TableHealth`), so a folder of hundreds of tables takes well under a
/// second and memory stays bounded.
public enum StoreScanner {
    /// The `.dbf` files of `folder` (extension matched case-insensitively), sorted by name.
    public static func tableFiles(in folder: String) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        return names.filter { $0.lowercased().hasSuffix(".dbf") }
            .sorted { $0.lowercased() < $1.lowercased() }
    }

    /// Scans every table; `progress` is called with (done, total) as tables finish.
    public static func scan(folder: String, language: Language = .en, checkIndexes: Bool = true,
                            progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> [TableSummary] {
        let files = try tableFiles(in: folder)
        let results = ResultBox(count: files.count)
        let counter = Counter()
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            results.set(i, summarize(path: folder + "/" + files[i], language: language, checkIndexes: checkIndexes))
            progress?(counter.increment(), files.count)
        }
        return results.values
    }

    /// The summary of one table file.
    public static func summarize(path: String, language: Language = .en, checkIndexes: Bool = true) -> TableSummary {
        let file = (path as NSString).lastPathComponent
        let name = (file as NSString).deletingPathExtension.uppercased()
        let bytes = FileOps.size(path) ?? 0
        let report = TableHealth.check(path: path)
        let index = companion(of: path, ext: "cdx")
        var summary = TableSummary(
            name: name, file: file, version: report.version.map { String(format: "0x%02X", $0) } ?? "",
            versionName: report.version.map(versionName) ?? "", lastUpdate: nil,
            records: report.recordsInFile, deleted: report.deletedRecords, bytes: bytes, codepage: nil,
            memo: report.memoPath.map { ($0 as NSString).lastPathComponent }, index: index,
            health: report.isDamaged ? "damaged" : "ok", defects: [])
        summary.defects = report.findings.map {
            .init(message: language == .pt ? $0.messagePT : $0.message, severity: $0.severity.rawValue,
                  record: $0.record, field: $0.field)
        }
        if report.omittedFindings > 0 {
            summary.defects.append(.init(message: language == .pt ? "… e mais \(report.omittedFindings) problemas"
                                                                   : "… and \(report.omittedFindings) more findings",
                                         severity: report.omittedErrors > 0 ? "error" : "warning"))
        }
        guard let table = try? DBFTable.open(path: path) else { return summary }
        summary.lastUpdate = table.header.lastUpdate?.iso
        summary.records = table.recordCount
        summary.codepage = CodePage.number(forMark: table.header.codePageMark)
        // an unknown code page mark is TableHealth's finding (listed above), said once
        let dataDamaged = summary.isDamaged
        if checkIndexes, let index {
            let problems = IndexVerifier.verify(table: table, indexPath: (path as NSString).deletingLastPathComponent + "/" + index)
            for p in problems {
                summary.defects.append(.init(message: (language == .pt ? "índice: " : "index: ") + p.text(in: language)
                                                 + (p.isRepairable ? (language == .pt ? " (corrija com resgate reindex)" : " (fix with resgate reindex)") : ""),
                                             severity: p.isRepairable ? "error" : "warning"))
            }
            // the same verdict as `reindex --check`: tags we cannot judge are not damage
            if IndexVerdict(problems) == .damaged {
                summary.health = "damaged"
                summary.indexOnly = !dataDamaged && problems.allSatisfy(\.isRepairable)
            }
        } else if table.header.flags.contains(.structuralIndex) && index == nil {
            summary.defects.append(.init(message: language == .pt ? "o cabeçalho indica índice CDX, mas o arquivo não existe"
                                                                  : "the header says there is a CDX index but the file is missing",
                                         severity: "error"))
            summary.health = "damaged"
        }
        return summary
    }

    /// `dir/NAME.ext` in any letter case, as a bare file name.
    static func companion(of path: String, ext: String) -> String? {
        let dir = (path as NSString).deletingLastPathComponent
        let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension.lowercased()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.isEmpty ? "." : dir)) ?? []
        return names.first { $0.lowercased() == base + "." + ext }
    }
}

/// Fixed-size results written from concurrent workers, one slot each.
final class ResultBox: @unchecked Sendable {
    private var slots: [TableSummary?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: TableSummary) { lock.lock(); slots[i] = v; lock.unlock() }
    var values: [TableSummary] { slots.compactMap { $0 } }
}

final class Counter: @unchecked Sendable {
    private var n = 0
    private let lock = NSLock()
    func increment() -> Int { lock.lock(); defer { lock.unlock() }; n += 1; return n }
}
