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
    public var gaps: [[Int]]
    /// Numbers that occur more than once in the data.
    public var duplicates: [Int]
    /// For each duplicate, the records holding it.
    public var duplicateRecords: [DuplicateNumber]
    /// Notes the tax authority holds above the data's last number: the sales the backup
    /// does not have.
    public var authorizedAfterData: [MissingNote]
    public var wrongKeys: [WrongKey]
    /// Voided ranges per the XML, `[[from, to], …]`.
    public var voided: [[Int]]
    /// Rows of the data in this series.
    public var rowsInData: Int
    /// Documents of the XML in this series (notes, cancellations, voidings).
    public var documentsInXML: Int
    /// Whether the XML was compared at all (no `--xml` folder, or issuer unknown: false).
    public var comparedWithXML: Bool
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
