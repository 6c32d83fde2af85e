/// What `resgate check` (`Fiscal`) found, as facts: one case per sentence of a check's
/// message (a message is several of them, joined by a space). The words are in
/// `Portuguese+Fiscal.swift` / `English+Fiscal.swift`.
public enum FiscalPhrase: Sendable, Hashable {
    // fiscal-sequence, most urgent first
    /// "Data up to …, tax authority up to …; next safe number: …".
    case sequenceSummary(lastInData: Int?, lastAuthorized: Int?, nextSafe: Int)
    /// The ERP would issue `wouldIssue`, but the tax authority holds up to `lastAuthorized`.
    case behindTaxAuthority(wouldIssue: Int, lastAuthorized: Int, nextSafe: Int)
    /// Notes authorized after the data's last one (`numbers`: the first of them).
    case authorizedAfterData(lastInData: Int, numbers: [Int], count: Int)
    /// Sales to re-enter (the notes above that were neither cancelled nor denied).
    case reenterSales(Int)
    case counterBelowData(counter: Int, lastInData: Int, setTo: Int)
    /// Numbers repeated in the data, with their records (the first ten), of `count`.
    case repeatedNumbers([NumberRecords], count: Int)
    /// Wrong access keys (the first five listed), of `count`.
    case wrongKeys([WrongKeyFact], count: Int)
    /// Numbers with no note, no authorization and no voiding (`ranges`: the first ten), of `rangeCount` ranges.
    case gaps(numbers: Int, ranges: [ClosedRange<Int>], rangeCount: Int)
    case authorizedMissingInData(count: Int, numbers: [Int], listed: Int)
    /// Different keys for the same number in the XML.
    case conflictingNotes(numbers: [Int], count: Int)
    case notComparedWithXML
    case contingency(transmit: Int, transmitOrQuery: Int)
    /// How many numbers got each verdict.
    case verdictCounts([VerdictKind: Int])
    // xml-files
    case xmlFolderRead(folder: String, files: Int, documents: Int)
    /// Broken XML files (the first five, with why), of `count`.
    case xmlBroken([SkippedXML], count: Int)
    case xmlUnrelated(Int)
    /// Series of other issuers (`SeriesID` as printed), left out.
    case xmlOtherIssuers([String])
    // rules
    case notEmpty(table: String, records: Int, minimum: Int)
    case tooFewRecords(table: String, records: Int, minimum: Int)
    case noRepeats(subject: String, records: Int)
    /// `values` repeated values, `extra` records too many; the first five listed.
    case repeatedValues(subject: String, values: Int, extra: Int, examples: [ValueRecords])
    case allReferencesFound(subject: String, records: Int)
    case referencesMissing(subject: String, records: Int, values: Int, target: String, targetTable: String, examples: [ValueRecords])
    case dataUpTo(subject: String, newest: String, record: Int)
    /// The newest date is `days` days before the backup's date.
    case olderThanBackup(days: Int, backupDate: String)
    case newerThanBackup(backupDate: String)
    case noDateFilled(subject: String, records: Int)
    // fiscal-rows
    case unusableRows(count: Int, table: String, records: [Int])
    // discovery (no resgate.toml)
    case discovered(table: String, fields: [String], others: [String])
    // the report on a terminal (`StoreOps.ReportText`)
    case reportHeading(data: String)
    case reportConfig(String)
    case reportXML(String)
    /// A group's title: FALHA, AVISO, OK.
    case statusTitle(Level)
    /// The last line: the worst status and what it means for the store.
    case reportResult(Level)

    /// A check's status (`Fiscal.CheckStatus`).
    public enum Level: Sendable, Hashable { case fail, warning, ok }

    /// A number and the records holding it.
    public struct NumberRecords: Sendable, Hashable {
        public var number: Int
        public var records: [Int]
        public init(number: Int, records: [Int]) { self.number = number; self.records = records }
    }

    /// A value and the records holding it.
    public struct ValueRecords: Sendable, Hashable {
        public var value: String
        public var records: [Int]
        public init(value: String, records: [Int]) { self.value = value; self.records = records }
    }

    /// A wrong access key: its number, where it is (a data record or an XML file), why.
    public struct WrongKeyFact: Sendable, Hashable {
        public var number: Int
        public var record: Int?
        public var xmlFile: String?
        public var problems: [KeyProblem]
        public init(number: Int, record: Int?, xmlFile: String?, problems: [KeyProblem]) {
            self.number = number; self.record = record; self.xmlFile = xmlFile; self.problems = problems
        }
    }

    /// What is wrong with an access key; Fiscal names it `AccessKeyProblem` (the same type).
    public enum KeyProblem: Sendable, Hashable, Codable {
        case wrongLength(Int)
        case badCharacter(position: Int, character: String)
        case wrongCheckDigit(found: Int, expected: Int)
        case modelDiffers(inKey: Int, inRow: Int)
        case seriesDiffers(inKey: Int, inRow: Int)
        case numberDiffers(inKey: Int, inRow: Int)
        case issuerDiffers(inKey: String, inRow: String)
        /// The row's key is not the key the tax authority authorized for that number.
        case differsFromAuthorized(authorized: String)
    }

    /// A file of the XML folder left out, and why.
    public struct SkippedXML: Sendable, Hashable {
        public var file: String
        public var reason: SkipPhrase
        public init(file: String, reason: SkipPhrase) { self.file = file; self.reason = reason }
    }

    /// Why a file of the XML folder was left out (`Fiscal.SkipReason`).
    public enum SkipPhrase: Sendable, Hashable {
        case empty, notXML
        case unreadable(String)
        case otherDocument(root: String)
        case notAuthorized(status: Int?)
        case otherEvent(type: String, status: Int?)
        case homologation
        /// A malformed file: the line, and what the XML reader found (`XMLFault`).
        case broken(line: Int, defect: XMLFault)
    }

    /// "1, 2, 5 … (+12)" — at most 15 numbers, then how many more.
    static func numberList(_ numbers: [Int], count: Int) -> String {
        let shown = numbers.prefix(15).map(String.init).joined(separator: ", ")
        return count > 15 ? shown + " … (+\(count - 15))" : shown
    }

    /// "57, 60–62" — at most 10 ranges, then how many more.
    static func rangeList(_ ranges: [ClosedRange<Int>], count: Int) -> String {
        let shown = ranges.prefix(10).map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)" }
        return shown.joined(separator: ", ") + (count > 10 ? " … (+\(count - 10))" : "")
    }

    /// " …+N" past `shown`.
    static func more(_ count: Int, shown: Int) -> String { count > shown ? " …+\(count - shown)" : "" }

    static func records(_ r: [Int]) -> String { r.map(String.init).joined(separator: ", ") }
}

public extension FiscalPhrase {
    func text(in language: Language) -> String { Phrase.fiscal(self).text(in: language) }
    var words: Words { Phrase.fiscal(self).words }
}

public extension Array where Element == FiscalPhrase {
    /// A check's message: its sentences in `language`, joined by a space.
    func text(in language: Language) -> String { map { $0.text(in: language) }.joined(separator: " ") }
}

public extension FiscalPhrase.SkipPhrase {
    /// Why a file was left out, alone (the XML check's message names it beside the file).
    func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.skip(self)
        case .en: English.skip(self)
        }
    }
}
