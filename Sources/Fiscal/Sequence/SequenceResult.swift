import ResgateLocale

/// The result of the sequence check of one series (spec checks.md §1). Encoded flat into
/// the check's JSON object, with the keys the CLI contract names.
public struct SequenceResult: Sendable, Codable, Hashable {
    public var issuer: String
    public var model: Int
    public var series: Int
    /// The data table the rows came from (nil for a series only the XML has).
    public var table: String?
    /// Highest number in the data.
    public var lastInData: Int?
    /// Highest number authorized, denied, cancelled or voided per the XML.
    public var lastAuthorized: Int?
    /// The ERP's counter, when the config names one.
    public var counter: Int?
    /// max(lastInData, lastAuthorized) + 1.
    public var nextSafe: Int
    /// Numbers below `nextSafe` neither in the data, nor authorized, nor voided: each must
    /// be voided. Encoded as `[[from, to], …]`.
    public var gaps: [NumberSpan]
    /// Numbers that occur more than once in the data.
    public var duplicates: [Int]
    /// For each duplicate, the records holding it.
    public var duplicateRecords: [DuplicateNumber]
    /// Notes the tax authority holds above the data's last number: the sales the backup
    /// does not have (the first `listLimit`; `authorizedAfterDataCount` counts them all).
    public var authorizedAfterData: [MissingNote]
    /// How many notes are above the data's last number in all (nil: as many as listed).
    public var authorizedAfterDataCount: Int?
    /// The wrong keys (at most `WrongKey.listLimit` from the data, plus the XML's).
    /// Notes authorized within the data's own range (its lowest to its highest number)
    /// that the data does not hold: sales lost in between (first 1000).
    public var authorizedMissingInData: [Int]
    public var authorizedMissingInDataCount: Int
    public var wrongKeys: [WrongKey]
    /// How many wrong keys there are in all.
    public var wrongKeyCount: Int
    /// Voided ranges per the XML, `[[from, to], …]`.
    public var voided: [NumberSpan]
    /// Rows of the data in this series.
    public var rowsInData: Int
    /// Documents of the XML in this series (notes, cancellations, voidings).
    public var documentsInXML: Int
    /// Whether the XML was compared at all (no `--xml` folder, or issuer unknown: false).
    public var comparedWithXML: Bool
    /// At most this many entries in the per-number lists (`authorizedAfterData`,
    /// `authorizedMissingInData`); their `…Count` counts them all.
    public static let listLimit = 1000

    /// Every note above the data's last number, listed or not.
    public var authorizedAfterDataTotal: Int { authorizedAfterDataCount ?? authorizedAfterData.count }
    /// The notes above the data's last number that are to be re-entered (neither cancelled
    /// nor denied), listed or not: the `recreate` runs above `lastInData` when there are
    /// verdicts, else the list.
    public var authorizedAfterDataReenter: Int {
        let floor = lastInData ?? 0
        if !verdicts.isEmpty {
            return verdicts.reduce(0) { $0 + ($1.verdict == .recreate && $1.from > floor ? $1.count : 0) }
        }
        return authorizedAfterData.reduce(0) { $0 + ($1.cancelled || $1.denied ? 0 : 1) }
    }

    /// A verdict for every number missing from the data or missing from the XML, in runs
    /// (docs/checks.md, "Verdicts"); empty when the XML was not compared.
    public var verdicts: [NumberVerdict] = []

    /// How many numbers each verdict covers.
    public var verdictCounts: [VerdictKind: Int] {
        verdicts.reduce(into: [:]) { $0[$1.verdict, default: 0] += $1.count }
    }
}

extension SequenceResult {
    private enum AliasKeys: String, CodingKey { case cnpj }

    /// Written by hand only so that absent values are `null` rather than missing keys: the
    /// CLI contract promises `lastInData`, `lastAuthorized` and the others are always there.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(issuer, forKey: .issuer)
        // the spec speaks of (CNPJ, model, series): the issuer under that name too
        var alias = encoder.container(keyedBy: AliasKeys.self)
        try alias.encode(issuer, forKey: .cnpj)
        try c.encode(model, forKey: .model)
        try c.encode(series, forKey: .series)
        try c.encode(table, forKey: .table)
        try c.encode(lastInData, forKey: .lastInData)
        try c.encode(lastAuthorized, forKey: .lastAuthorized)
        try c.encode(counter, forKey: .counter)
        try c.encode(nextSafe, forKey: .nextSafe)
        try c.encode(gaps, forKey: .gaps)
        try c.encode(duplicates, forKey: .duplicates)
        try c.encode(duplicateRecords, forKey: .duplicateRecords)
        try c.encode(authorizedAfterData, forKey: .authorizedAfterData)
        try c.encode(authorizedAfterDataTotal, forKey: .authorizedAfterDataCount)
        try c.encode(authorizedMissingInData, forKey: .authorizedMissingInData)
        try c.encode(authorizedMissingInDataCount, forKey: .authorizedMissingInDataCount)
        try c.encode(wrongKeys, forKey: .wrongKeys)
        try c.encode(wrongKeyCount, forKey: .wrongKeyCount)
        try c.encode(voided, forKey: .voided)
        try c.encode(rowsInData, forKey: .rowsInData)
        try c.encode(documentsInXML, forKey: .documentsInXML)
        try c.encode(comparedWithXML, forKey: .comparedWithXML)
        try c.encode(verdicts, forKey: .verdicts)
    }
}

public struct DuplicateNumber: Sendable, Codable, Hashable {
    public var number: Int
    public var records: [Int]
}

/// An authorized note the data lacks.
public struct MissingNote: Sendable, Codable, Hashable {
    public var number: Int
    public var key: String
    public var issued: String
    public var protocolNumber: String
    /// Cancelled afterwards: nothing to re-enter, but the number is spent.
    public var cancelled: Bool
    /// Denied ("uso denegado"): nothing to re-enter, the number is spent.
    public var denied: Bool
    public var file: String
}

/// A range of note numbers, `from…to`, encoded as the two-element array `[from, to]` the CLI
/// contract uses for gaps. A value type without a heap array, so a million gaps cost 16 MB.
public struct NumberSpan: Sendable, Hashable, Codable, ExpressibleByArrayLiteral, CustomStringConvertible {
    public var from: Int
    public var to: Int

    public init(_ from: Int, _ to: Int) { self.from = from; self.to = to }
    public init(_ r: ClosedRange<Int>) { from = r.lowerBound; to = r.upperBound }
    /// `[from, to]`, as in the JSON.
    public init(arrayLiteral elements: Int...) {
        precondition(elements.count == 2, "a span is [from, to]")
        from = elements[0]; to = elements[1]
    }

    public var count: Int { to - from + 1 }
    public var description: String { from == to ? "\(from)" : "\(from)–\(to)" }

    public init(from decoder: Decoder) throws {
        var c = try decoder.unkeyedContainer()
        from = try c.decode(Int.self); to = try c.decode(Int.self)
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(from); try c.encode(to)
    }
}
