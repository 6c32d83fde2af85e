/// What to do with a note number that the data lacks or that the tax authority does not
/// hold (docs/checks.md, "Verdicts"). The engine (`Fiscal`) decides the verdict as one of
/// these facts; the words for a person live here, beside the facts' names, so that every
/// front end (terminal, JSON `message`, web screen, printed report) says the same thing.
/// The raw values are the JSON values.
public enum VerdictKind: String, Sendable, Codable, CaseIterable, Comparable {
    /// Authorized (cStat 100/150), missing from the data: re-create it from its XML.
    case recreate
    /// In the data (or signed with normal emission), with no authorization found: it may be
    /// a contingency note still to send, or an authorization whose XML was not saved.
    case transmitOrQuery = "transmit-or-query"
    /// Signed offline (NFC-e `tpEmis` 9), never authorized: send it before the deadline.
    case transmit
    /// Denied ("uso denegado", 110/205/301–303): the number is spent, nothing to do.
    case denied
    /// Cancelled (event 110111 registered): the number is spent, nothing to do.
    case cancelled
    /// Cancelled by substitution (event 110112): the number is spent, nothing to do.
    case substituted
    /// Voided already (procInutNFe cStat 102): nothing to do.
    case alreadyVoided = "already-voided"
    /// Nowhere — not in the data, not authorized, not signed, not voided — and no
    /// contingency note near it: void it ("inutilizar").
    case void
    /// Nowhere, but a contingency note is near it in number or time (or the XML holds
    /// nothing for the series): look in the points of sale before voiding it.
    case checkPOSBeforeVoiding = "check-pos-before-voiding"

    /// The order of urgency in lists: what needs action first.
    var rank: Int {
        switch self {
        case .transmit: 0
        case .recreate: 1
        case .transmitOrQuery: 2
        case .checkPOSBeforeVoiding: 3
        case .void: 4
        case .denied: 5
        case .cancelled: 6
        case .substituted: 7
        case .alreadyVoided: 8
        }
    }
    public static func < (l: VerdictKind, r: VerdictKind) -> Bool { l.rank < r.rank }

    /// Whether the technician must do something about it.
    public var needsAction: Bool { rank <= VerdictKind.void.rank }

    /// The short verdict, as the issue and the technicians say it.
    public var words: Words { Words(VerdictPhrase.kind(self).text) }

    /// Why, and what to do: one sentence per verdict.
    public var advice: Words { Words(VerdictPhrase.advice(self).text) }
}

/// Which deadline rule a date comes from.
public enum DeadlineRule: String, Sendable, Codable, CaseIterable {
    /// NFC-e issued offline: send it by the end of the first business day after issue
    /// (Ajuste SINIEF 19/16, cl. 11ª) — the national rule.
    case nextBusinessDay = "next-business-day"
    /// NFC-e issued offline, in states whose own rule is 24 hours from `dhEmi` (Sergipe,
    /// Decreto 29.108), or when the config says so.
    case hours24 = "24h"
    /// Voiding: by the 10th day of the month after the numbers' month (Ajuste SINIEF 07/05,
    /// cl. 14ª).
    case tenthOfNextMonth = "tenth-of-next-month"

    public var words: Words { Words(VerdictPhrase.rule(self).text) }
}

/// Sentences around verdicts, shared by the check's message and the commands.
public enum VerdictWords {
    /// `41–52 (12): recriar — …`.
    public static func line(span: String, count: Int, kind: VerdictKind, deadline: String?, rule: DeadlineRule?,
                            daysLeft: Int?, near: Int?, entry: Bool = false) -> Words {
        Words(VerdictPhrase.line(span: span, count: count, kind: kind, deadline: deadline, rule: rule, daysLeft: daysLeft,
                                 near: near, entry: entry).text)
    }

    public static let heading = Words(VerdictPhrase.heading.text)

    public static func more(_ n: Int) -> Words { Words(VerdictPhrase.more(n).text) }

    public static let notJudged = Words(VerdictPhrase.notJudged.text)
}

/// The verdict words as facts: the words are in `Portuguese+Verdict.swift` /
/// `English+Verdict.swift`, one switch per language.
public enum VerdictPhrase: Sendable, Hashable {
    /// The short verdict.
    case kind(VerdictKind)
    /// Why, and what to do.
    case advice(VerdictKind)
    case rule(DeadlineRule)
    /// One line of verdicts: the span, how many numbers, the verdict, its deadline (ISO
    /// date) and rule, days left (negative: overdue), a contingency note near it, and
    /// whether the numbers are entry notes (`tpNF` 0: `recreate` leaves those to the ERP).
    case line(span: String, count: Int, kind: VerdictKind, deadline: String?, rule: DeadlineRule?, daysLeft: Int?, near: Int?,
              entry: Bool = false)
    case heading
    case more(Int)
    case notJudged

    public func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.verdict(self)
        case .en: English.verdict(self)
        }
    }
}
