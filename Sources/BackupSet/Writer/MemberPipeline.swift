import Crypto
import Foundation

/// Deflates (or, for a folder set, only hashes) each member as soon as it is written, on
/// the other core, while the next part of the text is being formatted: writing a set costs
/// about the time of formatting plus the last part's deflate, not their sum.
final class MemberPipeline: @unchecked Sendable {
    private let queue = OperationQueue()
    private let lock = NSLock()
    private var results: [String: ZipWriter.Compressed] = [:]
    private var failure: Error?
    private var counter = 0
    let deflate: Bool
    let level: Int32

    init(deflate: Bool, level: Int32 = 1) {
        self.deflate = deflate
        self.level = level
        queue.maxConcurrentOperationCount = max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    func submit(_ m: ZipWriter.Member) {
        lock.lock(); counter += 1; let n = counter; lock.unlock()
        let deflate = self.deflate, level = self.level
        queue.addOperation { [self] in
            do {
                let c = deflate ? try ZipWriter.deflateFile(m, level: level, tempBase: m.path + ".deflated-\(n)")
                                : try Self.hashOnly(m)
                lock.lock(); results[m.path] = c; lock.unlock()
            } catch {
                lock.lock(); failure = error; lock.unlock()
            }
        }
    }

    /// Waits for every member; results by file path.
    func finish() throws -> [String: ZipWriter.Compressed] {
        queue.waitUntilAllOperationsAreFinished()
        lock.lock(); defer { lock.unlock() }
        if let failure { throw failure }
        return results
    }

    static func hashOnly(_ m: ZipWriter.Member) throws -> ZipWriter.Compressed {
        guard let h = FileHandle(forReadingAtPath: m.path) else { throw CocoaError(.fileReadNoSuchFile) }
        defer { try? h.close() }
        var sha = SHA256()
        var size = 0
        while let d = try h.read(upToCount: 4 << 20), !d.isEmpty { sha.update(data: d); size += d.count }
        return .init(name: m.name, temp: "", crc: 0, size: size, csize: 0, method: 0,
                     sha256: sha.finalize().map { String(format: "%02x", $0) }.joined())
    }
}
