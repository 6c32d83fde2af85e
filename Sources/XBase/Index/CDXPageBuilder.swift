/// Sorted (key, record) pairs for the page builder: a pull cursor over raw bytes.
protocol SortedEntrySource {
    /// Moves to the next entry; false at the end.
    mutating func advance() throws(CDXError) -> Bool
    /// The current key (`keyLength` bytes), valid until the next `advance()`.
    var keyPointer: UnsafePointer<UInt8> { get }
    var currentRecno: UInt32 { get }
}

extension EntryCursor: SortedEntrySource {
    func advance() throws(CDXError) -> Bool { try next() }
    var keyPointer: UnsafePointer<UInt8> { entry }
    var currentRecno: UInt32 { recno }
}

/// A small in-memory list (the tag directory) as an entry source.
struct KeyListSource: SortedEntrySource {
    let list: KeyList
    private var index = -1
    private var storage: [UInt8]
    init(_ list: KeyList) { self.list = list; storage = list.keyBytes + [0] }
    mutating func advance() throws(CDXError) -> Bool { index += 1; return index < list.count }
    var keyPointer: UnsafePointer<UInt8> {
        storage.withUnsafeBufferPointer { $0.baseAddress! + index * list.keyLength }
    }
    var currentRecno: UInt32 { list.recnos[index] }
}

/// Lays out one tag's sorted keys as FoxPro does: compact leaves filled as far as they go,
/// then interior levels whose entries carry the last key of each child, up to one root.
///
/// Pages are handed to `emit` in file order as soon as they are complete; a leaf is built
/// in place in one reused page buffer, so memory stays at one page plus one entry per leaf
/// whatever the tag's size, and no key is copied into a heap object of its own.
struct CDXPageBuilder {
    let keyLength: Int
    let fill: UInt8
    let dupBits: Int
    let recnoBits: Int
    let entryBytes: Int
    let style: LeafStyle
    /// Offset of the first page this tag may use; pages follow each other from there.
    private(set) var nextOffset: Int

    /// Entry widths from `LeafWidths` (FoxPro's choice for this key length and table size).
    init(keyLength: Int, fill: UInt8, maxRecno: Int, firstOffset: Int, style: LeafStyle = LeafStyle()) {
        self.keyLength = keyLength
        self.style = style
        self.fill = fill
        (dupBits, recnoBits, entryBytes) = LeafWidths.of(keyLength: keyLength, maxRecno: maxRecno)
        nextOffset = firstOffset
    }

    typealias Emit = (Int, UnsafeRawBufferPointer) throws(CDXError) -> Void

    /// Writes every page of the tag through `emit(offset, page)` and returns the root offset.
    mutating func build(_ keys: KeyList, emit: Emit) throws(CDXError) -> Int {
        var source = KeyListSource(keys)
        return try build(&source, emit: emit)
    }

    mutating func build<S: SortedEntrySource>(_ keys: inout S, emit: Emit) throws(CDXError) -> Int {
        let page = UnsafeMutableRawPointer.allocate(byteCount: CDXNode.pageSize, alignment: 8)
        defer { page.deallocate() }
        var level = try buildLeaves(&keys, page: page, emit: emit)
        let perInterior = (CDXNode.pageSize - 12) / (keyLength + 8)
        while level.count > 1 {
            var parents = ChildList(keyLength: keyLength)
            let groups = (level.count + perInterior - 1) / perInterior
            let first = nextOffset
            for g in 0..<groups {
                let offset = first + g * CDXNode.pageSize
                let lo = g * perInterior, hi = min(lo + perInterior, level.count)
                page.initializeMemory(as: UInt8.self, repeating: 0, count: CDXNode.pageSize)
                page.storeBytes(of: UInt16(groups == 1 ? 1 : 0).littleEndian, toByteOffset: 0, as: UInt16.self)
                page.storeBytes(of: UInt16(hi - lo).littleEndian, toByteOffset: 2, as: UInt16.self)
                page.storeBytes(of: (g == 0 ? UInt32.max : UInt32(offset - CDXNode.pageSize)).littleEndian, toByteOffset: 4, as: UInt32.self)
                page.storeBytes(of: (g == groups - 1 ? UInt32.max : UInt32(offset + CDXNode.pageSize)).littleEndian, toByteOffset: 8, as: UInt32.self)
                for c in lo..<hi {
                    let p = 12 + (c - lo) * (keyLength + 8)
                    level.withKey(c) { (page + p).copyMemory(from: $0, byteCount: keyLength) }
                    page.storeBytes(of: level.recnos[c].bigEndian, toByteOffset: p + keyLength, as: UInt32.self)
                    page.storeBytes(of: UInt32(level.offsets[c]).bigEndian, toByteOffset: p + keyLength + 4, as: UInt32.self)
                }
                try emit(offset, UnsafeRawBufferPointer(start: page, count: CDXNode.pageSize))
                level.withKey(hi - 1) { parents.append(key: $0, recno: level.recnos[hi - 1], offset: offset) }
            }
            nextOffset = first + groups * CDXNode.pageSize
            level = parents
        }
        return level.offsets[0]
    }

