import Foundation

/// Writes a node_exporter / windows_exporter textfile (`F.prom`) atomically: the text is
/// built in a hidden temporary file beside the target (same file system), flushed, and
/// renamed over it, so a scrape sees the old file or the new one, never half of one.
///
/// Samples arrive store by store, but the text format wants each family in one block:
/// each family is spooled to its own temporary file and the blocks are joined at the end,
/// so memory stays flat however many stores there are.
public final class TextfileWriter: @unchecked Sendable {
    /// `detail`: a foreign error's words (Foundation, `strerror(3)`), nil when there are
    /// none; the command line says only that the metrics could not be written.
    public enum Failure: Error, Equatable { case cannotWrite(path: String, detail: String?) }

    public let target: String
    private let spoolFolder: String
    private var spools: [String: FileHandle] = [:]
    private let lock = NSLock()

    public init(target: String) throws(Failure) {
        self.target = target
        spoolFolder = NSTemporaryDirectory() + "resgate-textfile-" + UUID().uuidString
        do { try FileManager.default.createDirectory(atPath: spoolFolder, withIntermediateDirectories: true) } catch {
            throw .cannotWrite(path: spoolFolder, detail: "\(error)")
        }
        for (i, f) in StoreMetrics.families.enumerated() {
            let p = spoolFolder + "/\(i)"
            FileManager.default.createFile(atPath: p, contents: nil)
            guard let h = FileHandle(forWritingAtPath: p) else { throw .cannotWrite(path: p, detail: nil) }
            spools[f.name] = h
        }
    }

    deinit { discard() }

    /// Adds samples (any order, any thread).
    public func add(_ samples: [StoreMetrics.Sample]) {
        lock.lock(); defer { lock.unlock() }
        for s in samples { spools[s.family]?.write(Data((s.line + "\n").utf8)) }
    }

    /// Joins the families, flushes, renames over the target, removes the spool.
    public func commit() throws(Failure) {
        lock.lock(); defer { lock.unlock() }
        let dir = (target as NSString).deletingLastPathComponent
        let temp = (dir.isEmpty ? "." : dir) + "/." + (target as NSString).lastPathComponent + ".tmp-" + String(getpid())
        guard FileManager.default.createFile(atPath: temp, contents: nil, attributes: [.posixPermissions: 0o644]),
              let out = FileHandle(forWritingAtPath: temp) else {
            throw .cannotWrite(path: temp, detail: String(cString: strerror(errno)))
        }
        do {
            for (i, f) in StoreMetrics.families.enumerated() {
                try out.write(contentsOf: Data("# HELP \(f.name) \(f.help)\n# TYPE \(f.name) \(f.type)\n".utf8))
                try spools[f.name]?.synchronize()
                guard let input = FileHandle(forReadingAtPath: spoolFolder + "/\(i)") else { continue }
                defer { try? input.close() }
                while let chunk = try input.read(upToCount: 1 << 16), !chunk.isEmpty { try out.write(contentsOf: chunk) }
            }
            try out.synchronize()
            try out.close()
        } catch {
            try? out.close(); try? FileManager.default.removeItem(atPath: temp)
            throw .cannotWrite(path: temp, detail: "\(error)")
        }
        guard rename(temp, target) == 0 else {
            let why = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temp)
            throw .cannotWrite(path: target, detail: why)
        }
        discardLocked()
    }

    private func discard() { lock.lock(); discardLocked(); lock.unlock() }

    private func discardLocked() {
        for h in spools.values { try? h.close() }
        spools = [:]
        try? FileManager.default.removeItem(atPath: spoolFolder)
    }
}
