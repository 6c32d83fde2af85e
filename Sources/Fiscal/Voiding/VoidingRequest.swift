import Foundation
import ResgateLocale
import XBase

/// One voiding request ("pedido de inutilização", `inutNFe` layout 4.00) for a run of
/// numbers whose verdict is `void`. Unsigned: the store's A1 certificate signs it in the
/// ERP or its fiscal tool before it is sent (the schema requires `ds:Signature`, which
/// only the certificate can make).
public struct VoidingRequest: Sendable, Codable, Hashable {
    /// "ID" + cUF(2) + ano(2) + CNPJ(14) + mod(2) + serie(3) + nNFIni(9) + nNFFin(9).
    public var id: String
    public var state: Int
    /// Two-digit year of the numbers.
    public var year: Int
    public var cnpj: String
    public var model: Int
    public var series: Int
    public var first: Int
    public var last: Int
    /// The 10th of the month after the numbers' month.
    public var deadline: String
    public var daysLeft: Int
    /// The file written (nil on a dry run).
    public var file: String?

    public var count: Int { last - first + 1 }
}

/// What `resgate inutilizar` did: the requests, and the runs it left alone (numbers to
/// look for in the points of sale first; they are never drafted).
public struct VoidingDraft: Sendable, Codable, Hashable {
    public var requests: [VoidingRequest]
    public var held: [HeldRun]
    public var justification: String
    public var outFolder: String

    public struct HeldRun: Sendable, Codable, Hashable {
        public var cnpj: String
        public var model: Int
        public var series: Int
        public var verdict: NumberVerdict
    }
}

/// Drafts the voiding requests from a check report (docs/checks.md, "resgate inutilizar").
public enum VoidingDrafter {
    /// At most this many numbers in one request (NT / MOC rule for `inutNFe`).
    public static let maxNumbers = 10_000

    /// The requests for every `void` run of every series the report compared with XML.
    /// `index` gives the state (cUF) from the series' keys.
    public static func plan(report: CheckReport, index: AuthorizedIndex, justification: String,
                            today: DBFDate) throws(FiscalError) -> VoidingDraft {
        try check(justification)
        var requests: [VoidingRequest] = []
        var held: [VoidingDraft.HeldRun] = []
        for item in report.checks {
            guard let seq = item.sequence else { continue }
            let id = SeriesID(issuer: seq.issuer, model: seq.model, series: seq.series)
            for v in seq.verdicts where v.verdict == .checkPOSBeforeVoiding {
                held.append(.init(cnpj: seq.issuer, model: seq.model, series: seq.series, verdict: v))
            }
            let runs = seq.verdicts.filter { $0.verdict == .void }
            guard !runs.isEmpty else { continue }
            guard seq.issuer.utf8.count == 14 else { throw .issuerNotCNPJ(series: id.description) }
            guard let uf = state(of: index.series[id]) else { throw .noStateCode(series: id.description) }
            for v in runs {
                // the numbers' month is the one before the deadline's
                let deadline = Verdicts.isoDate(v.deadline ?? "") ?? today
                let year = deadline.month == 1 ? deadline.year - 1 : deadline.year
                var from = v.from
                while from <= v.to {
                    let to = min(v.to, from + maxNumbers - 1)
                    requests.append(VoidingRequest(
                        id: "ID" + pad(uf, 2) + pad(year % 100, 2) + seq.issuer + pad(seq.model, 2) + pad(seq.series, 3)
                            + pad(from, 9) + pad(to, 9),
                        state: uf, year: year % 100, cnpj: seq.issuer, model: seq.model, series: seq.series,
                        first: from, last: to, deadline: deadline.iso, daysLeft: deadline.julianDay - today.julianDay))
                    from = to + 1
                }
            }
        }
        return VoidingDraft(requests: requests, held: held, justification: justification, outFolder: "")
    }

    /// Writes one file per request into `folder` (created when missing), each atomically
    /// (temporary name, flush, rename). Returns the draft with the file names.
    public static func write(_ draft: VoidingDraft, to folder: String) throws(FiscalError) -> VoidingDraft {
        var out = draft
        out.outFolder = folder
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw .cannotWrite(path: folder, reason: error.localizedDescription)
        }
        for i in out.requests.indices {
            let r = out.requests[i]
            let path = (folder as NSString).appendingPathComponent("\(r.id)-ped-inu.xml")
            let tmp = path + ".tmp"
            let bytes = Data(xml(r, justification: draft.justification).utf8)
            guard FileManager.default.createFile(atPath: tmp, contents: bytes) else {
                throw .cannotWrite(path: tmp, reason: String(cString: strerror(errno)))
            }
            let fd = open(tmp, O_RDONLY)
            if fd >= 0 { fsync(fd); close(fd) }
            guard rename(tmp, path) == 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
            out.requests[i].file = path
        }
        return out
    }

    /// The request, unsigned, in the order and namespace of `leiauteInutNFe_v4.00.xsd`.
    public static func xml(_ r: VoidingRequest, justification: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<inutNFe xmlns=\"http://www.portalfiscal.inf.br/nfe\" versao=\"4.00\">"
            + "<infInut Id=\"\(r.id)\"><tpAmb>1</tpAmb><xServ>INUTILIZAR</xServ><cUF>\(pad(r.state, 2))</cUF>"
            + "<ano>\(pad(r.year, 2))</ano><CNPJ>\(r.cnpj)</CNPJ><mod>\(r.model)</mod><serie>\(r.series)</serie>"
            + "<nNFIni>\(r.first)</nNFIni><nNFFin>\(r.last)</nNFFin><xJust>\(escaped(justification))</xJust></infInut>"
            + "</inutNFe>\n"
    }

    /// 15–255 characters, one line, no blank at either end, Latin-1 only (the schema's
    /// `TString`: `[!-ÿ]{1}[ -ÿ]*[!-ÿ]{1}`).
    static func check(_ j: String) throws(FiscalError) {
        let scalars = Array(j.unicodeScalars)
        guard (15...255).contains(scalars.count), scalars.allSatisfy({ $0.value >= 0x20 && $0.value <= 0xFF }),
              scalars.first != " ", scalars.last != " " else { throw .badJustification(length: scalars.count) }
    }

    static func state(of docs: SeriesDocuments?) -> Int? {
        guard let docs else { return nil }
        return docs.noteList.lazy.compactMap { AccessKey.stateCode(of: $0.key) }.first
            ?? docs.pending.lazy.compactMap { AccessKey.stateCode(of: $0.key) }.first
            ?? docs.cancellations.values.lazy.compactMap { AccessKey.stateCode(of: $0.key) }.first
    }

    static func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func pad(_ v: Int, _ w: Int) -> String {
        let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s
    }
}