    private mutating func buildLeaves<S: SortedEntrySource>(_ keys: inout S, page: UnsafeMutableRawPointer,
                                                            emit: Emit) throws(CDXError) -> ChildList {
        var children = ChildList(keyLength: keyLength)
        var leaf = LeafWriter(builder: self, page: page)
        defer { leaf.release() }
        var offset = nextOffset
        var left = -1
        while try keys.advance() {
            let k = keys.keyPointer, r = keys.currentRecno
            if leaf.add(k, recno: r) { continue }
            // Full: it has a right neighbour now, so it can go out.
            try emit(offset, leaf.finish(attribute: 2, left: left, right: offset + CDXNode.pageSize))
            children.append(key: leaf.lastKey, recno: leaf.lastRecno, offset: offset)
            left = offset
            offset += CDXNode.pageSize
            leaf.reset()
            _ = leaf.add(k, recno: r)
        }
        try emit(offset, leaf.finish(attribute: children.count == 0 ? 3 : 2, left: left, right: -1))
        children.append(key: leaf.lastKey, recno: leaf.lastRecno, offset: offset)
        nextOffset = offset + CDXNode.pageSize
        return children
    }
}

/// The last (key, record) of each page of one level and the page's offset, keys back to
/// back in one array.
struct ChildList {
    let keyLength: Int
    private(set) var keys: [UInt8] = []
    private(set) var recnos: [UInt32] = []
    private(set) var offsets: [Int] = []
    init(keyLength: Int) { self.keyLength = keyLength }
    var count: Int { offsets.count }

    mutating func append(key: UnsafePointer<UInt8>, recno: UInt32, offset: Int) {
        keys.append(contentsOf: UnsafeBufferPointer(start: key, count: keyLength))
        recnos.append(recno); offsets.append(offset)
    }

    func withKey(_ i: Int, _ body: (UnsafePointer<UInt8>) -> Void) {
        keys.withUnsafeBufferPointer { body($0.baseAddress! + i * keyLength) }
    }
}

/// One compact leaf being filled in place: entries grow from byte 24, key remainders grow
/// backwards from the page end (the first key's bytes are the last ones).
struct LeafWriter {
    let keyLength: Int, fill: UInt8, dupBits: Int, recnoBits: Int, entryBytes: Int
    let style: LeafStyle
    let page: UnsafeMutableRawPointer
    let lastKey: UnsafeMutablePointer<UInt8>
    private(set) var lastRecno: UInt32 = 0
    private var lastTrail = 0
    private var count = 0
    private var keyEnd = CDXNode.pageSize

    init(builder b: CDXPageBuilder, page: UnsafeMutableRawPointer) {
        keyLength = b.keyLength; fill = b.fill; dupBits = b.dupBits; recnoBits = b.recnoBits; entryBytes = b.entryBytes
        style = b.style
        self.page = page
        lastKey = .allocate(capacity: max(1, b.keyLength))
        lastKey.initialize(repeating: 0, count: max(1, b.keyLength))
        reset()
    }

    func release() { lastKey.deallocate() }

    mutating func reset() {
        page.initializeMemory(as: UInt8.self, repeating: 0, count: CDXNode.pageSize)
        count = 0
        keyEnd = CDXNode.pageSize
    }

    /// Adds a key when it fits, compressing it as `style` says.
    @inline(__always)
    mutating func add(_ key: UnsafePointer<UInt8>, recno: UInt32) -> Bool {
        var trail = 0
        if style.compressesTrailing {
            while trail < keyLength, key[keyLength - 1 - trail] == fill { trail += 1 }
        }
        var dup = 0
        if count > 0 {
            let limit = style.sharesIntoTrailing ? keyLength : keyLength - lastTrail
            while dup < limit, lastKey[dup] == key[dup] { dup += 1 }
        }
        dup = min(dup, keyLength - trail)
        let keep = keyLength - dup - trail
        let entryAt = CDXLeafNode.headerSize + count * entryBytes
        guard entryAt + entryBytes + keep <= keyEnd else { return false }
        var value = UInt64(recno) | UInt64(dup) << UInt64(recnoBits) | UInt64(trail) << UInt64(recnoBits + dupBits)
        for k in 0..<entryBytes {
            page.storeBytes(of: UInt8(truncatingIfNeeded: value), toByteOffset: entryAt + k, as: UInt8.self)
            value >>= 8
        }
        keyEnd -= keep
        if keep > 0 { (page + keyEnd).copyMemory(from: key + dup, byteCount: keep) }
        lastKey.update(from: key, count: keyLength)
        lastRecno = recno; lastTrail = trail
        count += 1
        return true
    }

