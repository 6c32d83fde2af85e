import ResgateLocale

/// Issuer (CNPJ, or CPF), model and series: the unit in which notes are numbered.
public struct SeriesID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// CNPJ (14 characters, possibly alphanumeric) or CPF; empty when unknown.
    public var issuer: String
    /// 55 NF-e, 65 NFC-e.
    public var model: Int
    public var series: Int

    public init(issuer: String, model: Int, series: Int) {
        self.issuer = issuer; self.model = model; self.series = series
    }

    public static func < (l: SeriesID, r: SeriesID) -> Bool {
        (l.issuer, l.model, l.series) < (r.issuer, r.model, r.series)
    }
    public var description: String {
        (issuer.isEmpty ? "?" : issuer) + " mod \(model) série \(series)"
    }
}

/// A note that the tax authority accepted (cStat 100/150) or denied (110, 205, 301–303:
/// "uso denegado", whose number is spent all the same), read from an `nfeProc`.
///
/// The series is the key it is filed under in `AuthorizedIndex.series` (not repeated here:
/// 200,000 notes × 32 bytes is memory better not spent).
public struct AuthorizedNote: Sendable, Hashable, Codable {
    public var number: Int
    public var key: String
    /// `dhEmi` (or `dEmi` in old layouts) as written.
    public var issued: String
    public var protocolNumber: String
    public var status: Int
    public var file: String
    /// Problems of `key` against the note's own fields (empty when the key is right).
    public var keyProblems: [AccessKeyProblem]
    /// `tpNF` 0: an entry note the store issued (a return, an import): it shares the
    /// series' numbering, but is not a sale.
    public var isEntry: Bool = false

    /// `tpEmis` as the key carries it (character 35): 1 normal, 9 NFC-e offline contingency.
    public var emission: Int { AccessKey.emission(of: key) ?? 1 }
    public var isDenied: Bool { !AuthorizedNote.authorizedStatuses.contains(status) }
    static let authorizedStatuses: Set<Int> = [100, 150]
    static let deniedStatuses: Set<Int> = [110, 205, 301, 302, 303]
}

/// A range of numbers voided with the tax authority ("inutilização", cStat 102).
public struct VoidedRange: Sendable, Hashable, Codable {
    public var series: SeriesID
    public var first: Int
    public var last: Int
    public var protocolNumber: String
    public var file: String
}

/// A registered cancellation event (tpEvento 110111, or 110112 "por substituição"):
/// the note's number stays spent.
public struct Cancellation: Sendable, Hashable, Codable {
    public var series: SeriesID
    public var number: Int
    public var key: String
    public var date: String
    public var protocolNumber: String
    public var file: String
    /// Problems of the event's `chNFe` (a wrong check digit; the layout was usable).
    public var keyProblems: [AccessKeyProblem] = []
    /// 110112: cancelled because another note replaced it ("cancelamento por substituição").
    public var bySubstitution: Bool = false
}

/// A signed note with no authorization in the folders: an `NFe` on its own, or an
/// `nfeProc` without `protNFe`. An NFC-e issued offline (`tpEmis` 9) waits like this in
/// the point of sale until it is sent; its number is spent and may never be voided
/// (Ajuste SINIEF 19/16, cl. 11ª § 2º).
public struct PendingNote: Sendable, Hashable, Codable {
    public var number: Int
    /// Rebuilt from `ide` (cUF, dhEmi, CNPJ, mod, serie, nNF, tpEmis, cNF, cDV); empty
    /// when a part is missing.
    public var key: String
    public var issued: String
    /// `tpEmis`: 9 is the NFC-e offline contingency.
    public var emission: Int
    public var isEntry: Bool
    public var file: String
}

/// Why a file under the XML folder added nothing to the index. None of these is fatal.
public typealias SkipReason = FiscalPhrase.SkipPhrase

extension SkipReason {
    /// Broken files may hide authorized numbers; the others are simply not ours.
    public var isBroken: Bool {
        switch self {
        case .broken, .unreadable: true
        default: false
        }
    }
}

public struct SkippedFile: Sendable, Hashable, Codable {
    public var file: String
    public var reason: SkipReason
}
