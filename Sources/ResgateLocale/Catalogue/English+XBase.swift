/// Why a DBF table could not be read or written (`XBaseFailure`), in English.
extension English {
    static func xbase(_ f: XBaseFailure) -> String {
        switch f {
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
