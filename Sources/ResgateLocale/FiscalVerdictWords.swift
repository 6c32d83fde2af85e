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
    public var words: Words {
        switch self {
        case .recreate: Words(pt: "recriar", en: "re-create")
        case .transmitOrQuery: Words(pt: "transmitir ou consultar", en: "transmit or query")
        case .transmit: Words(pt: "transmitir", en: "transmit")
        case .denied: Words(pt: "denegada — número gasto, nada a fazer", en: "denied — number spent, nothing to do")
        case .cancelled: Words(pt: "cancelada — número gasto, nada a fazer", en: "cancelled — number spent, nothing to do")
        case .substituted: Words(pt: "cancelada por substituição — número gasto, nada a fazer", en: "cancelled by substitution — number spent, nothing to do")
        case .alreadyVoided: Words(pt: "já inutilizado — nada a fazer", en: "already voided — nothing to do")
        case .void: Words(pt: "inutilizar", en: "void")
        case .checkPOSBeforeVoiding: Words(pt: "verificar nos caixas antes de inutilizar", en: "check the points of sale before voiding")
        }
    }

    /// Why, and what to do: one sentence per verdict.
    public var advice: Words {
        switch self {
        case .recreate:
            Words(pt: "autorizada na SEFAZ e ausente dos dados: recrie a venda a partir do XML (resgate recreate).",
                  en: "authorized by the tax authority and absent from the data: re-create the sale from its XML (resgate recreate).")
        case .transmitOrQuery:
            Words(pt: "nos dados, sem autorização no XML: pode ser nota em contingência ainda não enviada ou autorização cujo XML não foi salvo — transmita ou consulte a chave na SEFAZ; nunca inutilize.",
                  en: "in the data, no authorization in the XML: it may be a contingency note not yet sent, or an authorization whose XML was not saved — transmit it or look the key up; never void it.")
        case .transmit:
            Words(pt: "assinada em contingência e não autorizada: transmita-a à SEFAZ; é proibido inutilizar número emitido em contingência.",
                  en: "signed in contingency and not authorized: transmit it; a number issued in contingency may never be voided.")
        case .denied, .cancelled, .substituted, .alreadyVoided:
            words
        case .void:
            Words(pt: "não está nos dados, nem autorizado, nem assinado, nem inutilizado: peça a inutilização (resgate inutilizar).",
                  en: "not in the data, not authorized, not signed, not voided: request its voiding (resgate inutilizar).")
        case .checkPOSBeforeVoiding:
            Words(pt: "não encontrado em lugar nenhum, mas há nota em contingência perto (ou não há XML da série): procure a nota nos caixas (PDV) antes de inutilizar.",
                  en: "found nowhere, but a contingency note is near (or the series has no XML): look for the note in the points of sale before voiding.")
        }
    }
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

    public var words: Words {
        switch self {
        case .nextBusinessDay:
            Words(pt: "até o fim do 1º dia útil após a emissão (Ajuste SINIEF 19/16; feriados não considerados)",
                  en: "by the end of the first business day after issue (Ajuste SINIEF 19/16; holidays not counted)")
        case .hours24:
            Words(pt: "até 24 horas após a emissão (regra da UF)", en: "within 24 hours of issue (the state's rule)")
        case .tenthOfNextMonth:
            Words(pt: "até o dia 10 do mês seguinte (Ajuste SINIEF 07/05)", en: "by the 10th of the following month (Ajuste SINIEF 07/05)")
        }
    }
}

/// Sentences around verdicts, shared by the check's message and the commands.
public enum VerdictWords {
    /// `41–52 (12): recriar — …`.
    public static func line(span: String, count: Int, kind: VerdictKind, deadline: String?, rule: DeadlineRule?,
                            daysLeft: Int?, near: Int?) -> Words {
        var pt = "\(span)" + (count > 1 ? " (\(count))" : "") + ": " + kind.words.pt
        var en = "\(span)" + (count > 1 ? " (\(count))" : "") + ": " + kind.words.en
        if let near {
            pt += " (nota em contingência nº \(near) perto)"
            en += " (contingency note \(near) nearby)"
        }
        if let deadline {
            let left = daysLeft.map { d -> Words in
                d < 0 ? Words(pt: "vencido há \(-d) dia(s)", en: "overdue by \(-d) day(s)")
                    : Words(pt: "faltam \(d) dia(s)", en: "\(d) day(s) left")
            }
            pt += " — prazo \(Format.date(deadline, in: .pt))" + (left.map { ", " + $0.pt } ?? "") + (rule.map { " [" + $0.words.pt + "]" } ?? "")
            en += " — deadline \(deadline)" + (left.map { ", " + $0.en } ?? "") + (rule.map { " [" + $0.words.en + "]" } ?? "")
        }
        return Words(pt: pt, en: en)
    }

    public static let heading = Words(pt: "Veredito por número:", en: "Verdict per number:")

    public static func more(_ n: Int) -> Words {
        Words(pt: "…e mais \(n) faixa(s) (lista completa em --json).", en: "…and \(n) more range(s) (full list in --json).")
    }

    public static let notJudged = Words(
        pt: "Sem XML comparado, nenhum número recebe veredito: nada deve ser inutilizado antes de conferir o XML ou a SEFAZ.",
        en: "Without XML compared, no number gets a verdict: nothing may be voided before the XML or the tax authority is checked.")
}
