import Foundation
import ResgateLocale

/// Everything `resgate check` found, most severe first. `restore` and the web screen get
/// it from `FiscalCheck.run`; the CLI prints it or encodes it (`--json`).
public struct CheckReport: Sendable, Hashable, Codable {
    /// The language of `message` in JSON; both languages are always in `messages`.
    public var language: Language
    public var data: String
    public var xmlFolder: String?
    public var configFile: String?
    /// What discovery picked, when there was no config file.
    public var discovery: Words?
    public var checks: [CheckItem]

    public init(language: Language, data: String, xmlFolder: String?, configFile: String?,
                discovery: Words?, checks: [CheckItem]) {
        self.language = language; self.data = data; self.xmlFolder = xmlFolder
        self.configFile = configFile; self.discovery = discovery
        self.checks = CheckReport.ordered(checks)
    }

    /// The worst status found.
    public var status: CheckStatus { checks.map(\.status).max() ?? .ok }

    /// The CLI's exit status: 1 when any check fails, else 0.
    public var exitCode: Int32 { status == .fail ? 1 : 0 }

    /// Fail first, then warning, then ok; sequences before rules before the XML summary,
    /// then by subject, so the order is stable.
    static func ordered(_ items: [CheckItem]) -> [CheckItem] {
        func group(_ i: CheckItem) -> Int { i.name == "fiscal-sequence" ? 0 : i.name == "xml-files" ? 2 : 1 }
        return items.enumerated().sorted { a, b in
            let x = a.element, y = b.element
            if x.status != y.status { return x.status > y.status }
            if group(x) != group(y) { return group(x) < group(y) }
            return a.offset < b.offset
        }.map(\.element)
    }

    static let languageKey = CodingUserInfoKey(rawValue: "resgate.language")!

    /// One JSON document with the CLI contract's keys (`checks[].name/status/message…`).
    public func json(pretty: Bool = true) throws -> Data {
        let enc = JSONEncoder()
        enc.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        enc.userInfo[CheckReport.languageKey] = language
        return try enc.encode(self)
    }

    private enum Keys: String, CodingKey { case language, data, xmlFolder, configFile, discovery, discoveryMessages, checks, status }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(language, forKey: .language)
        try c.encode(data, forKey: .data)
        try c.encode(xmlFolder, forKey: .xmlFolder)
        try c.encode(configFile, forKey: .configFile)
        if let d = discovery {
            try c.encode(d.text(in: language), forKey: .discovery)
            try c.encode(d, forKey: .discoveryMessages)
        }
        try c.encode(status, forKey: .status)
        try c.encode(checks, forKey: .checks)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        language = try c.decode(Language.self, forKey: .language)
        data = try c.decode(String.self, forKey: .data)
        xmlFolder = try c.decodeIfPresent(String.self, forKey: .xmlFolder)
        configFile = try c.decodeIfPresent(String.self, forKey: .configFile)
        discovery = try c.decodeIfPresent(Words.self, forKey: .discoveryMessages)
        checks = try c.decode([CheckItem].self, forKey: .checks)
    }
}
