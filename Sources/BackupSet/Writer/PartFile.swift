import Foundation

/// One file of a set being written, filled through a small buffer so a 32 MB part (or a
/// memo DBF the size of the table) never sits in memory whole.
///
/// Bytes go to a temporary name; `close(as:)` renames the file to its member path once
/// the caller knows the member's name (the first text part is `T.TXT` when it turns out
/// to be the only one, `T_001.TXT` otherwise).
struct PartFile {
    /// Buffered bytes are written out past this size.
    static let flushBytes = 1 << 20

    let tempPath: String
    private let handle: FileHandle
    private(set) var buffer: [UInt8] = []
    /// Bytes written so far, buffered ones included.
    private(set) var count = 0

    init(tempPath: String) throws {
        guard FileManager.default.createFile(atPath: tempPath, contents: nil),
              let h = FileHandle(forWritingAtPath: tempPath) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: tempPath])
        }
        self.tempPath = tempPath
        handle = h
        buffer.reserveCapacity(Self.flushBytes + 64 << 10)
    }

    /// Appends through `body`, which writes into the buffer; the buffer is written out
    /// when it has grown past `flushBytes`.
    @inline(__always)
    mutating func append(_ body: (inout [UInt8]) throws -> Void) throws {
        let before = buffer.count
        try body(&buffer)
        count += buffer.count - before
        if buffer.count >= Self.flushBytes { try drain() }
    }

    mutating func append(contentsOf bytes: UnsafeRawBufferPointer) throws {
        try append { $0.append(contentsOf: bytes) }
    }

    private mutating func drain() throws {
        try buffer.withUnsafeBytes { try handle.write(contentsOf: $0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left, closes the file and moves it to `path`.
    mutating func close(as path: String) throws {
        try drain()
        try handle.close()
        if path != tempPath {
            _ = try? FileManager.default.removeItem(atPath: path)
            try FileManager.default.moveItem(atPath: tempPath, toPath: path)
        }
    }

    /// Closes and removes the file (an abandoned attempt).
    func discard() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: tempPath)
    }
}
