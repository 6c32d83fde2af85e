import Foundation

/// Builds zip bytes by hand, directory entries included, so a test can forge what no zip
/// tool writes: entries that overlap, names that differ from their local header.
struct RawZip {
    var bytes: [UInt8] = []
    var central: [UInt8] = []
    var count = 0

    static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
    static func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16((v >> 16) & 0xFFFF) }

    /// A local header for a stored member at the current end; returns its offset.
    @discardableResult
    mutating func local(_ name: String, size: Int, crc: UInt32 = 0) -> Int {
        let offset = bytes.count
        let n = Array(name.utf8)
        bytes += Self.le32(0x0403_4B50) + Self.le16(20) + Self.le16(0) + Self.le16(0) + Self.le16(0) + Self.le16(0x21)
        bytes += Self.le32(Int(crc)) + Self.le32(size) + Self.le32(size) + Self.le16(n.count) + Self.le16(0) + n
        return offset
    }

    mutating func data(_ d: [UInt8]) { bytes += d }

    /// A central directory entry for a stored member.
    mutating func entry(_ name: String, offset: Int, size: Int, method: Int = 0, csize: Int? = nil, crc: UInt32 = 0) {
        let n = Array(name.utf8)
        central += Self.le32(0x0201_4B50) + Self.le16(20) + Self.le16(20) + Self.le16(0) + Self.le16(method)
        central += Self.le16(0) + Self.le16(0x21) + Self.le32(Int(crc)) + Self.le32(csize ?? size) + Self.le32(size)
        central += Self.le16(n.count) + Self.le16(0) + Self.le16(0) + Self.le16(0) + Self.le16(0) + Self.le32(0)
        central += Self.le32(offset) + n
        count += 1
    }

    /// The archive: members, central directory, end record.
    var archive: [UInt8] {
        let cdOffset = bytes.count
        var out = bytes + central
        out += Self.le32(0x0605_4B50) + Self.le16(0) + Self.le16(0) + Self.le16(count) + Self.le16(count)
        out += Self.le32(central.count) + Self.le32(cdOffset) + Self.le16(0)
        return out
    }
}
