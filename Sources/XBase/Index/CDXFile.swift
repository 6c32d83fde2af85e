import ResgateLocale
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One (key, record number) pair of a tag, in index order.
public struct CDXEntry: Sendable, Hashable, CustomStringConvertible {
    public var key: [UInt8]
    public var recno: UInt32
    public init(key: [UInt8], recno: UInt32) { self.key = key; self.recno = recno }
    public var description: String { "\(recno):" + key.map { b in b >= 0x20 && b < 0x7F ? String(UnicodeScalar(b)) : "\\x" + String(b, radix: 16) }.joined() }
}

/// A CDX (compound, or a lone compact) index file opened for reading.
///
/// Pages are read on demand with `pread`, so walking a big index needs one page of memory
/// per tree level, not the whole file.
public final class CDXFile: @unchecked Sendable {
    public let path: String
    public let fileSize: Int
    /// The header at offset 0: the tag directory of a compound file, or the only tag.
    public let directory: CDXTagHeader
    public var isCompound: Bool { directory.options.contains(.compound) }
    /// Harbour's DBFCDX signs the file header ("RCHB" at byte 20); VFP leaves it zero.
    /// Harbour keys a DateTime to the millisecond, VFP to the second (`KeyRules`).
    public var isHarbourWritten: Bool { directory.raw.count >= 24 && directory.raw[20..<24].elementsEqual([0x52, 0x43, 0x48, 0x42]) }
    /// The key rules of the engine that wrote this file.
    public var keyRules: KeyRules { isHarbourWritten ? .harbour : .visualFoxPro }
    /// Every tag, in the order of their headers in the file (the order they were created).
    public private(set) var tags: [CDXTagHeader]
    private let fd: Int32

    private init(path: String, fd: Int32, fileSize: Int, directory: CDXTagHeader, tags: [CDXTagHeader]) {
        self.path = path; self.fd = fd; self.fileSize = fileSize
        self.directory = directory; self.tags = tags
    }
    deinit { close(fd) }

    public static func open(path: String) throws(CDXError) -> CDXFile {
        let fd = Glibc.open(path, O_RDONLY)
        guard fd >= 0 else { throw .cannotOpen(file: path, reason: .lastError) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { close(fd); throw .io(file: path, reason: .lastError) }
        let size = Int(st.st_size)
        let directory: CDXTagHeader
        do throws(CDXError) {
            let headBytes = try readBytes(fd: fd, at: 0, count: CDXTagHeader.size, file: path)
            guard size >= CDXTagHeader.size + CDXNode.pageSize, headBytes.count == CDXTagHeader.size else {
                throw CDXError.malformed(file: path, tag: nil, offset: 0, reason: .fileTooShort(bytes: Int(size)))
            }
            let baseName = String(path.split(separator: "/").last ?? "").split(separator: ".").first.map(String.init) ?? "INDEX"
            directory = try CDXTagHeader.parse(headBytes, name: baseName.uppercased(), offset: 0, file: path)
        } catch {
            close(fd)
            throw error
        }
        // From here on the object owns the descriptor and closes it when released.
        let file = CDXFile(path: path, fd: fd, fileSize: size, directory: directory, tags: [directory])
        if directory.options.contains(.compound) { file.tags = try file.readDirectory() }
        return file
    }

    /// The tag directory is itself a little index: keys are tag names, record numbers are
    /// the byte offsets of the tag headers.
    private func readDirectory() throws(CDXError) -> [CDXTagHeader] {
        guard directory.keyLength == 10 else {
            throw .malformed(file: path, tag: nil, offset: 0, reason: .directoryKeyLength(Int(directory.keyLength)))
        }
        var tags: [CDXTagHeader] = []
        var seen = Set<Int>()
        try forEachEntry(of: directory, fill: 0x20) { (key: ArraySlice<UInt8>, recno: UInt32) throws(CDXError) in
            let offset = Int(recno)
            let name = latin1String(key.prefix { $0 != 0 }).cdxTrimmed
            guard offset >= 512, offset + CDXTagHeader.size <= fileSize, seen.insert(offset).inserted else {
                throw .malformed(file: path, tag: name, offset: 0, reason: .tagOutsideFile(tag: name, offset: Int(offset)))
            }
            let raw = try Self.readBytes(fd: fd, at: offset, count: CDXTagHeader.size, file: path)
            tags.append(try CDXTagHeader.parse(raw, name: name, offset: offset, file: path))
        }
        return tags.sorted { $0.offset < $1.offset }
    }


    public func tag(named name: String) -> CDXTagHeader? {
        tags.first { $0.name.uppercased() == name.uppercased() }
    }

    static func readBytes(fd: Int32, at offset: Int, count: Int, file: String) throws(CDXError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if n < 0 { throw .io(file: file, reason: .lastError) }
            if n == 0 { break }
            done += n
        }
        if done < count { buffer.removeLast(count - done) }
        return buffer
    }