    /// Fills in the header and returns the finished page (valid until the next `reset`).
    func finish(attribute: Int, left: Int, right: Int) -> UnsafeRawBufferPointer {
        let used = count * entryBytes + (CDXNode.pageSize - keyEnd)
        page.storeBytes(of: UInt16(attribute).littleEndian, toByteOffset: 0, as: UInt16.self)
        page.storeBytes(of: UInt16(count).littleEndian, toByteOffset: 2, as: UInt16.self)
        page.storeBytes(of: UInt32(bitPattern: Int32(left)).littleEndian, toByteOffset: 4, as: UInt32.self)
        page.storeBytes(of: UInt32(bitPattern: Int32(right)).littleEndian, toByteOffset: 8, as: UInt32.self)
        page.storeBytes(of: UInt16(CDXLeafNode.area - used).littleEndian, toByteOffset: 12, as: UInt16.self)
        page.storeBytes(of: UInt32((UInt64(1) << UInt64(recnoBits)) - 1).littleEndian, toByteOffset: 14, as: UInt32.self)
        let countMask = UInt8((1 << dupBits) - 1)
        page.storeBytes(of: countMask, toByteOffset: 18, as: UInt8.self)
        page.storeBytes(of: countMask, toByteOffset: 19, as: UInt8.self)
        page.storeBytes(of: UInt8(recnoBits), toByteOffset: 20, as: UInt8.self)
        page.storeBytes(of: UInt8(dupBits), toByteOffset: 21, as: UInt8.self)
        page.storeBytes(of: UInt8(dupBits), toByteOffset: 22, as: UInt8.self)
        page.storeBytes(of: UInt8(entryBytes), toByteOffset: 23, as: UInt8.self)
        return UnsafeRawBufferPointer(start: page, count: CDXNode.pageSize)
    }
}

/// How a writer compresses leaf keys. Writers differ and readers accept both, but matching
/// the original keeps a rebuilt file byte-comparable with it, even through readers that
/// have quirks (XBase::Index reads blanks shared from a trimmed tail as NULs).
struct LeafStyle: Sendable, Equatable {
    /// Trailing fill bytes are counted, not stored (CodeBase/FoxPro store them in FOR tags).
    var compressesTrailing = true
    /// The duplicate count may reach into the previous key's trimmed tail (Harbour does).
    var sharesIntoTrailing = false

    /// Reads the style off an existing tag; falls back to the default when it cannot.
    static func of(_ tag: CDXTagHeader, in file: CDXFile, fill: UInt8) -> LeafStyle {
        var sawTrail = false, sawStoredFill = false, sawShare = false
        do {
            try file.forEachLeaf(of: tag, fill: fill) { leaf in
                for i in 0..<leaf.count {
                    if leaf.trails[i] > 0 { sawTrail = true }
                    if leaf.trails[i] == 0, leaf.key(i).last == fill { sawStoredFill = true }
                    if i > 0, Int(leaf.dups[i]) > leaf.keyLength - Int(leaf.trails[i - 1]) { sawShare = true }
                }
            }
        } catch {
            return LeafStyle()
        }
        return LeafStyle(compressesTrailing: sawTrail || !sawStoredFill, sharesIntoTrailing: sawShare)
    }
}

/// How wide a compact leaf's entries are, as FoxPro chooses: duplicate and trailing counts
/// get the bits of the key length, the record number the rest of the smallest entry size
/// (2–8 bytes) that holds the highest record number.
enum LeafWidths {
    static func of(keyLength: Int, maxRecno: Int) -> (dupBits: Int, recnoBits: Int, entryBytes: Int) {
        let dupBits = CDXBytes.bitWidth(keyLength)
        let needed = CDXBytes.bitWidth(max(1, maxRecno)) + 2 * dupBits
        let entryBytes = min(8, max(2, (needed + 7) / 8))
        return (dupBits, min(32, entryBytes * 8 - 2 * dupBits), entryBytes)
    }
}
