import Foundation
import ResgateLocale

extension BackupSet {
    /// Copies one member of the set (a file of the folder or a member of the zip) to
    /// `path`, streamed in bounded chunks and under the zip limits (a bomb is refused),
    /// so a table carried inside a zip can be opened like a file on disk.
    public func copy(member: SetMember, to path: String) throws(BackupSetError) {
        func fail(_ fault: SetFault) -> BackupSetError {
            BackupSetError(Defect(.unreadableSet, file: member.name, .set(fault)))
        }
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let fh = FileHandle(forWritingAtPath: path) else {
            throw fail(.cannotWriteTemporaryFile(path))
        }
        defer { try? fh.close() }
        do {
            try source.stream(member) { chunk in try fh.write(contentsOf: Data(chunk)) }
            try fh.synchronize()
        } catch let e as BackupSetError { throw e } catch {
            throw fail(.cannotCopy(reason: "\(error)"))
        }
    }
}

extension BackupSet {
    /// The member's file on disk when the set is a folder (nil inside a zip).
    public func localPath(of member: SetMember) -> String? { member.filePath }
}
