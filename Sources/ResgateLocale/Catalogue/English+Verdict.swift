/// The verdict per number (`VerdictPhrase`) in English.
extension English {
    static func verdict(_ v: VerdictPhrase) -> String {
        switch v {
        case .kind(let k):
            switch k {
            case .recreate: "re-create"
            case .transmitOrQuery: "transmit or query"
            case .transmit: "transmit"
            case .denied: "denied — number spent, nothing to do"
            case .cancelled: "cancelled — number spent, nothing to do"
            case .substituted: "cancelled by substitution — number spent, nothing to do"
            case .alreadyVoided: "already voided — nothing to do"
            case .void: "void"
            case .checkPOSBeforeVoiding: "check the points of sale before voiding"
            }
        case .advice(let k):
            switch k {
            case .recreate: "authorized by the tax authority and absent from the data: re-create the sale from its XML (resgate recreate)."
            case .transmitOrQuery:
                "in the data, no authorization in the XML: it may be a contingency note not yet sent, or an authorization whose XML was not saved — transmit it or look the key up; never void it."
            case .transmit: "signed in contingency and not authorized: transmit it; a number issued in contingency may never be voided."
            case .denied, .cancelled, .substituted, .alreadyVoided: verdict(.kind(k))
            case .void: "not in the data, not authorized, not signed, not voided: request its voiding (resgate inutilizar)."
            case .checkPOSBeforeVoiding:
                "found nowhere, but a contingency note is near (or the series has no XML): look for the note in the points of sale before voiding."
            }
        case .rule(let r):
            switch r {
            case .nextBusinessDay: "by the end of the first business day after issue (Ajuste SINIEF 19/16; holidays not counted)"
            case .hours24: "within 24 hours of issue (the state's rule)"
            case .tenthOfNextMonth: "by the 10th of the following month (Ajuste SINIEF 07/05)"
            }
        case let .line(span, count, kind, deadline, rule, daysLeft, near, entry):
            span + (count > 1 ? " (\(count))" : "") + ": " + verdict(.kind(kind))
                + (entry && kind == .recreate ? " (entry note: post it by hand in the ERP; recreate does not insert it)" : "")
                + (near.map { " (contingency note \($0) nearby)" } ?? "")
                + (deadline.map { d in
                    " — deadline \(d)"
                        + (daysLeft.map { $0 < 0 ? ", overdue by \(-$0) day(s)" : ", \($0) day(s) left" } ?? "")
                        + (rule.map { " [" + verdict(.rule($0)) + "]" } ?? "")
                } ?? "")
        case .heading: "Verdict per number:"
        case .more(let n): "…and \(n) more range(s) (full list in --json)."
        case .notJudged:
            "Without XML compared, no number gets a verdict: nothing may be voided before the XML or the tax authority is checked."
        }
    }
}
