import Foundation

extension BackupSet {
    /// Copies one member of the set (a file of the folder or a member of the zip) to
    /// `path`, streamed in bounded chunks and under the zip limits (a bomb is refused),
    /// so a table carried inside a zip can be opened like a file on disk.
    public func copy(member: SetMember, to path: String) throws(BackupSetError) {
        func fail(_ en: String, _ pt: String) -> BackupSetError {
            BackupSetError(Defect(.unreadableSet, file: member.name, pt: pt, en: en))
        }
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let fh = FileHandle(forWritingAtPath: path) else {
            throw fail("cannot write the temporary file \(path)", "não foi possível gravar o arquivo temporário \(path)")
        }
        defer { try? fh.close() }
        do {
            try source.stream(member) { chunk in try fh.write(contentsOf: Data(chunk)) }
            try fh.synchronize()
        } catch let e as BackupSetError { throw e } catch {
            throw fail("cannot copy: \(error)", "não foi possível copiar: \(error)")
        }
    }
}

extension BackupSet {
    /// The member's file on disk when the set is a folder (nil inside a zip).
    public func localPath(of member: SetMember) -> String? { member.filePath }
}
