/// A single-byte code page (or UTF-8) with exact byte↔character tables.
///
/// Tables come from `CodePageTables.swift` (generated from Python's codecs, see
/// `scripts/gen_codepages.py`). Every byte decodes to one Unicode scalar and back, so a
/// value read and written again keeps its exact bytes.
public struct CodePage: Sendable, Hashable, CustomStringConvertible {
    /// Windows/IBM number (1252, 850…); 65001 for UTF-8.
    public let number: Int
    public let name: String
    public let title: String
    /// Scalars for bytes 0x80…0xFF (empty for UTF-8).
    let high: [UInt16]
    let encodeTable: [UInt16: UInt8]

    public init?(number: Int) {
        if number == 65001 {
            self.number = 65001; name = "utf-8"; title = "UTF-8"; high = []; encodeTable = [:]
            return
        }
        if MultiByteCodec.iconvNames[number] != nil {
            self.number = number; name = "cp\(number)"; title = "multi-byte (cp\(number))"
            high = []; encodeTable = [:]
            return
        }
        guard let entry = CodePage.highHalves[number] else { return nil }
        self.number = number
        self.name = entry.name
        self.title = entry.title
        self.high = entry.table
        var enc: [UInt16: UInt8] = [:]
        for (i, u) in entry.table.enumerated() { enc[u] = UInt8(0x80 + i) }
        self.encodeTable = enc
    }

    public static let cp1252 = CodePage(number: 1252)!
    public static let cp850 = CodePage(number: 850)!
    public static let cp437 = CodePage(number: 437)!
    public static let utf8 = CodePage(number: 65001)!

    public var isUTF8: Bool { number == 65001 }
    /// cp932/936/949/950: decoded through iconv.
    public var isMultiByte: Bool { MultiByteCodec.iconvNames[number] != nil }
    public var description: String { name }

    public static func == (l: CodePage, r: CodePage) -> Bool { l.number == r.number }
    public func hash(into h: inout Hasher) { h.combine(number) }

    /// Every code page number with a table here.
    public static var supportedNumbers: [Int] { highHalves.keys.sorted() + [65001] + MultiByteCodec.iconvNames.keys.sorted() }

    // MARK: decoding

    /// Decodes bytes to a String. ASCII-only input takes a fast path.
    public func decode(_ bytes: UnsafeRawBufferPointer) -> String {
        if isUTF8 { return String(decoding: bytes, as: UTF8.self) }
        if isMultiByte {
            for b in bytes where b >= 0x80 { return MultiByteCodec.decode(Array(bytes), page: number) }
            return String(decoding: bytes, as: UTF8.self)
        }
        var ascii = true
        for b in bytes where b >= 0x80 { ascii = false; break }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            if b < 0x80 { scalars.append(Unicode.Scalar(b)) }
            else { scalars.append(Unicode.Scalar(UInt32(high[Int(b) - 0x80]))!) }
        }
        return String(scalars)
    }

    public func decode(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { decode($0) }
    }

    /// The Unicode scalar of one byte.
    public func scalar(for byte: UInt8) -> Unicode.Scalar {
        if byte < 0x80 || isUTF8 || isMultiByte { return Unicode.Scalar(byte) }
        return Unicode.Scalar(UInt32(high[Int(byte) - 0x80]))!
    }

    // MARK: encoding

    /// Encodes a string; characters the page cannot hold are reported, never dropped
    /// silently: `unmappable` receives each one and `?` is written in its place.
    public func encode(_ s: String, unmappable: ((Unicode.Scalar) -> Void)? = nil) -> [UInt8] {
        if isUTF8 { return Array(s.utf8) }
        if isMultiByte, let b = MultiByteCodec.encode(s, page: number) { return b }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            if u.value < 0x80 { out.append(UInt8(u.value)) }
            else if u.value <= 0xFFFF, let b = encodeTable[UInt16(u.value)] { out.append(b) }
            else { unmappable?(u); out.append(UInt8(ascii: "?")) }
        }
        return out
    }

    /// Whether every character of `s` has a byte in this page.
    public func canEncode(_ s: String) -> Bool {
        if isUTF8 { return true }
        if isMultiByte { return MultiByteCodec.encode(s, page: number).map { !$0.contains(0x3F) || s.contains("?") } ?? false }
        for u in s.unicodeScalars where u.value >= 0x80 {
            if u.value > 0xFFFF || encodeTable[UInt16(u.value)] == nil { return false }
        }
        return true
    }

    // MARK: code page marks (DBF header byte 29)

    /// The code page a DBF header mark names, or nil for 0x00 and unknown marks.
    /// Marks of multi-byte Asian pages (cp932/936/949/950) are recognised by
    /// `CodePage.markName(_:)` but have no table here.
    public static func forMark(_ mark: UInt8) -> CodePage? {
        guard let n = markNumbers[mark] else { return nil }
        return CodePage(number: n)
    }

    /// The page number a mark stands for, supported or not (nil: unknown mark).
    public static func number(forMark mark: UInt8) -> Int? { markNumbers[mark] }

    /// The mark VFP writes for this page (nil when none exists).
    public var mark: UInt8? {
        switch number {
        case 437: 0x01
        case 850: 0x02
        case 1252: 0x03
        case 10000: 0x04
        case 865: 0x08
        case 852: 0x64
        case 866: 0x65
        case 861: 0x67
        case 737: 0x6A
        case 857: 0x6B
        case 874: 0x7C
        case 1255: 0x7D
        case 1256: 0x7E
        case 1250: 0xC8
        case 1251: 0xC9
        case 1254: 0xCA
        case 1253: 0xCB
        case 1257: 0xCC
        case 932: 0x7B
        case 936: 0x7A
        case 949: 0x79
        case 950: 0x78
        case 65001: 0xF0
        default: nil
        }
    }

    static let markNumbers: [UInt8: Int] = [
        0x01: 437, 0x02: 850, 0x03: 1252, 0x04: 10000, 0x08: 865, 0x09: 437, 0x0A: 850,
        0x0B: 437, 0x0D: 437, 0x0E: 850, 0x0F: 437, 0x10: 850, 0x11: 437, 0x12: 850,
        0x13: 932, 0x14: 850, 0x15: 437, 0x16: 850, 0x17: 865, 0x18: 437, 0x19: 437,
        0x1A: 850, 0x1B: 437, 0x1C: 863, 0x1D: 850, 0x1F: 852, 0x22: 852, 0x23: 852,
        0x24: 860, 0x25: 850, 0x26: 866, 0x37: 850, 0x40: 852, 0x4D: 936, 0x4E: 949,
        0x4F: 950, 0x50: 874, 0x57: 1252, 0x58: 1252, 0x59: 1252, 0x64: 852, 0x65: 866,
        0x66: 865, 0x67: 861, 0x6A: 737, 0x6B: 857, 0x78: 950, 0x79: 949, 0x7A: 936,
        0x7B: 932, 0x7C: 874, 0x7D: 1255, 0x7E: 1256, 0x96: 10007, 0x97: 10029,
        0x98: 10006, 0xC8: 1250, 0xC9: 1251, 0xCA: 1254, 0xCB: 1253, 0xCC: 1257,
        0xF0: 65001,
    ]
}
