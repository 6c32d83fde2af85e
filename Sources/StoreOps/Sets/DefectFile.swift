import BackupSet
import Foundation
import ResgateLocale

/// `verify --defects-file PATH`: every defect, one line each, written as it is found
/// (the report itself keeps only the first 1,000 per table). Buffered; closed by `finish`.
public final class DefectFile: DefectSink, @unchecked Sendable {
    private let handle: FileHandle
    private let language: Language
    private let lock = NSLock()
    private var buffer: [UInt8] = []
    private(set) var written = 0

    init(path: String, language: Language) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        handle = h
        self.language = language
    }

    public func record(_ d: Defect) {
        lock.lock(); defer { lock.unlock() }
        buffer += Array(((d.table.map { "[\($0)] " } ?? "") + d.message(in: language) + "\n").utf8)
        written += 1
        if buffer.count >= 1 << 16 { flush() }
    }

    private func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        flush()
        try? handle.close()
    }
}
