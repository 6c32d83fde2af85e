import Foundation

/// The one encoder of every JSON document the command line prints and the web screen
/// answers (docs/cli-json.md): keys sorted, slashes unescaped; pretty for a person at a
/// terminal, compact on the wire. Record values, whose numbers must keep their exact
/// decimal text (`0.10`), are streamed by the CLI's record printer instead.
public enum JSONDocument {
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = true) throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                                    : [.sortedKeys, .withoutEscapingSlashes]
        return try e.encode(value)
    }

    /// ISO 8601 in the machine's time zone, as every date of the documents.
    public static func date(_ d: Date?) -> String? {
        guard let d else { return nil }
        let f = ISO8601DateFormatter()
        f.timeZone = .current
        return f.string(from: d)
    }
}

/// An optional written as `null` when absent (cli.md promises the key), where a plain
/// optional would leave the key out. One wrapper instead of a hand-written `encode(to:)`
/// per type.
@propertyWrapper
public struct Nullable<Value: Encodable & Sendable>: Encodable, Sendable {
    public var wrappedValue: Value?
    public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if let wrappedValue { try c.encode(wrappedValue) } else { try c.encodeNil() }
    }
}
