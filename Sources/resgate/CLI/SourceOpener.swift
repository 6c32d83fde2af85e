import ArgumentParser
import BackupSet
import CloudRemote
import Foundation
import ResgateLocale
import RestoreKit
import XBase

/// Opens the SET argument of a command: a zip, an extracted folder, or `REMOTE:path`,
/// which is first brought into the local cache (downloaded, size/hash checked, renamed)
/// so every command reads a remote set exactly as a local one. A folder or zip of DBF
/// tables (no structure files) opens as a `TableFolderSource` (`RestoreSources.open`).
enum SourceOpener {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        /// Bad local input is 2; a remote that failed is 3 (cli.md: refused or failed).
        var exit: ExitCode = ExitStatus.badInput
    }

    static func open(_ set: String, cache: String?, language: Language, quiet: Bool) throws -> any RestoreSource {
        let path = try localPath(set, cache: cache, language: language, quiet: quiet)
        do {
            return try RestoreSources.open(path)
        } catch let e as BackupSetError {
            throw Failure(description: e.defects.map { $0.message(in: language) }.joined(separator: "\n"))
        }
    }

    /// SET itself when local; for `REMOTE:path`, the path of its checked cached copy.
    static func localPath(_ set: String, cache: String?, language: Language, quiet: Bool) throws -> String {
        guard RemotePath.looksRemote(set) else { return set }
        do {
            guard let remote = try RemotePath(parsing: set) else { return set }
            let progress = TransferProgress(language: language, quiet: quiet, verb: .downloading)
            let copy = try SetCache(folder: cache).fetch(remote) { progress.update($0.set, done: $0.done, total: $0.total) }
            progress.finish(copy.fromCache
                ? .cachedCopyChecked(name: remote.name, path: copy.path)
                : .downloadedAndChecked(name: remote.name, checks: copy.hashesChecked, resumedBytes: copy.resumedBytes))
            return copy.path
        } catch let e as CloudError {
            if case .invalidRemote = e { throw Failure(description: e.message(in: language), exit: ExitStatus.badInput) }
            throw Failure(description: e.message(in: language), exit: ExitStatus.refused)
        }
    }

    /// For commands that print and exit on their own: the message on stderr, then the exit code.
    static func localPathOrExit(_ set: String, cache: String?, common: CommonOptions) throws -> String {
        do { return try localPath(set, cache: cache, language: common.language, quiet: common.quiet || common.json) } catch let f as Failure {
            Console.err(f.description)
            throw f.exit
        }
    }

    /// The line that says what SET turned out to be, e.g. `Origem: pasta de tabelas SANDBOX`.
    static func foundLine(_ kind: RestoreSourceKind, name: String) -> TransferPhrase {
        let n = printableEscaped(name)
        switch kind {
        case .backupSet: return .sourceBackupSet(n)
        case .tableFolder: return .sourceTableFolder(n)
        }
    }
}

/// The live line of a transfer on a terminal (bytes, percent, rate); on anything else
/// only the final line, so logs stay short.
final class TransferProgress {
    let language: Language
    let quiet: Bool
    let verb: TransferPhrase
    let start = Date()
    var last = Date.distantPast
    var shown = false

    init(language: Language, quiet: Bool, verb: TransferPhrase) { self.language = language; self.quiet = quiet; self.verb = verb }

    func update(_ name: String, done: Int64, total: Int64) {
        guard !quiet, Console.isTerminal else { return }
        let now = Date()
        guard now.timeIntervalSince(last) >= 0.2 || done == total else { return }
        last = now
        shown = true
        let rate = Double(done) / max(0.001, now.timeIntervalSince(start))
        let percent = total > 0 ? Int(Double(done) * 100 / Double(total)) : 0
        Console.progress("\(verb.text(in: language)) \(name): \(percent)% (\(Self.bytes(done)) / \(Self.bytes(total)), \(Self.bytes(Int64(rate)))/s)")
    }

    /// One step without byte counts (an upload: rclone does the transfer).
    func step(_ words: TransferPhrase) {
        guard !quiet, Console.isTerminal else { return }
        Console.progress(words.text(in: language))
    }

    func finish(_ words: TransferPhrase) {
        guard !quiet else { return }
        Console.progress(words.text(in: language), final: true)
    }

    static func bytes(_ n: Int64) -> String {
        if n >= 1 << 30 { return String(format: "%.1f GB", Double(n) / Double(1 << 30)) }
        if n >= 1 << 20 { return String(format: "%.1f MB", Double(n) / Double(1 << 20)) }
        if n >= 1 << 10 { return String(format: "%.1f kB", Double(n) / Double(1 << 10)) }
        return "\(n) B"
    }
}
