import Fiscal
import ResgateLocale

/// `check --json` and the web's check: the report's facts worded in `language` (`message`,
/// `discovery`) and in both languages (`messages`, `discoveryMessages`), encoded by the one
/// encoder (`JSONDocument`) like every other document (cli.md keys).
public struct CheckDocument: Encodable, Sendable {
    public var report: CheckReport
    public var language: Language

    public init(_ report: CheckReport, language: Language) {
        self.report = report; self.language = language
    }

    private enum Keys: String, CodingKey { case language, data, xmlFolder, configFile, discovery, discoveryMessages, checks, status }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(language, forKey: .language)
        try c.encode(report.data, forKey: .data)
        try c.encode(report.xmlFolder, forKey: .xmlFolder)
        try c.encode(report.configFile, forKey: .configFile)
        if let d = report.discovery {
            try c.encode(d.text(in: language), forKey: .discovery)
            try c.encode(d.words, forKey: .discoveryMessages)
        }
        try c.encode(report.status, forKey: .status)
        try c.encode(report.checks.map { Item(item: $0, language: language) }, forKey: .checks)
    }

    /// One check: `name`, `status`, `message`, `messages`, `subject`, then its detail's keys
    /// at the same level.
    struct Item: Encodable {
        let item: CheckItem
        let language: Language

        private enum Keys: String, CodingKey { case name, status, message, messages, subject }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(item.name, forKey: .name)
            try c.encode(item.status, forKey: .status)
            try c.encode(item.message.text(in: language), forKey: .message)
            try c.encode(item.message.words, forKey: .messages)
            try c.encode(item.subject, forKey: .subject)
            try item.sequence?.encode(to: encoder)
            try item.rule?.encode(to: encoder)
            try item.xml?.encode(to: encoder)
        }
    }
}

extension CheckReport {
    /// The JSON document in `language`.
    public func document(in language: Language) -> CheckDocument { CheckDocument(self, language: language) }
}
