import Foundation

/// DBF header byte 28.
public struct TableFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Structural CDX (dBASE IV: production MDX).
    public static let structuralIndex = TableFlags(rawValue: 0x01)
    public static let memo = TableFlags(rawValue: 0x02)
    /// Table belongs to a database container (DBC).
    public static let database = TableFlags(rawValue: 0x04)
}

/// The family of program that wrote a table, derived from the version byte. It decides
/// the header layout, how memo pointers and some binary types are stored.
public enum Dialect: String, Sendable, Hashable, Codable {
    case dBaseII, dBaseIII, dBaseIV, dBase7, foxPro, visualFoxPro

    public static func of(version: UInt8) -> Dialect {
        switch version {
        case 0x02: .dBaseII
        case 0x04, 0x8C: .dBase7
        case 0x30, 0x31, 0x32: .visualFoxPro
        case 0xF5, 0xFB: .foxPro
        case 0x43, 0x63, 0x8B, 0x8E, 0xCB, 0x05: .dBaseIV
        default: .dBaseIII
        }
    }
}

/// Human names of version bytes, for `show` and `scan`.
public func versionName(_ v: UInt8) -> String {
    switch v {
    case 0x02: "dBASE II"
    case 0x03: "dBASE III / FoxPro / Clipper (no memo)"
    case 0x04: "dBASE 7"
    case 0x05: "dBASE 5"
    case 0x30: "Visual FoxPro"
    case 0x31: "Visual FoxPro (autoincrement)"
    case 0x32: "Visual FoxPro (Varchar/Varbinary)"
    case 0x43, 0x63: "dBASE IV SQL"
    case 0x83: "dBASE III with memo"
    case 0x8B: "dBASE IV with memo"
    case 0x8C: "dBASE 7 with memo"
    case 0x8E, 0xCB: "dBASE IV SQL with memo"
    case 0xF5: "FoxPro 2.x with memo"
    case 0xFB: "FoxBASE"
    default: String(format: "unknown (0x%02X)", v)
    }
}
