import ResgateLocale
import XBase

/// The notes of one series as the restored data holds them.
///
/// Numbers are packed with their record number into one `UInt64` (number < 2^30, record <
/// 2^32) so that a million rows cost 8 MB, no object per row, and one sort.
struct DataSeries: Sendable {
    var id: SeriesID
    var table: String
    var packed: [UInt64] = []
    /// The first `WrongKey.listLimit` wrong keys; `wrongKeyCount` counts them all.
    var wrongKeys: [WrongKey] = []
    var wrongKeyCount = 0
    /// Numbers of rows whose key says `tpEmis` 9 (issued offline, in contingency).
    var contingency: [Int] = []
    /// Whether the issuer came from the row itself (field, config value or key).
    var issuerKnown: Bool

    init(id: SeriesID, table: String, issuerKnown: Bool) {
        self.id = id; self.table = table; self.issuerKnown = issuerKnown
    }

    mutating func append(number: Int, record: Int) {
        packed.append(UInt64(number) << 32 | UInt64(UInt32(truncatingIfNeeded: record)))
    }

    mutating func absorb(_ other: DataSeries) {
        packed += other.packed
        wrongKeys += other.wrongKeys.prefix(max(0, WrongKey.listLimit - wrongKeys.count))
        wrongKeyCount += other.wrongKeyCount
        contingency += other.contingency
    }
}

/// An access key that is wrong: in a data row, or in an authorized XML.
public struct WrongKey: Sendable, Codable, Hashable {
    /// How many are listed per series; the count is always complete.
    public static let listLimit = 1000
    public enum Source: String, Sendable, Codable { case data, xml }
    public var source: Source
    public var number: Int
    public var key: String
    /// The data row's record number (1-based), for `data`.
    public var record: Int?
    /// The XML file, for `xml`.
    public var file: String?
    public var problems: [AccessKeyProblem]
}

/// What one `[[fiscal.sequence]]` entry reads from the data.
struct SequenceData {
    var series: [SeriesID: DataSeries] = [:]
    var rows = 0
    var deletedSkipped = 0
    /// Rows without a usable number, series or model (records, first few).
    var unusableRows = 0
    var unusableExamples: [Int] = []
    /// Rows of other models (not 55/65), left out.
    var otherModels = 0
    var counter: Int?
}

