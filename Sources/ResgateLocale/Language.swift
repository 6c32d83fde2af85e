import Foundation

/// The language of words shown to a person. Code, logs and docs stay in English.
public enum Language: String, Sendable, CaseIterable, Codable {
    case pt, en

    /// Portuguese unless the first non-empty of `LC_ALL`, `LC_MESSAGES`, `LANG` starts with
    /// `en` (cli.md: the users are Brazilian). Unset, `C`, `C.UTF-8`, `POSIX`: Portuguese.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = env[key], !v.isEmpty { return v.lowercased().hasPrefix("en") ? .en : .pt }
        }
        return .pt
    }

    /// The language a command line asks for: `--lang X` / `--lang=X` when given, else the
    /// environment's. Read before the arguments are parsed, so help text can follow it.
    public static func fromArguments(_ args: [String], environment env: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        var value: String?
        for (i, a) in args.enumerated() {
            if a == "--lang", i + 1 < args.count { value = args[i + 1] }
            else if a.hasPrefix("--lang=") { value = String(a.dropFirst(7)) }
        }
        if let v = value?.lowercased() { return v.hasPrefix("en") ? .en : .pt }
        return fromEnvironment(env)
    }
}

/// A sentence in both languages; `text(in:)` picks one.
public struct Words: Sendable, Hashable, Codable {
    public var pt: String
    public var en: String
    public init(pt: String, en: String) { self.pt = pt; self.en = en }
    /// One fact told in each language (`Words { phrase.text(in: $0) }`).
    public init(_ text: (Language) -> String) { self.pt = text(.pt); self.en = text(.en) }
    public func text(in language: Language) -> String {
        switch language {
        case .pt: pt
        case .en: en
        }
    }
}
