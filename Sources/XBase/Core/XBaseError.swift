import ResgateLocale

/// Errors of the xBase codecs. Each carries the file and, where it applies, the record
/// (1-based, as FoxPro's RECNO()) and field, so a person can find the bad bytes.
public enum XBaseError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotOpen(file: String, reason: String)
    case io(file: String, reason: String)
    case notADBF(file: String, reason: String)
    case badHeader(file: String, reason: String)
    case badFieldDescriptor(file: String, field: Int, reason: String)
    case missingMemoFile(file: String, expected: String)
    case badMemo(file: String, record: Int?, field: String?, block: Int, reason: String)
    case invalidValue(file: String, record: Int, field: String, reason: String)
    case cannotEncode(file: String, record: Int, field: String, reason: String)
    case unsupported(file: String, reason: String)

    /// The error as facts, told by the catalogue (`English+XBase`, `Portuguese+XBase`).
    public var failure: XBaseFailure {
        switch self {
        case let .cannotOpen(f, r): .cannotOpen(file: f, reason: r)
        case let .io(f, r): .io(file: f, reason: r)
        case let .notADBF(f, r): .notADBF(file: f, reason: r)
        case let .badHeader(f, r): .badHeader(file: f, reason: r)
        case let .badFieldDescriptor(f, n, r): .badFieldDescriptor(file: f, field: n, reason: r)
        case let .missingMemoFile(f, e): .missingMemoFile(file: f, expected: e)
        case let .badMemo(f, rec, fld, b, r): .badMemo(file: f, record: rec, field: fld, block: b, reason: r)
        case let .invalidValue(f, rec, fld, r): .invalidValue(file: f, record: rec, field: fld, reason: r)
        case let .cannotEncode(f, rec, fld, r): .cannotEncode(file: f, record: rec, field: fld, reason: r)
        case let .unsupported(f, r): .unsupported(file: f, reason: r)
        }
    }

    public var description: String { failure.text(in: .en) }

    /// The error for a person in Portuguese (`description` stays the English one).
    public var portuguese: String { failure.text(in: .pt) }
}
