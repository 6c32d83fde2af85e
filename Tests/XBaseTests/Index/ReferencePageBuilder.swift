@testable import XBase

// The page builder as it was before leaves were built in place (per-leaf arrays, one
// `[UInt8]` per page), kept verbatim as the reference the fast builder is tested against.

/// Lays out one tag's sorted keys as FoxPro does: compact leaves filled as far as they go,
/// then interior levels whose entries carry the last key of each child, up to one root.
///
/// Pages are handed to `emit` in file order as soon as they are complete, so memory stays
/// at one leaf plus one entry per leaf, whatever the tag's size.
struct ReferencePageBuilder {
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

    struct Child { var key: [UInt8]; var recno: UInt32; var offset: Int }

    /// Writes every page of the tag through `emit(offset, page)` and returns the root offset.
    mutating func build(_ keys: KeyList, emit: (Int, [UInt8]) throws(CDXError) -> Void) throws(CDXError) -> Int {
        var level = try buildLeaves(keys, emit: emit)
        let perInterior = (CDXNode.pageSize - 12) / (keyLength + 8)
        while level.count > 1 {
            var parents: [Child] = []
            let groups = stride(from: 0, to: level.count, by: perInterior).map { Array(level[$0..<min($0 + perInterior, level.count)]) }
            let first = nextOffset
            for (g, group) in groups.enumerated() {
                let offset = first + g * CDXNode.pageSize
                var page = [UInt8](repeating: 0, count: CDXNode.pageSize)
                CDXBytes.put16le(groups.count == 1 ? 1 : 0, into: &page, at: 0)
                CDXBytes.put16le(group.count, into: &page, at: 2)
                CDXBytes.put32le(g == 0 ? UInt32.max : UInt32(offset - CDXNode.pageSize), into: &page, at: 4)
                CDXBytes.put32le(g == groups.count - 1 ? UInt32.max : UInt32(offset + CDXNode.pageSize), into: &page, at: 8)
                for (i, c) in group.enumerated() {
                    let p = 12 + i * (keyLength + 8)
                    page.replaceSubrange(p..<(p + keyLength), with: c.key)
                    CDXBytes.put32be(c.recno, into: &page, at: p + keyLength)
                    CDXBytes.put32be(UInt32(c.offset), into: &page, at: p + keyLength + 4)
                }
                try emit(offset, page)
                parents.append(Child(key: group.last!.key, recno: group.last!.recno, offset: offset))
            }
            nextOffset = first + groups.count * CDXNode.pageSize
            level = parents
        }
        return level[0].offset
    }

    private mutating func buildLeaves(_ keys: KeyList, emit: (Int, [UInt8]) throws(CDXError) -> Void) throws(CDXError) -> [Child] {
        var children: [Child] = []
        var leaf = ReferenceLeafPage(builder: self)
        var pending: (offset: Int, page: ReferenceLeafPage)?
        // A leaf is only written once the next one exists, because it must point right.
        func flush(rightOf: Int?, isOnly: Bool) throws(CDXError) {
            guard let p = pending else { return }
            try emit(p.offset, p.page.bytes(attribute: isOnly ? 3 : 2, left: p.page.left, right: rightOf ?? -1))
            children.append(Child(key: p.page.lastKey, recno: p.page.lastRecno, offset: p.offset))
        }
        var offset = nextOffset
        leaf.left = -1
        let template = self
        for i in 0..<keys.count {
            let k = keys.key(i), recno = keys.recnos[i]
            if !leaf.add(k, recno: recno) {
                if pending != nil { try flush(rightOf: offset, isOnly: false) }
                pending = (offset, leaf)
                let newLeaf = ReferenceLeafPage(builder: template, left: offset)
                offset += CDXNode.pageSize
                leaf = newLeaf
                _ = leaf.add(k, recno: recno)
            }
        }
        if pending != nil { try flush(rightOf: offset, isOnly: false) }
        pending = (offset, leaf)
        try flush(rightOf: nil, isOnly: children.isEmpty)
        nextOffset = offset + CDXNode.pageSize
        return children
    }
}

