import ResgateLocale
/// The options byte of a CDX tag header (byte 14).
public struct CDXTagOptions: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let unique = CDXTagOptions(rawValue: 0x01)
    /// VFP sets it on tags whose key has the nullable-column prefix byte.
    public static let nullableKey = CDXTagOptions(rawValue: 0x02)
    /// VFP primary or candidate key.
    public static let candidate = CDXTagOptions(rawValue: 0x04)
    public static let hasFor = CDXTagOptions(rawValue: 0x08)
    public static let compact = CDXTagOptions(rawValue: 0x20)
    public static let compound = CDXTagOptions(rawValue: 0x40)
    public static let structural = CDXTagOptions(rawValue: 0x80)
}

/// One 1024-byte tag header: where the tag's tree starts and how its keys are made.
///
/// The raw bytes are kept so that a rebuild can copy the words we do not interpret
/// (VFP's counters, Harbour's signature) instead of inventing them.
public struct CDXTagHeader: Sendable, Hashable {
    public static let size = 1024

    /// Tag name as listed in the directory (trailing blanks removed).
    public var name: String
    /// Byte offset of this header in the file.
    public var offset: Int
    public var rootOffset: Int
    public var freeListOffset: Int
    public var keyLength: Int
    public var options: CDXTagOptions
    public var signature: UInt8
    /// Word 502. Descending tags still store their keys in ascending order.
    public var isDescending: Bool
    /// Key expression bytes as stored (code-page bytes, normally ASCII).
    public var keyExpression: String
    /// FOR expression, empty when the tag has none.
    public var forExpression: String
    /// A collation name found in the header, when the writer recorded one.
    public var collationName: String?
    public var raw: [UInt8]

    public var isUnique: Bool { options.contains(.unique) }
    public var hasFor: Bool { options.contains(.hasFor) && !forExpression.isEmpty }

    /// Parses a header; `raw` must hold 1024 bytes (fewer only for a truncated file).
    public static func parse(_ raw: [UInt8], name: String, offset: Int, file: String) throws(CDXError) -> CDXTagHeader {
        guard raw.count == size else {
            throw .malformed(file: file, tag: name, offset: offset, reason: .tagHeaderSize(bytes: raw.count))
        }
        return raw.withUnsafeBytes { b in
            let root = Int(Int32(bitPattern: CDXBytes.u32le(b, 0)))
            let free = Int(Int32(bitPattern: CDXBytes.u32le(b, 4)))
            let keyLength = CDXBytes.u16le(b, 12)
            let options = CDXTagOptions(rawValue: b[14])
            let keyPool = CDXBytes.u16le(b, 510)
            let forPool = CDXBytes.u16le(b, 506)
            let pool = Array(b[512..<1024])
            let keyEnd = pool.firstIndex(of: 0) ?? min(pool.count, max(0, keyPool))
            let keyExpr = latin1String(pool[0..<keyEnd])
            var forExpr = ""
            if forPool > 1, keyEnd + 1 < pool.count {
                let rest = pool[(keyEnd + 1)...]
                let forEnd = rest.firstIndex(of: 0) ?? rest.endIndex
                forExpr = latin1String(rest[rest.startIndex..<forEnd])
            }
            return CDXTagHeader(
                name: name, offset: offset, rootOffset: root, freeListOffset: free,
                keyLength: keyLength, options: options, signature: b[15],
                isDescending: CDXBytes.u16le(b, 502) != 0,
                keyExpression: keyExpr.cdxTrimmed, forExpression: forExpr.cdxTrimmed,
                collationName: collation(in: b), raw: raw)
        }
    }

    /// VFP keeps a collation sequence name in the header's language area (0x44, 26 bytes)
    /// on some versions; Harbour leaves it zero. Anything printable there other than
    /// MACHINE is reported, so the caller refuses to trust byte order.
    static func collation(in b: UnsafeRawBufferPointer) -> String? {
        if let named = knownCollation(in: b) { return named }
        let area = b[0x44..<0x5E]
        guard let first = area.first, first >= 0x41, first <= 0x5A else { return nil }
        let end = area.firstIndex(where: { $0 < 0x20 || $0 > 0x7E }) ?? area.endIndex
        let name = latin1String(area[area.startIndex..<end]).cdxTrimmed
        return name.count >= 3 ? name : nil
    }

    /// VFP's collation sequence names (SET COLLATE TO; VFP 9 help, "SET COLLATE").
    static let collationNames = ["MACHINE", "GENERAL", "PINYIN", "STROKE", "DUTCH", "NORDAN", "SPANISH", "SWEFIN",
                                 "UNIQWT", "CZECH", "GREEK", "HUNGARY", "ICELAND", "POLISH", "RUSSIAN", "SLOVAK",
                                 "TURKISH", "KOREAN", "THAI", "HEBREW", "ARABIC", "JAPANESE"]

    /// A VFP collation name anywhere in the header's reserved words (bytes 16–501), as a
    /// whole word: where exactly each VFP version puts it is not published, and a tag
    /// that names one is refused unless that name is MACHINE. A non-MACHINE name wins.
    static func knownCollation(in b: UnsafeRawBufferPointer) -> String? {
        let area = Array(b[16..<min(502, b.count)])
        var found: String? = nil
        for name in collationNames {
            let w = Array(name.utf8)
            var i = 0
            while i + w.count <= area.count {
                if area[i] == w[0], area[i..<(i + w.count)].elementsEqual(w),
                   i == 0 || !isLetter(area[i - 1]), i + w.count == area.count || !isLetter(area[i + w.count]) {
                    if name != "MACHINE" { return name }
                    found = name
                    break
                }
                i += 1
            }
        }
        return found
    }

    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    /// A fresh header for a tag built from scratch, laid out as VFP does (options 0x60 plus
    /// the unique/FOR bits, word 504 = key pool length, 506 FOR pool length, 510 key pool).
    public static func fresh(name: String, keyExpression: String, forExpression: String,
                             keyLength: Int, unique: Bool, descending: Bool,
                             extraOptions: CDXTagOptions = []) -> CDXTagHeader {
        var raw = [UInt8](repeating: 0, count: size)
        var options: CDXTagOptions = [.compact, .compound]
        options.formUnion(extraOptions)
        if unique { options.insert(.unique) }
        if !forExpression.isEmpty { options.insert(.hasFor) }
        CDXBytes.put16le(keyLength, into: &raw, at: 12)
        raw[14] = options.rawValue
        raw[15] = 1
        CDXBytes.put16le(descending ? 1 : 0, into: &raw, at: 502)
        let key = Array(keyExpression.utf8), cond = Array(forExpression.utf8)
        CDXBytes.put16le(key.count + 1, into: &raw, at: 504)
        CDXBytes.put16le(cond.count + 1, into: &raw, at: 506)
        CDXBytes.put16le(key.count + 1, into: &raw, at: 510)
        raw.replaceSubrange(512..<(512 + key.count), with: key)
        let forStart = 512 + key.count + 1
        raw.replaceSubrange(forStart..<(forStart + cond.count), with: cond)
        return CDXTagHeader(name: name.uppercased(), offset: 0, rootOffset: -1, freeListOffset: -1,
                            keyLength: keyLength, options: options, signature: 1,
                            isDescending: descending, keyExpression: keyExpression,
                            forExpression: forExpression, collationName: nil, raw: raw)
    }
}

func latin1String<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    String(bytes.map { Character(Unicode.Scalar($0)) })
}

extension String {
    var cdxTrimmed: String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        while s.first == " " { s.removeFirst() }
        return String(s)
    }
}
