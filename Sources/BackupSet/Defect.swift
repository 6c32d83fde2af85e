import ResgateLocale
import XBase

/// Something wrong found in a backup set: never a guess, always a place a person can go
/// and look at (table, file, line, field) and what is wrong there as facts (`reason`),
/// told in words by the catalogue (ResgateLocale's `Portuguese+Defects`, `English+Defects`).
public struct Defect: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for programs (the message is for people).
    public enum Kind: String, Sendable, Codable {
        case unreadableSet, unsafeMemberName, zipBomb, corruptZip, checksumMismatch
        case missingStructure, badStructure, missingPart, orphanMemoArchive, duplicateMember
        case badLine, wrongFieldCount, badValue, valueTooLong, ambiguousLine, notText, lineTooLong
        case memoArchiveMissing, badMemoArchive, memoCountMismatch, memoValueMismatch
        case manifestMismatch, badManifest, unknownFile, recordCountMismatch
        /// A structure member whose stem is not a table name (letters, digits and `_`).
        case badTableName
    }

    public var kind: Kind
    public var table: String?
    public var file: String?
    /// 1-based line in `file`, when the defect is on a line.
    public var line: Int?
    public var field: String?
    /// What is wrong, as facts; `message(in:)` says it.
    public var reason: DefectReason

    public init(_ kind: Kind, table: String? = nil, file: String? = nil, line: Int? = nil,
                field: String? = nil, _ reason: DefectReason) {
        // names come from members and files a hostile set chooses: stored escaped, so no
        // control byte reaches a terminal or a JSON reader's screen (the reason's values
        // are escaped when told, in `text(in:)`)
        self.kind = kind
        self.table = table.map(printableEscaped)
        self.file = file.map(printableEscaped)
        self.line = line
        self.field = field.map(printableEscaped)
        self.reason = reason
    }

    /// The sentence without its place, escaped.
    public func text(in language: Language) -> String { printableEscaped(reason.text(in: language)) }

    /// Both languages, for the places that still carry `Words`.
    public var words: Words { Words(text) }

    /// The sentence with its place, e.g. `CLIENTES.TXT line 12, field NOME: …`.
    public func message(in language: Language) -> String {
        let said = text(in: language)
        if file == nil && line == nil && field == nil { return said }
        return DefectPlace(file: file, line: line, field: field).text(in: language) + ": " + said
    }

    public var description: String { message(in: .en) }

    /// The same defect, placed in `table`/`file` when it was not yet.
    func placed(table: String? = nil, file: String? = nil) -> Defect {
        var d = self
        if d.table == nil { d.table = table }
        if d.file == nil { d.file = file }
        return d
    }
}

/// A failure that stops reading a set or a table; it carries the defects that explain it.
public struct BackupSetError: Error, Sendable, CustomStringConvertible {
    public var defects: [Defect]
    public init(_ defects: [Defect]) { self.defects = defects }
    public init(_ defect: Defect) { self.defects = [defect] }
    public var description: String { defects.map(\.description).joined(separator: "\n") }
}

/// A set's failure as a cause: its first defect, with its place.
extension BackupSetError: CauseConvertible {
    public var cause: Cause { defects.first?.cause ?? .foreign(description) }
}

extension Defect: CauseConvertible {
    public var cause: Cause { .defect(DefectPlace(file: file, line: line, field: field), reason) }
}
