import Foundation

/// The paths of the files an XML index was read from, each stored once and named by a
/// number. A year of a busy store is 200,000 files: as Swift strings their paths cost about
/// 30 MB (a heap object each); here a path is its folder's number and its name's bytes,
/// digit-packed (a name that carries a 44-digit key halves), in shared chunks: about 45 bytes
/// a file. A note refers to its file by a 4-byte number.
///
/// Append-only, so a number once given names the same path for the table's whole life; the
/// indexer's workers only read it. When the table is in path order (the walker sorts it, and
/// paths appended in ascending order keep it so), comparing two numbers compares the paths,
/// which is how duplicate notes pick "the copy in the lexically first file" without building
/// a string.
public final class FileNames: @unchecked Sendable {
    /// A name: its folder, and its packed bytes (`DigitPacking`) in chunk `chunk`.
    struct Entry { var folder: UInt32; var start: UInt32; var chunk: UInt16; var length: UInt16 }

    private let lock = NSLock()
    private var folders: [[UInt8]] = []
    /// Each folder with its `/`, as paths begin.
    private var prefixes: [[UInt8]] = []
    private var folderNumbers: [[UInt8]: UInt32] = [:]
    private var entries: [Entry] = []
    /// Packed names in chunks of about `chunkSize` bytes (growing copies one chunk at most).
    private var names: [[UInt8]] = []
    private static let chunkSize = 1 << 20
    /// True while entry order is path order.
    private var ordered = true

    public init() {}

    /// A table of the given paths, in the given order.
    public convenience init(_ paths: [String]) {
        self.init()
        for p in paths { _ = append(p) }
    }

    public var count: Int { lock.withLock { entries.count } }

    /// Whether numbers compare as their paths do.
    var isInPathOrder: Bool { lock.withLock { ordered } }

    /// Adds `path` and returns its number. Paths are split at the last `/`.
    @discardableResult
    public func append(_ path: String) -> UInt32 {
        let bytes = Array(path.utf8)
        let slash = bytes.lastIndex(of: 0x2F)
        let folder = slash.map { Array(bytes[..<$0]) } ?? []
        let name = slash.map { Array(bytes[($0 + 1)...]) } ?? bytes
        return lock.withLock { add(folder: folder, hasSlash: slash != nil, name: name) }
    }

    /// Adds a file of `folder` (given as bytes, no trailing `/`) named `name`.
    func append(folder: [UInt8], name: UnsafeBufferPointer<UInt8>) -> UInt32 {
        lock.withLock { add(folder: folder, hasSlash: true, name: Array(name)) }
    }

    /// The path numbered `number` (an empty string for a number this table never gave).
    public func path(_ number: UInt32) -> String {
        lock.withLock {
            guard Int(number) < entries.count else { return "" }
            return pathLocked(entries[Int(number)])
        }
    }

    /// Sorts the entries into path order (byte order of the whole path, as `String` `<`
    /// orders ASCII and UTF-8 paths). Only before any number was handed out to a reader.
    func sortByPath() {
        lock.withLock {
            entries.sort { compare($0, $1) < 0 }
            ordered = true
        }
    }

    // MARK: - private, called with the lock held

    /// Folder numbers with the top bit set mean "no slash": the name is the whole path.
    private static let noSlash: UInt32 = 1 << 31

    private func add(folder: [UInt8], hasSlash: Bool, name: [UInt8]) -> UInt32 {
        var f: UInt32
        if let known = folderNumbers[folder] { f = known } else {
            f = UInt32(folders.count)
            folders.append(folder)
            prefixes.append(folder + [0x2F])
            folderNumbers[folder] = f
        }
        if !hasSlash { f |= Self.noSlash }
        let c = DigitPacking.room(for: DigitPacking.maxPacked(name.count), in: &names, chunkSize: Self.chunkSize)
        let start = names[c].count
        name.withUnsafeBufferPointer { DigitPacking.pack($0, into: &names[c]) }
        // names longer than any file system allows are cut to what an entry holds; such a
        // path is only ever shown (the reader opened the path itself)
        let length = min(names[c].count - start, Int(UInt16.max))
        names[c].removeLast(names[c].count - start - length)
        let entry = Entry(folder: f, start: UInt32(start), chunk: UInt16(clamping: c), length: UInt16(length))
        if ordered, let last = entries.last, compare(last, entry) > 0 { ordered = false }
        entries.append(entry)
        return UInt32(truncatingIfNeeded: entries.count - 1)
    }

    private static let none: [UInt8] = []
    private func prefix(_ e: Entry) -> [UInt8] { e.folder & Self.noSlash != 0 ? Self.none : prefixes[Int(e.folder)] }

    private func pathLocked(_ e: Entry) -> String {
        var bytes = prefix(e)
        withName(e) { _ = DigitPacking.forEachByte($0) { bytes.append($0); return true } }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func withName<R>(_ e: Entry, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        names[Int(e.chunk)].withUnsafeBufferPointer {
            body(UnsafeBufferPointer(rebasing: $0[Int(e.start)..<(Int(e.start) + Int(e.length))]))
        }
    }

    /// Compares two entries' whole paths byte by byte without building them.
    private func compare(_ a: Entry, _ b: Entry) -> Int {
        // the same folder: the names decide
        let same = a.folder == b.folder
        let fa = same ? Self.none : prefix(a), fb = same ? Self.none : prefix(b)
        return withName(a) { na in
            withName(b) { nb in
                var x = PathBytes(folder: fa, name: na), y = PathBytes(folder: fb, name: nb)
                while true {
                    switch (x.next(), y.next()) {
                    case (nil, nil): return 0
                    case (nil, _): return -1
                    case (_, nil): return 1
                    case let (p?, q?): if p != q { return p < q ? -1 : 1 }
                    }
                }
            }
        }
    }

    /// The bytes of one path: its folder with `/`, then its name unpacked.
    private struct PathBytes {
        let folder: [UInt8]
        var k = 0
        var name: DigitPacking.Unpacked
        init(folder: [UInt8], name: UnsafeBufferPointer<UInt8>) { self.folder = folder; self.name = .init(name) }
        mutating func next() -> UInt8? {
            if k < folder.count { k += 1; return folder[k - 1] }
            return name.next()
        }
    }
}
