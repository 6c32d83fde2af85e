import BackupSet
import Foundation
import ResgateLocale
import RestoreKit

/// Opens the SET argument of a command: a zip, an extracted folder (or, later, a remote).
enum SourceOpener {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static func open(_ set: String, cache: String?, language: Language, quiet: Bool) throws -> BackupSetSource {
        do {
            return try BackupSetSource(path: set)
        } catch let e as BackupSetError {
            throw Failure(description: e.defects.map { $0.message(in: language) }.joined(separator: "\n"))
        }
    }
}
