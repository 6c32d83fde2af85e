#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A tag's keys in index order, either in memory or as sorted runs on disk.
enum SortedKeys {
    case memory(KeyList)
    case spilled(SpilledRuns)

    /// Whether any key holds a byte ≥ 0x80 (the collation guard's question).
    var hasHighBytes: Bool {
        switch self {
        case .memory(let list): list.keyBytes.contains { $0 >= 0x80 }
        case .spilled(let runs): runs.hasHighBytes
        }
    }

    func forEach(_ body: (ArraySlice<UInt8>, UInt32) throws(CDXError) -> Void) throws(CDXError) {
        switch self {
        case .memory(let list):
            for i in 0..<list.count { try body(list.key(i), list.recnos[i]) }
        case .spilled(let runs):
            try runs.merge(body)
        }
    }
}

/// Keys of one tag too big for the memory budget: sorted chunks written to files beside
/// the index being built, merged while the leaves are written. Deleted when released.
final class SpilledRuns {
    let keyLength: Int
    let unique: Bool
    private(set) var paths: [String] = []
    private(set) var hasHighBytes = false
    private let base: String

    init(keyLength: Int, unique: Bool, base: String) {
        self.keyLength = keyLength; self.unique = unique; self.base = base
    }
    deinit { for p in paths { unlink(p) } }

    /// Writes one sorted chunk as (key, recno LE) records.
    func spill(_ chunk: KeyList) throws(CDXError) {
        let path = base + ".run\(paths.count)"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw .io(file: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        paths.append(path)
        if chunk.keyBytes.contains(where: { $0 >= 0x80 }) { hasHighBytes = true }
        let entry = keyLength + 4
        var out = [UInt8](); out.reserveCapacity(min(chunk.count, 8192) * entry)
        func flush() throws(CDXError) {
            var done = 0
            while done < out.count {
                let n = out.withUnsafeBytes { write(fd, $0.baseAddress! + done, out.count - done) }
                guard n > 0 else { throw .io(file: path, reason: String(cString: strerror(errno))) }
                done += n
            }
            out.removeAll(keepingCapacity: true)
        }
        for i in 0..<chunk.count {
            out.append(contentsOf: chunk.key(i))
            let r = chunk.recnos[i]
            out.append(contentsOf: [UInt8(r & 0xFF), UInt8(r >> 8 & 0xFF), UInt8(r >> 16 & 0xFF), UInt8(r >> 24)])
            if out.count >= 8192 * entry { try flush() }
        }
        try flush()
    }

    /// K-way merge of the runs in (key, recno) order; UNIQUE keeps the first of a key.
    func merge(_ body: (ArraySlice<UInt8>, UInt32) throws(CDXError) -> Void) throws(CDXError) {
        let cursor = try MergeCursor(self)
        while try cursor.next() { try body(cursor.key, cursor.recno) }
    }
}

/// Pull-style merge of spilled runs, for callers that walk something else at the same time
/// (the verifier walks the index and pulls the expected keys alongside).
final class MergeCursor {
    private var readers: [RunReader] = []
    private let keyLength: Int
    private let unique: Bool
    private var last: [UInt8]
    private var emitted = false
    private(set) var key: ArraySlice<UInt8> = []
    private(set) var recno: UInt32 = 0
    private var current = -1

    init(_ runs: SpilledRuns) throws(CDXError) {
        keyLength = runs.keyLength; unique = runs.unique
        last = [UInt8](repeating: 0, count: runs.keyLength)
        for p in runs.paths { readers.append(try RunReader(path: p, entrySize: runs.keyLength + 4)) }
        for i in readers.indices { try readers[i].advance() }
    }
    deinit { for r in readers { close(r.fd) } }

    /// Moves to the next entry; false at the end.
    func next() throws(CDXError) -> Bool {
        while true {
            if current >= 0 { try readers[current].advance(); current = -1 }
            var best = -1
            for i in readers.indices where readers[i].hasEntry {
                if best < 0 || readers[i].less(than: readers[best], keyLength: keyLength) { best = i }
            }
            if best < 0 { return false }
            current = best
            let k = readers[best].key(keyLength)
            if unique && emitted && k.elementsEqual(last) { continue }
            for (j, b) in k.enumerated() { last[j] = b }
            emitted = true
            key = k; recno = readers[best].recno(keyLength)
            return true
        }
    }
}

/// Pulls a tag's expected keys one at a time, from memory or from spilled runs.
struct KeyCursor {
    private let list: KeyList?
    private let merge: MergeCursor?
    private var index = -1
    private(set) var key: ArraySlice<UInt8> = []
    private(set) var recno: UInt32 = 0

