import ResgateLocale

/// Decides a series' status and says, in Portuguese and English, what is wrong and what
/// the technician must do about it, most urgent first.
enum SequenceMessages {
    static func judge(_ r: SequenceResult, conflicts: [AuthorizedNote]) -> (CheckStatus, Words) {
        var fails: [Words] = []
        var warnings: [Words] = []
        let effective = r.counter ?? r.lastInData ?? 0
        let next = r.nextSafe

        if let la = r.lastAuthorized, effective < la {
            let toEnter = r.authorizedAfterData.reduce(0) { $0 + ($1.cancelled || $1.denied ? 0 : 1) }
            let list = numberList(r.authorizedAfterData.map(\.number))
            var pt = "O ERP emitiria a próxima nota com o número \(effective + 1), mas a SEFAZ já tem até o \(la) (autorizado ou inutilizado): ela seria rejeitada (cStat 539/204). Ajuste o contador do ERP para que a próxima nota seja a \(next)."
            var en = "The ERP would issue the next note as number \(effective + 1), but the tax authority already holds up to \(la) (authorized or voided): it would be rejected (cStat 539/204). Set the ERP's counter so that the next note is \(next)."
            if !r.authorizedAfterData.isEmpty {
                pt += " Notas autorizadas depois da última dos dados (\(r.lastInData ?? 0)), que o backup não tem: \(list)."
                en += " Notes authorized after the data's last one (\(r.lastInData ?? 0)), which the backup lacks: \(list)."
                if toEnter > 0 {
                    pt += " Redigite ou importe do XML estas \(toEnter) venda(s) antes de abrir a loja."
                    en += " Re-enter or import from the XML these \(toEnter) sale(s) before the store opens."
                }
            }
            fails.append(Words(pt: pt, en: en))
        }
        if let c = r.counter, let ld = r.lastInData, c < ld {
            fails.append(Words(
                pt: "O contador do ERP (\(c)) está abaixo do maior número nos dados (\(ld)): a próxima nota repetiria um número. Ajuste-o para \(next - 1).",
                en: "The ERP's counter (\(c)) is below the highest number in the data (\(ld)): the next note would repeat a number. Set it to \(next - 1)."))
        }
        if !r.duplicates.isEmpty {
            let detail = r.duplicateRecords.prefix(10).map { "\($0.number) (reg. \($0.records.map(String.init).joined(separator: ", ")))" }.joined(separator: "; ")
            let more = r.duplicates.count > 10 ? " …+\(r.duplicates.count - 10)" : ""
            fails.append(Words(
                pt: "Números repetidos nos dados: \(detail)\(more). Cada número só pode ter uma nota: confira esses registros com o XML autorizado e corrija-os.",
                en: "Numbers repeated in the data: \(detail)\(more). Each number can hold one note only: compare these records with the authorized XML and correct them."))
        }
        if !r.wrongKeys.isEmpty {
            let detail = r.wrongKeys.prefix(5).map { w in
                let at = w.source == .data ? "reg. \(w.record ?? 0)" : "XML \(w.file ?? "")"
                return "\(w.number) [\(at)]: " + w.problems.map { $0.words.pt }.joined(separator: ", ")
            }.joined(separator: "; ")
            let detailEn = r.wrongKeys.prefix(5).map { w in
                let at = w.source == .data ? "record \(w.record ?? 0)" : "XML \(w.file ?? "")"
                return "\(w.number) [\(at)]: " + w.problems.map { $0.words.en }.joined(separator: ", ")
            }.joined(separator: "; ")
            let more = r.wrongKeyCount > 5 ? " …+\(r.wrongKeyCount - 5)" : ""
            fails.append(Words(
                pt: "\(r.wrongKeyCount) chave(s) de acesso erradas: \(detail)\(more). Corrija a chave a partir do XML autorizado (a SEFAZ recusa eventos e consultas com chave errada).",
                en: "\(r.wrongKeyCount) wrong access key(s): \(detailEn)\(more). Correct the key from the authorized XML (the tax authority refuses events and queries with a wrong key)."))
        }
        if !r.gaps.isEmpty {
            let count = r.gaps.reduce(0) { $0 + $1.count }
            let list = rangeList(r.gaps)
            warnings.append(Words(
                pt: "\(count) número(s) sem nota nos dados, sem autorização e sem inutilização: \(list). Cada faixa deve ser inutilizada na SEFAZ até o dia 10 do mês seguinte ao da emissão — mas, quando o veredito pede, procure antes a nota nos caixas (contingência).",
                en: "\(count) number(s) with no note in the data, no authorization and no voiding: \(list). Each range must be voided with the tax authority by the 10th of the month after issue — but where the verdict says so, look for the note in the points of sale first (contingency)."))
        }
        if r.authorizedMissingInDataCount > 0 {
            let list = numberList(r.authorizedMissingInData)
            warnings.append(Words(
                pt: "\(r.authorizedMissingInDataCount) nota(s) autorizada(s) dentro da faixa dos dados não estão nos dados: \(list). Essas vendas se perderam: redigite-as ou importe-as do XML.",
                en: "\(r.authorizedMissingInDataCount) authorized note(s) within the data's range are not in the data: \(list). Those sales were lost: re-enter or import them from the XML."))
        }
        if !conflicts.isEmpty {
            let list = numberList(conflicts.map(\.number))
            warnings.append(Words(
                pt: "O XML tem notas diferentes (chaves diferentes) para o mesmo número: \(list). Só uma pode estar autorizada: consulte as chaves na SEFAZ.",
                en: "The XML holds different notes (different keys) for the same number: \(list). Only one can be authorized: look the keys up with the tax authority."))
        }
        if !r.comparedWithXML && r.rowsInData > 0 {
            warnings.append(Words(
                pt: "Não comparado com o XML autorizado (sem --xml, ou emitente desconhecido): o número seguro só pode ser confirmado na SEFAZ ou no XML.",
                en: "Not compared with the authorized XML (no --xml, or issuer unknown): the safe number can only be confirmed with the tax authority or the XML."))
        }
        let summary = Words(
            pt: "Dados até \(r.lastInData.map(String.init) ?? "—"), SEFAZ até \(r.lastAuthorized.map(String.init) ?? "—"); próximo número seguro: \(next).",
            en: "Data up to \(r.lastInData.map(String.init) ?? "—"), tax authority up to \(r.lastAuthorized.map(String.init) ?? "—"); next safe number: \(next).")
        let counts = r.verdictCounts
        if (counts[.transmit] ?? 0) + (counts[.transmitOrQuery] ?? 0) > 0 {
            warnings.append(Words(
                pt: "\(counts[.transmit] ?? 0) nota(s) assinada(s) em contingência a transmitir e \(counts[.transmitOrQuery] ?? 0) número(s) sem autorização no XML (transmitir ou consultar): nenhum deles pode ser inutilizado.",
                en: "\(counts[.transmit] ?? 0) note(s) signed in contingency to transmit and \(counts[.transmitOrQuery] ?? 0) number(s) without authorization in the XML (transmit or query): none of them may be voided."))
        }
        var tail: [Words] = []
        if !counts.isEmpty {
            let parts = counts.sorted { $0.key < $1.key }.map { (k, n) in (k.words, n) }
            tail.append(Words(pt: "Veredito: " + parts.map { "\($0.1) \($0.0.pt)" }.joined(separator: "; ") + ".",
                              en: "Verdict: " + parts.map { "\($0.1) \($0.0.en)" }.joined(separator: "; ") + "."))
        }
        let status: CheckStatus = !fails.isEmpty ? .fail : !warnings.isEmpty ? .warning : .ok
        let all = [summary] + fails + warnings + tail
        return (status, Words(pt: all.map(\.pt).joined(separator: " "), en: all.map(\.en).joined(separator: " ")))
    }