    func node(at offset: Int, of tag: CDXTagHeader, fill: UInt8) throws(CDXError) -> CDXNode {
        guard offset >= 512, offset % 512 == 0, offset + CDXNode.pageSize <= fileSize else {
            throw .malformed(file: path, tag: tag.name, offset: offset, reason: .nodePointer(offset: Int(offset), fileSize: Int(fileSize)))
        }
        let page = try Self.readBytes(fd: fd, at: offset, count: CDXNode.pageSize, file: path)
        return try CDXNode.decode(page, offset: offset, keyLength: tag.keyLength, fill: fill, file: path, tag: tag.name)
    }

    /// Calls `body` with every (key, record number) of `tag` in index order, checking the
    /// tree as it goes: every page a real page, no cycles, each interior entry equal to the
    /// last key of its child, and the sibling links matching the tree order.
    ///
    /// `fill` is the byte a leaf's trailing count stands for: 0x20 for character keys, 0x00
    /// for numeric, date and other binary keys (see `KeyKind.fill`).
    public func forEachEntry(of tag: CDXTagHeader, fill: UInt8,
                             _ body: (ArraySlice<UInt8>, UInt32) throws(CDXError) -> Void) throws(CDXError) {
        var walker = TreeWalker(file: self, tag: tag, fill: fill)
        try walker.walk(tag.rootOffset, depth: 0, expectedLast: nil, parentIsNone: true) { leaf throws(CDXError) in
            for i in 0..<leaf.count { try body(leaf.key(i), leaf.recnos[i]) }
        }
        try walker.finish()
    }

    /// `forEachEntry` with the key as a pointer to `tag.keyLength` bytes (valid during the
    /// call): no slice, no reference counting per entry, for the verifier's long walks.
    func forEachEntryRaw(of tag: CDXTagHeader, fill: UInt8,
                         _ body: (UnsafePointer<UInt8>, UInt32) throws(CDXError) -> Void) throws(CDXError) {
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, CDXNode.pageSize * max(1, tag.keyLength)))
        defer { scratch.deallocate() }
        var walker = TreeWalker(file: self, tag: tag, fill: fill)
        try walker.walk(tag.rootOffset, depth: 0, expectedLast: nil, parentIsNone: true) { leaf throws(CDXError) in
            let len = leaf.keyLength
            leaf.keyBytes.withUnsafeBufferPointer { scratch.update(from: $0.baseAddress!, count: $0.count) }
            for i in 0..<leaf.count { try body(scratch + i * len, leaf.recnos[i]) }
        }
        try walker.finish()
    }

    /// Calls `visit` with every leaf of `tag` in order, with the same checks as `forEachEntry`.
    func forEachLeaf(of tag: CDXTagHeader, fill: UInt8, _ visit: (CDXLeafNode) throws(CDXError) -> Void) throws(CDXError) {
        var walker = TreeWalker(file: self, tag: tag, fill: fill)
        try walker.walk(tag.rootOffset, depth: 0, expectedLast: nil, parentIsNone: true, leaf: visit)
        try walker.finish()
    }

    /// Every entry of `tag`, for tests and small tags. Prefer `forEachEntry` on big ones.
    public func entries(of tag: CDXTagHeader, fill: UInt8) throws(CDXError) -> [CDXEntry] {
        var out: [CDXEntry] = []
        try forEachEntry(of: tag, fill: fill) { k, r in out.append(CDXEntry(key: Array(k), recno: r)) }
        return out
    }

    /// The first entry whose key, cut to the length of `key`, is ≥ `key` (FoxPro's SEEK with
    /// SET EXACT OFF and SET NEAR ON); `found` says whether its prefix equals `key`.
    /// Only meaningful for byte-ordered (MACHINE) tags.
    public func seek(_ key: [UInt8], in tag: CDXTagHeader, fill: UInt8) throws(CDXError) -> (entry: CDXEntry, found: Bool)? {
        var offset = tag.rootOffset
        for _ in 0..<32 {
            switch try node(at: offset, of: tag, fill: fill) {
            case .interior(let n):
                guard let e = n.entries.first(where: { !prefixLess($0.key[...], key) }) else { return nil }
                offset = e.child
            case .leaf(let n):
                for i in 0..<n.count where !prefixLess(n.key(i), key) {
                    let k = n.key(i)
                    return (CDXEntry(key: Array(k), recno: n.recnos[i]), k.prefix(key.count).elementsEqual(key))
                }
                return nil
            }
        }
        throw .malformed(file: path, tag: tag.name, offset: offset, reason: .treeTooDeep)
    }

    private func prefixLess(_ a: ArraySlice<UInt8>, _ key: [UInt8]) -> Bool {
        a.prefix(key.count).lexicographicallyPrecedes(key)
    }
}

