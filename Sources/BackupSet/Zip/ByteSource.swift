import XBase

/// Random-access bytes a zip archive is read from: a file on disk (positioned reads, so a
/// 2 GB set is never loaded) or an array in memory (a small zip nested inside another).
protocol ByteSource: Sendable {
    var size: Int { get }
    var name: String { get }
    /// Reads up to `buffer.count` bytes at `offset`; fewer only at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int
}

extension ByteSource {
    func bytes(at offset: Int, count: Int) throws -> [UInt8] {
        guard count > 0, offset >= 0, offset < size else { return [] }
        var out = [UInt8](repeating: 0, count: min(count, size - offset))
        let got = try out.withUnsafeMutableBytes { try read(into: $0, at: offset) }
        if got < out.count { out.removeLast(out.count - got) }
        return out
    }
}

struct FileByteSource: ByteSource, @unchecked Sendable {
    let reader: FileHandleReader
    var size: Int { reader.size }
    var name: String { reader.path }
    init(path: String) throws { reader = try FileHandleReader(path: path) }
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
        try reader.read(into: buffer, at: offset)
    }
}

struct MemoryByteSource: ByteSource {
    let storage: [UInt8]
    let name: String
    var size: Int { storage.count }
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
        guard offset < storage.count else { return 0 }
        let n = min(buffer.count, storage.count - offset)
        storage.withUnsafeBytes { src in
            buffer.baseAddress!.copyMemory(from: src.baseAddress! + offset, byteCount: n)
        }
        return n
    }
}

@inline(__always) func le16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
@inline(__always) func le32(_ b: [UInt8], _ i: Int) -> Int { le16(b, i) | le16(b, i + 2) << 16 }
@inline(__always) func le64(_ b: [UInt8], _ i: Int) -> Int { le32(b, i) | le32(b, i + 4) << 32 }
