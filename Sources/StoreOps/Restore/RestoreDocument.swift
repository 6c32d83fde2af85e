import RestoreKit

/// `restore --json` (docs/cli-json.md): the restore report's keys, plus `handoverReport`,
/// the path of the printable report saved after a restore that replaced tables in DATA
/// (null on a dry run, `--into`, or a refusal).
public struct RestoreDocument: Encodable, Sendable {
    public var restore: RestoreReport
    public var handoverReport: String?

    public init(_ restore: RestoreReport, handoverReport: String?) {
        self.restore = restore
        self.handoverReport = handoverReport
    }

    public func encode(to encoder: any Encoder) throws {
        try restore.encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        if let handoverReport { try c.encode(handoverReport, forKey: .handoverReport) } else { try c.encodeNil(forKey: .handoverReport) }
    }

    enum Key: CodingKey { case handoverReport }
}
