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

    public var description: String {
        switch self {
        case let .cannotOpen(f, r): "\(f): cannot open: \(r)"
        case let .io(f, r): "\(f): I/O error: \(r)"
        case let .notADBF(f, r): "\(f): not a DBF table: \(r)"
        case let .badHeader(f, r): "\(f): bad header: \(r)"
        case let .badFieldDescriptor(f, n, r): "\(f): field descriptor \(n): \(r)"
        case let .missingMemoFile(f, e): "\(f): memo file \(e) is missing"
        case let .badMemo(f, rec, fld, b, r):
            "\(f): " + (rec.map { "record \($0), " } ?? "") + (fld.map { "field \($0), " } ?? "") + "memo block \(b): \(r)"
        case let .invalidValue(f, rec, fld, r): "\(f): record \(rec), field \(fld): \(r)"
        case let .cannotEncode(f, rec, fld, r): "\(f): record \(rec), field \(fld): cannot write value: \(r)"
        case let .unsupported(f, r): "\(f): unsupported: \(r)"
        }
    }
}