/// Reads the rows of a sequence table into `DataSeries`, validating each row's access key
/// against the row and against the key the tax authority authorized for that number.
enum SequenceDataReader {
    static func read(_ cfg: SequenceConfig, data: any CheckData, index: AuthorizedIndex?,
                     configFile: String?) throws(FiscalError) -> SequenceData {
        guard let table = try data.table(named: cfg.table) else {
            throw .tableNotFound(table: cfg.table, folder: data.folder, configFile: configFile)
        }
        func field(_ name: String?) throws(FiscalError) -> Int? {
            guard let name else { return nil }
            guard let i = table.fieldIndex(name) else {
                throw .fieldNotFound(table: cfg.table, field: name, file: table.file, configFile: configFile)
            }
            return i
        }
        var wanted: [Int] = []
        func slot(_ i: Int?) -> Int? { i.map { wanted.append($0); return wanted.count - 1 } }
        let numberAt = slot(try field(cfg.number))!
        let seriesAt = slot(try field(cfg.series))
        let modelAt = slot(try field(cfg.model))
        let keyField = try field(cfg.key)
        let cnpjAt = slot(try field(cfg.cnpj))

        var out = SequenceData()
        /// One row; `key` is the key field's stored bytes (nil when the config names none).
        func row(_ record: Int, _ deleted: Bool, _ v: [DBFValue], _ key: UnsafeRawBufferPointer?) {
            out.rows += 1
            if deleted { out.deletedSkipped += 1; return }
            guard let number = v[numberAt].wholeNumber, number >= 1, number <= 999_999_999,
                  let series = seriesAt.map({ v[$0].wholeNumber }) ?? cfg.seriesValue, series >= 0, series <= 999,
                  let model = modelAt.map({ v[$0].wholeNumber }) ?? cfg.modelValue else {
                out.unusableRows += 1
                if out.unusableExamples.count < 20 { out.unusableExamples.append(record) }
                return
            }
            guard model == 55 || model == 65 else { out.otherModels += 1; return }
            let keyBytes = key.map(trimmed)
            var issuer = cnpjAt.flatMap { v[$0].text }.map(normalizeIssuer) ?? cfg.cnpjValue ?? ""
            let issuerGiven = !issuer.isEmpty
            if issuer.isEmpty, let k = keyBytes, k.count == 44 {
                // the CNPJ inside a key of the right length: 14 bytes, a small string (no allocation)
                issuer = String(decoding: UnsafeBufferPointer(rebasing: k[6..<20]), as: UTF8.self)
                if !issuer.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) }) { issuer = "" }
            }
            let id = SeriesID(issuer: issuer, model: model, series: series)
            if out.series[id] == nil { out.series[id] = DataSeries(id: id, table: table.name, issuerKnown: !issuer.isEmpty) }
            out.series[id]!.append(number: number, record: record)
            guard let k = keyBytes, !k.isEmpty else { return }
            if k.count == 44 && k[34] == UInt8(ascii: "9") { out.series[id]!.contingency.append(number) }
            let given = issuerGiven ? issuer : nil
            let docs = index?.series[id]
            // compared only with a right authorized key: a wrong key in the XML is reported
            // there, not blamed on the row
            let differs = docs?.rightKey(of: number, differsFrom: k) ?? false
            if AccessKey.isClean(bytes: k, model: model, series: series, number: number, issuer: given) && !differs { return }
            // wrong for sure (the shortcut and the full analysis agree, see AccessKeyTests);
            // only the listed ones are analysed and kept as text
            out.series[id]!.wrongKeyCount += 1
            guard out.series[id]!.wrongKeys.count < WrongKey.listLimit else { return }
            let text = String(decoding: k, as: UTF8.self)
            var problems = AccessKey.fullProblems(of: text, model: model, series: series, number: number, issuer: given)
            if problems.isEmpty, differs, let a = docs?.note(number) { problems.append(.differsFromAuthorized(authorized: a.key)) }
            out.series[id]!.wrongKeys.append(WrongKey(source: .data, number: number, key: text, record: record,
                                                      file: nil, problems: problems))
        }
        do {
            if let kf = keyField {
                try table.forEachRow(fields: wanted, rawField: kf) { row($0, $1, $2, $3) }
            } else {
                try table.forEachRow(fields: wanted) { row($0, $1, $2, nil) }
            }
        } catch let e as FiscalError {
            throw e
        } catch {
            throw .unreadableTable(file: table.file, reason: Cause(error))
        }
        if let c = cfg.counter { out.counter = try readCounter(c, data: data, configFile: configFile) }
        return out
    }

    /// The largest whole number in `ref` over the live records: the ERP's "last used".
    static func readCounter(_ ref: FieldRef, data: any CheckData, configFile: String?) throws(FiscalError) -> Int? {
        guard let t = try data.table(named: ref.table) else {
            throw .tableNotFound(table: ref.table, folder: data.folder, configFile: configFile)
        }
        guard let f = t.fieldIndex(ref.field) else {
            throw .fieldNotFound(table: ref.table, field: ref.field, file: t.file, configFile: configFile)
        }
        var best: Int? = nil
        do {
            try t.forEachRow(fields: [f]) { _, deleted, v in
                if !deleted, let n = v[0].wholeNumber { best = max(best ?? n, n) }
            }
        } catch { throw .unreadableTable(file: t.file, reason: Cause(error)) }
        return best
    }

    /// CNPJ/CPF as the key carries it: letters and digits only, upper-case.
    static func normalizeIssuer(_ s: String) -> String {
        String(s.unicodeScalars.filter { ($0.value >= 48 && $0.value <= 57) || ($0.value >= 65 && $0.value <= 90) || ($0.value >= 97 && $0.value <= 122) }).uppercased()
    }
}

/// The bytes without surrounding blanks or NULs (a C field is padded with blanks).
private func trimmed(_ raw: UnsafeRawBufferPointer) -> UnsafeBufferPointer<UInt8> {
    let b = raw.bindMemory(to: UInt8.self)
    var lo = 0, hi = b.count
    while lo < hi, b[lo] == 32 || b[lo] == 0 || b[lo] == 9 { lo += 1 }
    while hi > lo, b[hi - 1] == 32 || b[hi - 1] == 0 || b[hi - 1] == 9 { hi -= 1 }
    return UnsafeBufferPointer(rebasing: b[lo..<hi])
}
