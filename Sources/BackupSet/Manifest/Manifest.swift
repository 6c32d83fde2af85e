import Foundation
import ResgateLocale

/// `manifest.json` (section 6): written by our writer, checked by the reader.
public struct Manifest: Codable, Sendable, Hashable {
    public struct File: Codable, Sendable, Hashable {
        public var name: String
        public var bytes: Int
        public var sha256: String
    }
    public struct Table: Codable, Sendable, Hashable {
        public var name: String
        public var records: Int
        public var codepage: Int?
        public var files: [File]
    }
    public var format: String
    public var created: String
    public var source: String?
    public var tool: String?
    public var tables: [Table]

    public static let formatName = "resgate-backup/1"

    public var createdDate: Date? { ISO8601DateFormatter().date(from: created) }

    func table(named n: String) -> Table? { tables.first { $0.name.lowercased() == n.lowercased() } }

    static func parse(_ bytes: [UInt8], file: String) -> (Manifest?, Defect?) {
        do {
            let m = try JSONDecoder().decode(Manifest.self, from: Data(bytes))
            return (m, nil)
        } catch {
            return (nil, Defect(.badManifest, file: file, .manifest(.unreadable(reason: "\(error)"))))
        }
    }
}
