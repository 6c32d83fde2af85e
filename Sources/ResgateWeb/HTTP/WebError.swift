import Foundation
import ResgateLocale

/// Why a request or an operation could not be done, in both languages (a `WebPhrase` of the
/// catalogue, or an operation's own words), with its HTTP status.
public struct WebError: Error, Sendable, CustomStringConvertible {
    /// HTTP status code sent back.
    public var status: Int
    /// A stable, machine-readable reason ("missing-token", "busy", …).
    public var code: String
    public var words: Words

    public init(_ status: Int, _ code: String, words: Words) {
        self.status = status
        self.code = code
        self.words = words
    }

    public init(_ status: Int, _ code: String, _ phrase: WebPhrase) { self.init(status, code, words: phrase.words) }

    public var description: String { "\(status) \(code): \(words.en)" }

    /// `{"error": code, "message": {"pt", "en"}}`.
    public func json() -> Data {
        struct Body: Encodable { var error: String; var message: Words }
        return (try? JSONCoding.encoder.encode(Body(error: code, message: words))) ?? Data()
    }

    static func badRequest(_ phrase: WebPhrase) -> WebError { WebError(400, "bad-request", phrase) }
    static func notFound(_ phrase: WebPhrase) -> WebError { WebError(404, "not-found", phrase) }
}

/// One JSON encoder for every answer: compact, sorted keys, slashes as they are.
enum JSONCoding {
    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    static func encode<T: Encodable>(_ value: T) throws -> Data { try encoder.encode(value) }
}
