import Foundation

/// One file or folder as `rclone lsjson` describes it.
public struct RemoteEntry: Sendable, Equatable {
    /// Path relative to the listed folder, `/`-separated.
    public var path: String
    public var name: String
    /// Bytes; -1 for folders (and for files whose size the remote does not know).
    public var size: Int64
    public var modified: Date?
    public var isDir: Bool
    /// Hash kind (`md5`, `sha1`, …) to lowercase hex, as the remote offers them.
    public var hashes: [String: String]

    public init(path: String, name: String, size: Int64, modified: Date?, isDir: Bool, hashes: [String: String] = [:]) {
        self.path = path; self.name = name; self.size = size; self.modified = modified; self.isDir = isDir; self.hashes = hashes
    }

    /// Decodes lsjson's output: an array of entries, or one object with `--stat`.
    static func decode(_ data: Data) throws(CloudError) -> [RemoteEntry] {
        struct Raw: Decodable {
            var Path: String
            var Name: String
            var Size: Int64
            var ModTime: String?
            var IsDir: Bool
            var Hashes: [String: String]?
        }
        func convert(_ r: Raw) -> RemoteEntry {
            RemoteEntry(path: r.Path, name: r.Name, size: r.Size, modified: r.ModTime.flatMap(parseTime), isDir: r.IsDir,
                        hashes: (r.Hashes ?? [:]).filter { !$0.value.isEmpty }.mapValues { $0.lowercased() })
        }
        let decoder = JSONDecoder()
        if let list = try? decoder.decode([Raw].self, from: data) { return list.map(convert) }
        if let one = try? decoder.decode(Raw.self, from: data) { return [convert(one)] }
        throw .rcloneFailed(arguments: "lsjson", detail: "unreadable output: " + String(decoding: data.prefix(200), as: UTF8.self))
    }

    /// rclone's times: RFC 3339 with up to nine fraction digits (`2026-11-27T04:20:23.123456789-03:00`).
    static func parseTime(_ s: String) -> Date? {
        let u = Array(s.utf8)
        guard u.count >= 20 else { return nil }
        func num(_ from: Int, _ len: Int) -> Int? {
            var v = 0
            for i in from..<(from + len) {
                guard i < u.count, (48...57).contains(u[i]) else { return nil }
                v = v * 10 + Int(u[i] - 48)
            }
            return v
        }
        guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2),
              let sec = num(17, 2) else { return nil }
        var i = 19
        var fraction = 0.0
        if i < u.count, u[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            while i < u.count, (48...57).contains(u[i]) { fraction += Double(u[i] - 48) * scale; scale /= 10; i += 1 }
        }
        var offset = 0
        if i < u.count, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") {
            guard let oh = num(i + 1, 2), let om = num(i + 4, 2) else { return nil }
            offset = (oh * 3600 + om * 60) * (u[i] == UInt8(ascii: "-") ? -1 : 1)
        } else if !(i < u.count && (u[i] == UInt8(ascii: "Z") || u[i] == UInt8(ascii: "z"))) {
            return nil
        }
        var c = DateComponents()
        c.year = y; c.month = mo; c.day = d; c.hour = h; c.minute = mi; c.second = sec
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(secondsFromGMT: 0)!
        guard let base = cal.date(from: c) else { return nil }
        return base.addingTimeInterval(fraction - Double(offset))
    }
}
