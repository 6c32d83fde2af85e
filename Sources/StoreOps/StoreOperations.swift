import Foundation
import ResgateLocale
import RestoreKit
import XBase

/// The operations on one data folder, as both front ends run them: the command line and
/// the web screen only parse their input, call one of these and render the typed result
/// (through `JSONDocument` when the answer is JSON). One place per rule: what `scan`
/// recovers first, when the post-restore check runs, how an index is rebuilt.
public struct StoreOperations: Sendable {
    public let data: String

    public init(data: String) { self.data = data }

    /// The data folder must exist before anything reads it.
    public func requireFolder() throws(OperationFailure) {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: data, isDirectory: &isDir), isDir.boolValue else {
            throw OperationFailure(.folderMissing(data))
        }
    }

    /// Finishes an interrupted operation, but only while nobody holds the folder lock: a
    /// reader may ask while another operation (of this very server) is swapping tables,
    /// and "recovering" a swap in progress would fight it.
    public func recoverIfIdle() {
        guard let lock = FolderLock(folder: data) else { return }
        _ = try? Recovery.recoverAllLocked(data: data)
        withExtendedLifetime(lock) {}
    }

    /// The live file of a table (`NAME.DBF` in any letter case), or nil.
    public func liveFile(_ table: TableName) -> String? {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: data)) ?? []
        return files.first { TableName(fileName: $0) == table }
    }
}
