import Foundation
import ResgateLocale

/// One member of a zip archive, as its central directory describes it.
public struct ZipEntry: Sendable, Hashable {
    /// The stored name, `\` turned into `/`.
    public var name: String
    public var method: Int
    public var compressedSize: Int
    public var uncompressedSize: Int
    public var crc32: UInt32
    public var localHeaderOffset: Int
    public var modified: Date?
    public var isEncrypted: Bool
    /// The name as stored in the central directory (compared with the local header's).
    var nameBytes: [UInt8] = []
    public var isDirectory: Bool { name.hasSuffix("/") }

    /// The last path component.
    public var baseName: String {
        let trimmed = name.hasSuffix("/") ? String(name.dropLast()) : name
        return trimmed.split(separator: "/").last.map(String.init) ?? trimmed
    }

    /// Why the name must not be used as a path (escapes the folder it is extracted to),
    /// or nil when it is safe: `../`, absolute paths and drive letters are refused.
    public static func unsafeReason(_ name: String) -> UnsafeMemberName? {
        if name.isEmpty { return .empty }
        if name.utf8.contains(0) { return .nulByte }
        if name.hasPrefix("/") { return .absolutePath }
        let u = Array(name.utf8)
        if u.count >= 2, u[1] == UInt8(ascii: ":"),
           (u[0] | 0x20) >= UInt8(ascii: "a"), (u[0] | 0x20) <= UInt8(ascii: "z") { return .driveLetter }
        for part in name.split(separator: "/", omittingEmptySubsequences: false) where part == ".." {
            return .climbsOut
        }
        return nil
    }

    /// MS-DOS date and time fields to a local date.
    static func dosDate(date: Int, time: Int) -> Date? {
        var c = DateComponents()
        c.year = 1980 + (date >> 9)
        c.month = (date >> 5) & 0x0F
        c.day = date & 0x1F
        c.hour = time >> 11
        c.minute = (time >> 5) & 0x3F
        c.second = (time & 0x1F) * 2
        guard let m = c.month, (1...12).contains(m), let d = c.day, d >= 1 else { return nil }
        return Calendar(identifier: .gregorian).date(from: c)
    }
}
