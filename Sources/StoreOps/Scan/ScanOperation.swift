import Foundation
import ResgateLocale
import RestoreKit

/// `scan` (cli.md): every table's date, counts, size, companions and health.
public struct ScanResult: Encodable, Sendable {
    public var tables: [TableSummary]

    public var exit: ExitKind { tables.contains(where: \.isDamaged) ? .defects : .ok }
}

extension StoreOperations {
    /// Finishes an interrupted operation first (when nobody holds the folder), then reads
    /// every table. `progress(done, total)` is called as tables are read.
    public func scan(language: Language, checkIndexes: Bool = true,
                     progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> ScanResult {
        try requireFolder()
        recoverIfIdle()
        let tables = try StoreScanner.scan(folder: data, checkIndexes: checkIndexes, progress: progress)
        return ScanResult(tables: tables.map { t in
            var worded = t
            worded.language = language
            return worded
        })
    }
}
