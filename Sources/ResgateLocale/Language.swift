import Foundation

/// The language of words shown to a person. Code, logs and docs stay in English.
public enum Language: String, Sendable, CaseIterable, Codable {
    case pt, en

    /// Portuguese when `LANG` (or `LC_ALL`/`LC_MESSAGES`) starts with `pt`, else English.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = env[key], !v.isEmpty { return v.lowercased().hasPrefix("pt") ? .pt : .en }
        }
        return .en
    }
}

/// A sentence in both languages; `text(in:)` picks one.
public struct Words: Sendable, Hashable, Codable {
    public var pt: String
    public var en: String
    public init(pt: String, en: String) { self.pt = pt; self.en = en }
    public func text(in language: Language) -> String { language == .pt ? pt : en }
}
