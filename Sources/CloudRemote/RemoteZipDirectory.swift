import Foundation

/// A remote zip's member names, read from its last bytes (end record and central
/// directory) with `rclone cat --tail`/`--offset --count`: a listing can tell the tables
/// and manifest of each set, or that a zip is cut short, without downloading any set.
public enum RemoteZipDirectory {
    /// What the tail of a zip said.
    public enum Outcome: Sendable, Equatable {
        case members([String])
        /// Not readable as a zip (no end record, directory out of bounds): most often an
        /// upload cut short.
        case damaged(String)
    }

    /// Bytes read from the end at first: the end record with the longest comment, and
    /// room for the directory of a set of a few hundred members.
    static let tailBytes: Int64 = 65_557 + 65_536

    public static func read(_ zip: RemotePath, size: Int64, rclone: Rclone) throws(CloudError) -> Outcome {
        guard size >= 22 else { return .damaged("\(size) bytes, too short for a zip") }
        let tailLength = min(size, tailBytes)
        let tail = [UInt8](try rclone.output("cat", ["--tail", String(tailLength)], [zip]))
        guard Int64(tail.count) == tailLength else { return .damaged("read \(tail.count) of the last \(tailLength) bytes") }
        let tailStart = size - tailLength
        guard let end = endRecord(in: tail) else { return .damaged("no end-of-central-directory record") }
        var count = le(tail, end + 10, 2), dirSize = le(tail, end + 12, 4), dirOffset = le(tail, end + 16, 4)
        if dirOffset == 0xFFFF_FFFF || dirSize == 0xFFFF_FFFF || count == 0xFFFF {
            // zip64: the locator just before the end record points at the zip64 end record
            guard end >= 20, le(tail, end - 20, 4) == 0x0706_4B50 else { return .damaged("zip64 locator missing") }
            let record = Int64(le(tail, end - 12, 8)) - tailStart
            guard record >= 0, record + 56 <= Int64(tail.count), le(tail, Int(record), 4) == 0x0606_4B50 else {
                return .damaged("zip64 end record out of reach")
            }
            count = le(tail, Int(record) + 32, 8); dirSize = le(tail, Int(record) + 40, 8); dirOffset = le(tail, Int(record) + 48, 8)
        }
        guard Int64(dirOffset) + Int64(dirSize) <= size else { return .damaged("central directory beyond the end of the file") }
        let directory: [UInt8]
        if Int64(dirOffset) >= tailStart {
            let from = Int(Int64(dirOffset) - tailStart)
            guard from + dirSize <= tail.count else { return .damaged("central directory cut short") }
            directory = Array(tail[from..<(from + dirSize)])
        } else {
            directory = [UInt8](try rclone.output("cat", ["--offset", String(dirOffset), "--count", String(dirSize)], [zip]))
            guard directory.count == dirSize else { return .damaged("central directory cut short") }
        }
        var names: [String] = []
        var i = 0
        while names.count < count {
            guard i + 46 <= directory.count, le(directory, i, 4) == 0x0201_4B50 else { return .damaged("central directory entry \(names.count + 1) unreadable") }
            let nameLength = le(directory, i + 28, 2), extra = le(directory, i + 30, 2), comment = le(directory, i + 32, 2)
            guard i + 46 + nameLength <= directory.count else { return .damaged("central directory cut short") }
            // names are CP437 or UTF-8; only their ASCII endings matter here
            names.append(String(decoding: directory[(i + 46)..<(i + 46 + nameLength)], as: UTF8.self))
            i += 46 + nameLength + extra + comment
        }
        return .members(names)
    }

    /// Offset of the end record's signature, searching back from the end (a comment may follow it).
    static func endRecord(in b: [UInt8]) -> Int? {
        guard b.count >= 22 else { return nil }
        var i = b.count - 22
        while i >= 0 {
            if b[i] == 0x50, b[i + 1] == 0x4B, b[i + 2] == 0x05, b[i + 3] == 0x06, i + 22 + le(b, i + 20, 2) == b.count { return i }
            i -= 1
        }
        return nil
    }

    static func le(_ b: [UInt8], _ at: Int, _ width: Int) -> Int {
        var v = 0
        for k in (0..<width).reversed() { v = v << 8 | Int(b[at + k]) }
        return v
    }

    /// Tables (structure files) and manifest among a set's member names.
    static func summary(_ names: [String]) -> (tables: Int, manifest: Bool) {
        let last = names.map { ($0.split(separator: "/").last.map(String.init) ?? $0).lowercased() }
        return (last.filter { $0.hasSuffix("_estr.txt") || $0.hasSuffix("_estr.dbf") }.count, last.contains("manifest.json"))
    }
}
