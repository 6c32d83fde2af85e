import Foundation
import ResgateLocale
import RestoreKit
import XBase

extension StoreOperations {
    /// `diff SET --table T [--key K]`: the backup's table against the live one.
    /// `progress` gets the records compared so far (see `TableDiff.compare`).
    public func diff(_ source: any RestoreSource, table: TableName, key: [String], examples: Int,
                     progress: WorkProgressSink? = nil) throws(OperationFailure) -> TableDiff {
        guard source.tableNames.contains(table.canonical) else { throw OperationFailure(.tableNotInBackup(table.canonical)) }
        guard let live = liveFile(table) else { throw OperationFailure(.tableNotInData(table: table.canonical, folder: data)) }
        do {
            return try TableDiff.compare(source: try source.table(named: table.canonical), livePath: data + "/" + live,
                                         key: key, exampleLimit: examples, progress: progress)
        } catch TableDiff.DiffError.unknownKey(let k) {
            throw OperationFailure(.unknownKeyField(k))
        } catch {
            throw OperationFailure(.unreadableTable(table.canonical), details: Words(Cause(error).text))
        }
    }
}

extension TableDiff {
    public var exit: ExitKind { onlyInBackup + onlyInData + changed > 0 || !defects.isEmpty ? .defects : .ok }
}
