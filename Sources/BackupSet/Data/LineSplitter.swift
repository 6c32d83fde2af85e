#if canImport(Glibc)
import Glibc
#endif

/// Cuts a stream of chunks into lines (LF or CRLF) without copying, except the one line
/// that straddles two chunks. The `0x1A` FoxPro may leave at the very end is dropped.
struct LineSplitter {
    private var carry: [UInt8] = []
    private(set) var lineNumber = 0
    private var started = false

    /// `onLine(bytes, terminatorLength, number)`; the bytes are only valid during the call.
    mutating func feed(_ chunk: UnsafeRawBufferPointer,
                       _ onLine: (UnsafeRawBufferPointer, Int, Int) throws -> Void) throws {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        var start = 0
        if !started {
            started = true
            // a UTF-8 byte-order mark some Windows tools put first
            if chunk.count >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF { start = 3 }
        }
        let count = chunk.count
        while start < count {
            guard let hit = memchr(base + start, 0x0A, count - start) else { break }
            let nl = base.distance(to: UnsafeRawPointer(hit))
            if !carry.isEmpty {
                carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[start..<nl]))
                var cr = 0
                if carry.last == 0x0D { carry.removeLast(); cr = 1 }
                lineNumber += 1
                try carry.withUnsafeBytes { try onLine($0, 1 + cr, lineNumber) }
                carry.removeAll(keepingCapacity: true)
            } else {
                var end = nl
                var cr = 0
                if end > start && chunk[end - 1] == 0x0D { end -= 1; cr = 1 }
                lineNumber += 1
                try onLine(UnsafeRawBufferPointer(rebasing: chunk[start..<end]), 1 + cr, lineNumber)
            }
            start = nl + 1
        }
        if start < count { carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[start..<count])) }
    }

    /// The last line when the file does not end with a line break.
    mutating func finish(_ onLine: (UnsafeRawBufferPointer, Int, Int) throws -> Void) throws {
        if carry.last == 0x1A { carry.removeLast() }
        if carry.last == 0x0D { carry.removeLast() }
        guard !carry.isEmpty else { return }
        lineNumber += 1
        try carry.withUnsafeBytes { try onLine($0, 0, lineNumber) }
        carry.removeAll()
    }
}
