#if canImport(Glibc)
import Glibc
#endif

/// Cuts a stream of chunks into lines (LF or CRLF) without copying, except the one line
/// that straddles two chunks. The `0x1A` FoxPro may leave at the very end is dropped.
///
/// A line longer than `maxLineBytes` is never held: its bytes are counted, not kept, and
/// it is reported whole to `tooLong(number, length)` instead of `onLine` (a 1 GB line, or
/// a file with no line break at all, costs no memory).
struct LineSplitter {
    private var carry: [UInt8] = []
    private(set) var lineNumber = 0
    private var started = false
    let maxLineBytes: Int
    /// Bytes of the current line so far when it is already too long (0: it is not).
    private var overflow = 0
    private var overflowLast: UInt8 = 0

    init(maxLineBytes: Int = .max) { self.maxLineBytes = min(max(1, maxLineBytes), Int.max / 2) }

    /// `onLine(bytes, terminatorLength, number)`; the bytes are only valid during the call.
    mutating func feed(_ chunk: UnsafeRawBufferPointer,
                       _ onLine: (UnsafeRawBufferPointer, Int, Int) throws -> Void,
                       tooLong: (_ line: Int, _ length: Int) throws -> Void) throws {
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
            if overflow > 0 || carry.count + (nl - start) > maxLineBytes + 1 {
                // (the +1 lets the CR of a CRLF through: it is not part of the line)
                var length = (overflow > 0 ? overflow : carry.count) + (nl - start)
                let last = nl > start ? chunk[nl - 1] : (overflow > 0 ? overflowLast : carry.last ?? 0)
                if last == 0x0D { length -= 1 }
                lineNumber += 1
                carry.removeAll(keepingCapacity: false)
                overflow = 0
                try tooLong(lineNumber, length)
                start = nl + 1
                continue
            }
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
        guard start < count else { return }
        let rest = count - start
        overflowLast = chunk[count - 1]
        if overflow > 0 {
            overflow += rest
        } else if carry.count + rest > maxLineBytes + 1 {
            overflow = carry.count + rest
            carry.removeAll(keepingCapacity: false)
        } else {
            carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[start..<count]))
        }
    }

    /// The last line when the file does not end with a line break.
    mutating func finish(_ onLine: (UnsafeRawBufferPointer, Int, Int) throws -> Void,
                         tooLong: (_ line: Int, _ length: Int) throws -> Void) throws {
        if overflow > 0 {
            lineNumber += 1
            var length = overflow
            if overflowLast == 0x0D { length -= 1 }
            overflow = 0
            try tooLong(lineNumber, length)
            return
        }
        if carry.last == 0x1A { carry.removeLast() }
        if carry.last == 0x0D { carry.removeLast() }
        guard !carry.isEmpty else { return }
        lineNumber += 1
        try carry.withUnsafeBytes { try onLine($0, 0, lineNumber) }
        carry.removeAll()
    }
}