/// Depth-first walk of one tag's tree with the structural checks `forEachEntry` promises.
struct TreeWalker {
    let file: CDXFile
    let tag: CDXTagHeader
    let fill: UInt8
    /// Pages already walked, one bit per 512-byte page of the file: a page reached twice is
    /// a cycle. A bitmap (1/4096 of the file) rather than a set of offsets, whose memory
    /// grew with the tree (2 MiB and more a tag at 10 million records).
    var visited: [UInt64]
    var previousLeaf: Int = -1
    var previousRight: Int = -1
    /// Per tree depth, the last interior page seen and its right link.
    var previousInterior: [Int: (offset: Int, right: Int)] = [:]

    init(file: CDXFile, tag: CDXTagHeader, fill: UInt8) {
        self.file = file; self.tag = tag; self.fill = fill
        visited = [UInt64](repeating: 0, count: max(0, file.fileSize) / CDXNode.pageSize / 64 + 1)
    }

    /// Marks the page at `offset` walked; false when it was already. An offset that is not
    /// a page of the file is left to `CDXFile.node(at:)`, which refuses it.
    mutating func firstVisit(_ offset: Int) -> Bool {
        guard offset >= 0, offset % CDXNode.pageSize == 0 else { return true }
        let page = offset / CDXNode.pageSize
        guard page / 64 < visited.count else { return true }
        let bit: UInt64 = 1 << UInt64(page % 64)
        if visited[page / 64] & bit != 0 { return false }
        visited[page / 64] |= bit
        return true
    }

    func bad(_ offset: Int, _ reason: IndexReason) -> CDXError {
        .malformed(file: file.path, tag: tag.name, offset: offset, reason: reason)
    }

    /// The last page of every level must end the sibling chain.
    func finish() throws(CDXError) {
        if previousLeaf != -1, previousRight != -1 { throw bad(previousLeaf, .lastLeafRightLink(previousRight)) }
        for (_, last) in previousInterior where last.right != -1 {
            throw bad(last.offset, .lastInteriorRightLink(last.right))
        }
    }

    /// Walks the subtree at `offset`; returns its last (key, recno) for the parent's check.
    @discardableResult
    mutating func walk(_ offset: Int, depth: Int, expectedLast: (ArraySlice<UInt8>, UInt32)?, parentIsNone: Bool,
                       leaf visit: (CDXLeafNode) throws(CDXError) -> Void) throws(CDXError) -> ([UInt8], UInt32)? {
        guard depth < 32 else { throw bad(offset, .treeTooDeep) }
        guard firstVisit(offset) else { throw bad(offset, .cycle) }
        let node = try file.node(at: offset, of: tag, fill: fill)
        if parentIsNone != node.isRoot { throw bad(offset, parentIsNone ? .rootNotMarked : .innerMarkedRoot) }
        var last: ([UInt8], UInt32)?
        switch node {
        case .interior(let n):
            guard !n.entries.isEmpty else { throw bad(offset, .interiorEmpty) }
            let before = previousInterior[depth]
            if n.left != (before?.offset ?? -1) { throw bad(offset, .interiorLeftLink(n.left, expected: before?.offset ?? -1)) }
            if let before, before.right != offset { throw bad(before.offset, .interiorRightLink(before.right, next: offset)) }
            previousInterior[depth] = (offset, n.right)
            for e in n.entries {
                let childLast = try walk(e.child, depth: depth + 1, expectedLast: (e.key[...], e.recno), parentIsNone: false, leaf: visit)
                last = childLast ?? (e.key, e.recno)
            }
        case .leaf(let n):
            if n.usedBytes + n.freeSpace != CDXLeafNode.area {
                throw bad(offset, .leafFreeSpace(says: Int(n.freeSpace), leaves: CDXLeafNode.area - n.usedBytes))
            }
            if n.left != previousLeaf { throw bad(offset, .leafLeftLink(n.left, previous: previousLeaf)) }
            if previousLeaf != -1, previousRight != offset {
                throw bad(previousLeaf, .leafRightLink(previousRight, next: offset))
            }
            previousLeaf = offset
            previousRight = n.right
            try visit(n)
            if n.count > 0 { last = (Array(n.key(n.count - 1)), n.recnos[n.count - 1]) }
        }
        if let (k, r) = expectedLast {
            guard let (lk, lr) = last, lk.elementsEqual(k), lr == r else {
                throw bad(offset, .parentKey)
            }
        }
        return last
    }
}

extension CDXFile {
    /// The structural index beside a table: same folder and base name, extension `.cdx` in
    /// any letter case (`VENDAS.DBF` → `VENDAS.CDX` or `vendas.cdx`); nil when there is none.
    public static func structuralPath(forTable tablePath: String) -> String? {
        let slash = tablePath.lastIndex(of: "/")
        let folder = slash.map { String(tablePath[..<$0]) } ?? "."
        let file = slash.map { String(tablePath[tablePath.index(after: $0)...]) } ?? tablePath
        let stem = file.lastIndex(of: ".").map { String(file[..<$0]) } ?? file
        guard let dir = opendir(folder) else { return nil }
        defer { closedir(dir) }
        let wanted = (stem + ".cdx").lowercased()
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.lowercased() == wanted { return slash == nil ? name : folder + "/" + name }
        }
        return nil
    }
}
