import ResgateLocale

/// Everything `resgate check` found, most severe first, as facts. `restore` and the web
/// screen get it from `FiscalCheck.run`; the CLI prints it (`ReportText`) or encodes it
/// (`StoreOps.CheckDocument`, in the chosen language, through the one JSON encoder).
public struct CheckReport: Sendable, Hashable, Decodable {
    public var data: String
    public var xmlFolder: String?
    public var configFile: String?
    /// What discovery picked, when there was no config file.
    public var discovery: CheckMessage?
    public var checks: [CheckItem]

    public init(data: String, xmlFolder: String?, configFile: String?,
                discovery: CheckMessage?, checks: [CheckItem]) {
        self.data = data; self.xmlFolder = xmlFolder
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

    private enum Keys: String, CodingKey { case data, xmlFolder, configFile, discoveryMessages, checks }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        data = try c.decode(String.self, forKey: .data)
        xmlFolder = try c.decodeIfPresent(String.self, forKey: .xmlFolder)
        configFile = try c.decodeIfPresent(String.self, forKey: .configFile)
        discovery = try c.decodeIfPresent(Words.self, forKey: .discoveryMessages).map { .said($0) }
        checks = try c.decode([CheckItem].self, forKey: .checks)
    }
}
