/// Why a DBF table or its memo file could not be read or written (XBase's `XBaseError`),
/// as facts. `reason` is the engine's own English; `Portuguese+XBase.swift` tells the
/// frequent reasons in Portuguese and keeps the others as they are.
public enum XBaseFailure: Sendable, Hashable {
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

    public func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.xbase(self)
        case .en: English.xbase(self)
        }
    }
}
