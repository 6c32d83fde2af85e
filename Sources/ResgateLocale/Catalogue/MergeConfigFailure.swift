/// Why the `[merge.TABLE]` sections of `resgate.toml` cannot be used, as facts. RestoreKit
/// throws it as `MergeConfig.Failure` (the same type); the words are `Phrase.invalidMergeConfig`'s.
public enum MergeConfigFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The TOML could not be parsed; `reason`: TOMLKit's own words (English).
    case syntax(file: String, line: Int, reason: String)
    /// `entry`: `[merge]` or `[merge.T]`; `key`: nil when the entry itself is wrong.
    case value(file: String, line: Int?, entry: String, key: String?, reason: ConfigProblem)

    public var description: String { Phrase.invalidMergeConfig(self).text(in: .en) }
}