    init(_ keys: SortedKeys) throws(CDXError) {
        switch keys {
        case .memory(let l): list = l; merge = nil
        case .spilled(let runs): list = nil; merge = try MergeCursor(runs)
        }
    }

    mutating func next() throws(CDXError) -> Bool {
        if let list {
            index += 1
            guard index < list.count else { return false }
            key = list.key(index); recno = list.recnos[index]
            return true
        }
        guard let merge, try merge.next() else { return false }
        key = merge.key; recno = merge.recno
        return true
    }
}

/// Buffered sequential reader of one run file.
struct RunReader {
    let fd: Int32
    let path: String
    let entrySize: Int
    var buffer: [UInt8]
    var position = 0      // start of the current entry in buffer
    var filled = 0
    var hasEntry = false
    private var started = false

    init(path: String, entrySize: Int) throws(CDXError) {
        fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .io(file: path, reason: String(cString: strerror(errno))) }
        self.path = path; self.entrySize = entrySize
        buffer = [UInt8](repeating: 0, count: max(1, (1 << 18) / entrySize) * entrySize)
    }

    mutating func advance() throws(CDXError) {
        if started { position += entrySize } else { started = true }
        if position + entrySize > filled {
            // Keep a partial entry, refill the rest.
            let rest = filled - position
            if rest > 0 { buffer.replaceSubrange(0..<rest, with: buffer[position..<filled]) }
            position = 0; filled = max(0, rest)
            while filled < buffer.count {
                let want = buffer.count - filled
                let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, want) }
                if n < 0 { throw .io(file: path, reason: String(cString: strerror(errno))) }
                if n == 0 { break }
                filled += n
            }
        }
        hasEntry = position + entrySize <= filled
    }

    func key(_ keyLength: Int) -> ArraySlice<UInt8> { buffer[position..<(position + keyLength)] }
    func recno(_ keyLength: Int) -> UInt32 {
        let p = position + keyLength
        return UInt32(buffer[p]) | UInt32(buffer[p + 1]) << 8 | UInt32(buffer[p + 2]) << 16 | UInt32(buffer[p + 3]) << 24
    }
    func less(than other: RunReader, keyLength: Int) -> Bool {
        let c = buffer.withUnsafeBufferPointer { a in
            other.buffer.withUnsafeBufferPointer { b in
                memcmpBytes(a.baseAddress! + position, b.baseAddress! + other.position, keyLength)
            }
        }
        return c != 0 ? c < 0 : recno(keyLength) < other.recno(keyLength)
    }
}

extension KeyCollector {
    /// One tag's keys in a single pass, sorted in chunks of at most `budgetBytes` that are
    /// spilled beside `base` when the tag does not fit; in memory when it does.
    static func collectSpilling(table: DBFTable, builder: TagKeyBuilder, budgetBytes: Int,
                                base: String) throws(CDXError) -> SortedKeys {
        let perEntry = builder.tag.keyLength + 4 + 17
        let chunkEntries = max(64, budgetBytes / perEntry)
        let runs = SpilledRuns(keyLength: builder.tag.keyLength, unique: builder.tag.isUnique, base: base)
        var chunk = KeyList(keyLength: builder.tag.keyLength, capacity: min(chunkEntries, table.recordCount))
        var buffer = [UInt8]()
        var failure: CDXError?
        do {
            try table.forEachRecord { record in
                guard builder.key(record: record.bytes, recno: record.number, into: &buffer) else { return }
                chunk.append(key: buffer, recno: UInt32(record.number))
                if chunk.count >= chunkEntries {
                    chunk.sort(unique: builder.tag.isUnique)
                    do throws(CDXError) { try runs.spill(chunk) } catch { failure = error; throw error }
                    chunk = KeyList(keyLength: builder.tag.keyLength, capacity: chunkEntries)
                }
            }
        } catch let e as XBaseError {
            throw .table(e)
        } catch {
            throw failure ?? .table(.io(file: table.path, reason: "\(error)"))
        }
        chunk.sort(unique: builder.tag.isUnique)
        if runs.paths.isEmpty { return .memory(chunk) }
        try runs.spill(chunk)
        return .spilled(runs)
    }
}