/// One compact leaf being filled.
struct ReferenceLeafPage {
    let keyLength: Int, fill: UInt8, dupBits: Int, recnoBits: Int, entryBytes: Int
    let style: LeafStyle
    var lastTrail = 0
    var left: Int
    var entries: [UInt64] = []
    /// Stored key remainders in order; written backwards from the page end.
    var stored: [UInt8] = []
    var lastKey: [UInt8]
    var lastRecno: UInt32 = 0

    init(builder b: ReferencePageBuilder, left: Int = -1) {
        keyLength = b.keyLength; fill = b.fill; dupBits = b.dupBits; recnoBits = b.recnoBits; entryBytes = b.entryBytes
        style = b.style
        self.left = left
        lastKey = [UInt8](repeating: 0, count: b.keyLength)
    }

    var used: Int { entries.count * entryBytes + stored.count }

    /// Adds a key when it fits, compressing it as `style` says.
    mutating func add(_ key: ArraySlice<UInt8>, recno: UInt32) -> Bool {
        var trail = 0
        if style.compressesTrailing {
            while trail < keyLength, key[key.endIndex - 1 - trail] == fill { trail += 1 }
        }
        var dup = 0
        if !entries.isEmpty {
            let limit = style.sharesIntoTrailing ? keyLength : keyLength - lastTrail
            while dup < limit, lastKey[dup] == key[key.startIndex + dup] { dup += 1 }
        }
        dup = min(dup, keyLength - trail)
        let keep = keyLength - dup - trail
        guard used + entryBytes + keep <= CDXLeafNode.area else { return false }
        let value = UInt64(recno) | UInt64(dup) << UInt64(recnoBits) | UInt64(trail) << UInt64(recnoBits + dupBits)
        entries.append(value)
        stored.append(contentsOf: key[(key.startIndex + dup)..<(key.startIndex + dup + keep)])
        for k in 0..<keyLength { lastKey[k] = key[key.startIndex + k] }
        lastRecno = recno; lastTrail = trail
        return true
    }

    func bytes(attribute: Int, left: Int, right: Int) -> [UInt8] {
        var page = [UInt8](repeating: 0, count: CDXNode.pageSize)
        CDXBytes.put16le(attribute, into: &page, at: 0)
        CDXBytes.put16le(entries.count, into: &page, at: 2)
        CDXBytes.put32le(UInt32(bitPattern: Int32(left)), into: &page, at: 4)
        CDXBytes.put32le(UInt32(bitPattern: Int32(right)), into: &page, at: 8)
        CDXBytes.put16le(CDXLeafNode.area - used, into: &page, at: 12)
        CDXBytes.put32le(UInt32((UInt64(1) << UInt64(recnoBits)) - 1), into: &page, at: 14)
        page[18] = UInt8((1 << dupBits) - 1)
        page[19] = UInt8((1 << dupBits) - 1)
        page[20] = UInt8(recnoBits); page[21] = UInt8(dupBits); page[22] = UInt8(dupBits); page[23] = UInt8(entryBytes)
        for (i, v) in entries.enumerated() {
            for k in 0..<entryBytes { page[24 + i * entryBytes + k] = UInt8(truncatingIfNeeded: v >> UInt64(8 * k)) }
        }
        // Remainders go backwards from the end: the first key's bytes are the last ones.
        var end = CDXNode.pageSize
        var p = 0
        for v in entries {
            let dup = Int((v >> UInt64(recnoBits)) & UInt64((1 << dupBits) - 1))
            let trail = Int((v >> UInt64(recnoBits + dupBits)) & UInt64((1 << dupBits) - 1))
            let keep = keyLength - dup - trail
            end -= keep
            page.replaceSubrange(end..<(end + keep), with: stored[p..<(p + keep)])
            p += keep
        }
        return page
    }
}

