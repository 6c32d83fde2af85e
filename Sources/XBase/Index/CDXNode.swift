import ResgateLocale
/// One 512-byte tree page of a tag, decoded.
///
/// Interior pages hold full keys with big-endian record numbers and child offsets; leaf
/// pages hold compressed keys whose bit widths are given per page (VFP picks the smallest
/// widths for each page, so a reader must honour them rather than assume one layout).
enum CDXNode {
    case interior(CDXInteriorNode)
    case leaf(CDXLeafNode)

    static let pageSize = 512

    var left: Int { switch self { case .interior(let n): n.left; case .leaf(let n): n.left } }
    var right: Int { switch self { case .interior(let n): n.right; case .leaf(let n): n.right } }
    var isRoot: Bool { switch self { case .interior(let n): n.attribute & 1 != 0; case .leaf(let n): n.attribute & 1 != 0 } }

    /// Decodes a page. `fill` is the byte that trailing-count bytes stand for (space for
    /// character keys, 0x00 for binary ones). Throws a specific reason when the page does
    /// not make sense, so that a corrupt file never crashes the reader.
    static func decode(_ page: [UInt8], offset: Int, keyLength: Int, fill: UInt8,
                       file: String, tag: String) throws(CDXError) -> CDXNode {
        func bad(_ reason: IndexReason) -> CDXError { .malformed(file: file, tag: tag, offset: offset, reason: reason) }
        guard page.count == pageSize else { throw bad(.pageCut(bytes: page.count)) }
        guard keyLength > 0, keyLength <= 240 else { throw bad(.keyLengthImpossible(keyLength)) }
        let attribute = Int(page[0]) | Int(page[1]) << 8
        let count = Int(page[2]) | Int(page[3]) << 8
        let left = page.withUnsafeBytes { Int(Int32(bitPattern: CDXBytes.u32le($0, 4))) }
        let right = page.withUnsafeBytes { Int(Int32(bitPattern: CDXBytes.u32le($0, 8))) }
        // Bit 0 marks the root, bit 1 a leaf; VFP also sets bit 2 (seen as 7 on root
        // leaves of VFP 9 files), which changes nothing for reading.
        guard attribute <= 7 else { throw bad(.notANodeType(attribute: Int(attribute))) }
        switch attribute & 3 {
        case 0, 1:
            let entrySize = keyLength + 8
            guard count <= (pageSize - 12) / entrySize else { throw bad(.interiorCount(keys: Int(count), room: (pageSize - 12) / entrySize)) }
            var entries: [CDXInteriorNode.Entry] = []
            entries.reserveCapacity(count)
            page.withUnsafeBytes { b in
                for i in 0..<count {
                    let p = 12 + i * entrySize
                    entries.append(.init(key: Array(b[p..<(p + keyLength)]),
                                         recno: CDXBytes.u32be(b, p + keyLength),
                                         child: Int(CDXBytes.u32be(b, p + keyLength + 4))))
                }
            }
            return .interior(CDXInteriorNode(attribute: attribute, left: left, right: right, entries: entries))
        case 2, 3:
            return .leaf(try CDXLeafNode.decode(page, attribute: attribute, count: count, left: left, right: right,
                                                keyLength: keyLength, fill: fill, bad: bad))
        default:
            throw bad(.neitherInteriorNorLeaf(attribute: Int(attribute)))
        }
    }
}

struct CDXInteriorNode {
    struct Entry { var key: [UInt8]; var recno: UInt32; var child: Int }
    var attribute: Int
    var left: Int
    var right: Int
    var entries: [Entry]
}

/// A compact leaf: a table of (recno, duplicate count, trailing count) packed in N bytes,
/// and key remainders packed backwards from the end of the page.
struct CDXLeafNode {
    var attribute: Int
    var left: Int
    var right: Int
    var freeSpace: Int
    var recnoBits: Int, dupBits: Int, trailBits: Int, entryBytes: Int
    var keyLength: Int
    /// Full keys, keyLength bytes each, back to back in page order (one buffer per page,
    /// not one per key).
    var keyBytes: [UInt8]
    var recnos: [UInt32]
    /// Per entry: bytes shared with the previous key, and trailing fill bytes not stored.
    var dups: [UInt8]
    var trails: [UInt8]
    /// Bytes the page really uses (entries + key remainders); with `freeSpace` it must add
    /// up to 488.
    var usedBytes: Int