    /// "1, 2, 5 … (+12)" — at most 15 numbers.
    static func numberList(_ numbers: [Int]) -> String {
        let shown = numbers.prefix(15).map(String.init).joined(separator: ", ")
        return numbers.count > 15 ? shown + " … (+\(numbers.count - 15))" : shown
    }

    /// "57, 60–62" — at most 10 ranges.
    static func rangeList(_ ranges: [NumberSpan]) -> String {
        let shown = ranges.prefix(10).map(\.description).joined(separator: ", ")
        return ranges.count > 10 ? shown + " … (+\(ranges.count - 10))" : shown
    }
}

extension AccessKeyProblem {
    /// What is wrong, in both languages.
    public var words: Words {
        switch self {
        case .wrongLength(let n):
            Words(pt: "tem \(n) caracteres em vez de 44", en: "has \(n) characters instead of 44")
        case let .badCharacter(p, c):
            Words(pt: "caractere '\(c)' inválido na posição \(p)", en: "invalid character '\(c)' at position \(p)")
        case let .wrongCheckDigit(found, expected):
            Words(pt: "dígito verificador \(found), o certo é \(expected)", en: "check digit \(found), it should be \(expected)")
        case let .modelDiffers(k, r):
            Words(pt: "modelo \(k) na chave, \(r) no registro", en: "model \(k) in the key, \(r) in the row")
        case let .seriesDiffers(k, r):
            Words(pt: "série \(k) na chave, \(r) no registro", en: "series \(k) in the key, \(r) in the row")
        case let .numberDiffers(k, r):
            Words(pt: "número \(k) na chave, \(r) no registro", en: "number \(k) in the key, \(r) in the row")
        case let .issuerDiffers(k, r):
            Words(pt: "CNPJ \(k) na chave, \(r) no registro", en: "CNPJ \(k) in the key, \(r) in the row")
        case .differsFromAuthorized(let a):
            Words(pt: "não é a chave autorizada na SEFAZ (\(a))", en: "is not the key the tax authority authorized (\(a))")
        }
    }
}