    var count: Int { recnos.count }
    func key(_ i: Int) -> ArraySlice<UInt8> { keyBytes[(i * keyLength)..<((i + 1) * keyLength)] }

    static let headerSize = 24
    static let area = CDXNode.pageSize - headerSize

    static func decode(_ page: [UInt8], attribute: Int, count: Int, left: Int, right: Int,
                       keyLength: Int, fill: UInt8, bad: (IndexReason) -> CDXError) throws(CDXError) -> CDXLeafNode {
        do {
            let b = page
            let free = Int(b[12]) | Int(b[13]) << 8
            let recMask = UInt64(b[14]) | UInt64(b[15]) << 8 | UInt64(b[16]) << 16 | UInt64(b[17]) << 24
            let dupMask = UInt64(b[18]), trailMask = UInt64(b[19])
            let recBits = Int(b[20]), dupBits = Int(b[21]), trailBits = Int(b[22]), n = Int(b[23])
            guard n >= 1, n <= 8, recBits + dupBits + trailBits <= 8 * n, recBits <= 32 else {
                throw bad(.leafWidths(record: Int(recBits), duplicate: Int(dupBits), trailing: Int(trailBits), entryBytes: Int(n)))
            }
            guard recMask == (UInt64(1) << recBits) - 1, dupMask == (UInt64(1) << dupBits) - 1,
                  trailMask == (UInt64(1) << trailBits) - 1 else {
                throw bad(.leafMasks)
            }
            guard count * n <= area else { throw bad(.leafCount(keys: Int(count), bytes: Int(n))) }
            var recnos: [UInt32] = []; recnos.reserveCapacity(count)
            var dups: [UInt8] = [], trails: [UInt8] = []
            dups.reserveCapacity(count); trails.reserveCapacity(count)
            var keyEnd = CDXNode.pageSize
            for i in 0..<count {
                var v: UInt64 = 0
                let p = headerSize + i * n
                for k in 0..<n { v |= UInt64(b[p + k]) << (8 * UInt64(k)) }
                let recno = v & recMask
                let dup = Int((v >> UInt64(recBits)) & dupMask)
                let trail = Int((v >> UInt64(recBits + dupBits)) & trailMask)
                guard dup + trail <= keyLength else {
                    throw bad(.keyCompression(key: i + 1, duplicate: Int(dup), trailing: Int(trail), keyLength: keyLength))
                }
                if i == 0, dup != 0 { throw bad(.firstKeyShares(bytes: Int(dup))) }
                keyEnd -= keyLength - dup - trail
                guard keyEnd >= headerSize + count * n else { throw bad(.keysIntoEntries(key: i + 1)) }
                recnos.append(UInt32(recno))
                dups.append(UInt8(dup)); trails.append(UInt8(trail))
            }
            // Every count is checked: now expand the keys, each from the previous one.
            var keyBytes = [UInt8](repeating: fill, count: count * keyLength)
            keyBytes.withUnsafeMutableBufferPointer { kb in
                b.withUnsafeBufferPointer { page in
                    var end = CDXNode.pageSize
                    for i in 0..<count {
                        let dst = kb.baseAddress! + i * keyLength
                        let dup = Int(dups[i]), stored = keyLength - dup - Int(trails[i])
                        end -= stored
                        if dup > 0 { dst.update(from: dst - keyLength, count: dup) }
                        if stored > 0 { (dst + dup).update(from: page.baseAddress! + end, count: stored) }
                    }
                }
            }
            let used = count * n + (CDXNode.pageSize - keyEnd)
            return CDXLeafNode(attribute: attribute, left: left, right: right, freeSpace: free,
                               recnoBits: recBits, dupBits: dupBits, trailBits: trailBits, entryBytes: n,
                               keyLength: keyLength, keyBytes: keyBytes, recnos: recnos, dups: dups, trails: trails, usedBytes: used)
        }
    }
}
