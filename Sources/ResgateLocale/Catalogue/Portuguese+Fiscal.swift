/// What `resgate check` found, in Brazilian Portuguese.
extension Portuguese {
    static func fiscal(_ f: FiscalPhrase) -> String {
        typealias F = FiscalPhrase
        switch f {
        case let .sequenceSummary(data, authority, next):
            return "Dados até \(data.map(String.init) ?? "—"), SEFAZ até \(authority.map(String.init) ?? "—"); próximo número seguro: \(next)."
        case let .behindTaxAuthority(would, la, next):
            return "O ERP emitiria a próxima nota com o número \(would), mas a SEFAZ já tem até o \(la) (autorizado ou inutilizado): ela seria rejeitada (cStat 539/204). Ajuste o contador do ERP para que a próxima nota seja a \(next)."
        case let .authorizedAfterData(last, numbers, count):
            return "Notas autorizadas depois da última dos dados (\(last)), que o backup não tem: \(F.numberList(numbers, count: count))."
        case .reenterSales(let n):
            return "Redigite ou importe do XML estas \(n) venda(s) antes de abrir a loja."
        case let .counterBelowData(c, ld, to):
            return "O contador do ERP (\(c)) está abaixo do maior número nos dados (\(ld)): a próxima nota repetiria um número. Ajuste-o para \(to)."
        case let .repeatedNumbers(shown, count):
            let detail = shown.map { "\($0.number) (reg. \(F.records($0.records)))" }.joined(separator: "; ")
            return "Números repetidos nos dados: \(detail)\(F.more(count, shown: 10)). Cada número só pode ter uma nota: confira esses registros com o XML autorizado e corrija-os."
        case let .wrongKeys(shown, count):
            let detail = shown.map { w in
                "\(w.number) [\(w.record.map { "reg. \($0)" } ?? "XML \(w.xmlFile ?? "")")]: " + w.problems.map(keyProblem).joined(separator: ", ")
            }.joined(separator: "; ")
            return "\(count) chave(s) de acesso erradas: \(detail)\(F.more(count, shown: 5)). Corrija a chave a partir do XML autorizado (a SEFAZ recusa eventos e consultas com chave errada)."
        case let .gaps(numbers, ranges, rangeCount):
            return "\(numbers) número(s) sem nota nos dados, sem autorização e sem inutilização: \(F.rangeList(ranges, count: rangeCount)). Cada faixa deve ser inutilizada na SEFAZ até o dia 10 do mês seguinte ao da emissão — mas, quando o veredito pede, procure antes a nota nos caixas (contingência)."
        case let .authorizedMissingInData(count, numbers, listed):
            return "\(count) nota(s) autorizada(s) dentro da faixa dos dados não estão nos dados: \(F.numberList(numbers, count: listed)). Essas vendas se perderam: redigite-as ou importe-as do XML."
        case let .conflictingNotes(numbers, count):
            return "O XML tem notas diferentes (chaves diferentes) para o mesmo número: \(F.numberList(numbers, count: count)). Só uma pode estar autorizada: consulte as chaves na SEFAZ."
        case .notComparedWithXML:
            return "Não comparado com o XML autorizado (sem --xml, ou emitente desconhecido): o número seguro só pode ser confirmado na SEFAZ ou no XML."
        case let .contingency(t, tq):
            return "\(t) nota(s) assinada(s) em contingência a transmitir e \(tq) número(s) sem autorização no XML (transmitir ou consultar): nenhum deles pode ser inutilizado."
        case .verdictCounts(let counts):
            return "Veredito: " + counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.words.pt)" }.joined(separator: "; ") + "."
        case let .xmlFolderRead(folder, files, docs):
            return "Pasta XML \(folder): \(files) arquivo(s), \(docs) documento(s) fiscais lidos."
        case let .xmlBroken(shown, count):
            let list = shown.map { "\($0.file) (\(skip($0.reason)))" }.joined(separator: "; ")
            return "\(count) arquivo(s) com defeito, que podem esconder números autorizados: \(list)\(F.more(count, shown: 5)). Obtenha-os de novo (portal da SEFAZ ou backup do ERP) e rode a conferência outra vez."
        case .xmlUnrelated(let n):
            return "\(n) arquivo(s) sem relação com a numeração, ignorados."
        case .xmlOtherIssuers(let series):
            return "Séries de outros emitentes (p.ex. notas de fornecedores), ignoradas: \(series.joined(separator: ", "))."
        case let .notEmpty(t, n, min):
            return "\(t) tem \(n) registro(s) (mínimo \(min))."
        case let .tooFewRecords(t, n, min):
            return "\(t) tem só \(n) registro(s), o mínimo é \(min): a tabela foi restaurada? Restaure-a de novo ou de outro backup."
        case let .noRepeats(s, n):
            return "\(s): sem repetições em \(n) registro(s)."
        case let .repeatedValues(s, values, extra, examples):
            return "\(s): \(values) valor(es) repetido(s), \(extra) registro(s) a mais: \(valueList(examples)). Apague ou corrija os repetidos no ERP."
        case let .allReferencesFound(s, n):
            return "\(s): todos os \(n) registro(s) encontram referência."
        case let .referencesMissing(s, n, values, target, table, examples):
            return "\(s): \(n) registro(s) apontam para \(values) valor(es) que não existem em \(target): \(valueList(examples)). Restaure também \(table) (ou do mesmo backup) ou cadastre os que faltam."
        case let .dataUpTo(s, newest, rec):
            return "\(s): os dados vão até \(newest) (registro \(rec))."
        case let .olderThanBackup(days, date):
            return "Isso é \(days) dia(s) antes da data do backup (\(date)): o backup não tinha o movimento mais recente; confira e redigite o que faltar."
        case .newerThanBackup(let date):
            return "Isso é depois da data do backup (\(date)): a tabela foi mesmo restaurada?"
        case let .noDateFilled(s, n):
            return "\(s): nenhuma data preenchida em \(n) registro(s)."
        case let .unusableRows(n, t, recs):
            return "\(n) registro(s) de \(t) sem número, série ou modelo utilizável (reg. \(F.records(recs))): ficaram fora da conferência da sequência; confira-os."
        case let .discovered(t, fields, others):
            return "Sem resgate.toml: usei a tabela \(t) (campos \(fields.joined(separator: ", "))) como a das notas emitidas."
                + (others.isEmpty ? "" : " Outras candidatas: \(others.joined(separator: ", ")).")
                + " Se não for essa, escreva um resgate.toml (veja docs/checks.md)."
        case .reportHeading(let d): return "Conferência pós-restauração — dados: \(d)"
        case .reportConfig(let c): return "Configuração: " + c
        case .reportXML(let x): return "XML autorizados: " + x
        case .statusTitle(let l): return title(l)
        case .reportResult(let l):
            return "Resultado: \(title(l))" + (l == .fail ? " — não libere o sistema antes de resolver as falhas." : l == .warning ? " — resolva os avisos." : " — pode liberar o sistema.")
        }
    }

    static func title(_ l: FiscalPhrase.Level) -> String {
        switch l {
        case .fail: "FALHA"
        case .warning: "AVISO"
        case .ok: "OK"
        }
    }

    /// Examples of values and their records: `7 (reg. 3, 9); …` (at most five).
    static func valueList(_ v: [FiscalPhrase.ValueRecords]) -> String {
        v.prefix(5).map { "\($0.value) (reg. \(FiscalPhrase.records($0.records)))" }.joined(separator: "; ")
    }

    static func keyProblem(_ p: FiscalPhrase.KeyProblem) -> String {
        switch p {
        case .wrongLength(let n): "tem \(n) caracteres em vez de 44"
        case let .badCharacter(p, c): "caractere '\(c)' inválido na posição \(p)"
        case let .wrongCheckDigit(found, expected): "dígito verificador \(found), o certo é \(expected)"
        case let .modelDiffers(k, r): "modelo \(k) na chave, \(r) no registro"
        case let .seriesDiffers(k, r): "série \(k) na chave, \(r) no registro"
        case let .numberDiffers(k, r): "número \(k) na chave, \(r) no registro"
        case let .issuerDiffers(k, r): "CNPJ \(k) na chave, \(r) no registro"
        case .differsFromAuthorized(let a): "não é a chave autorizada na SEFAZ (\(a))"
        }
    }

    static func skip(_ s: FiscalPhrase.SkipPhrase) -> String {
        switch s {
        case .empty: "vazio"
        case .notXML: "não é XML"
        case .unreadable(let r): "ilegível: \(r)"
        case .otherDocument(let root): "outro documento (<\(root)>)"
        case .notAuthorized(let st): st.map { "não autorizado (cStat \($0))" } ?? "sem protocolo de autorização"
        case let .otherEvent(type, st): "evento \(type) não considerado" + (st.map { " (cStat \($0))" } ?? "")
        case .homologation: "ambiente de homologação (tpAmb 2)"
        case let .broken(line, d): "linha \(line): \(xmlFault(d))"
        }
    }
}

/// Input the fiscal commands cannot use, in Brazilian Portuguese.
extension Portuguese {
    static func fiscalError(_ e: FiscalErrorPhrase) -> String {
        switch e {
        case let .cannotRead(p, r): "\(p): não foi possível ler" + (r.map { ": \($0)" } ?? "")
        case let .configSyntax(f, l, c, r): "\(f):\(l):\(c): erro de sintaxe TOML: \(r)"
        case let .configValue(f, l, e, k, r): "\(f)" + (l.map { ":\($0)" } ?? "") + ": \(e ?? "nível principal"), chave '\(k)': " + configProblem(r)
        case let .tableNotFound(t, d, cf): "tabela \(t) não encontrada em \(d)" + (cf.map { " (citada em \($0))" } ?? "")
        case let .fieldNotFound(t, f, file, cf): "\(file): a tabela \(t) não tem o campo \(f)" + (cf.map { " (citado em \($0))" } ?? "")
        case let .unreadableTable(f, r): "\(f): tabela ilegível: \(r.text(in: .pt))"
        case let .unreadableXML(f, l, r): "\(f):\(l): XML ilegível: \(r)"
        case let .xmlWithoutNFe(f): "\(f): o arquivo não tem NFe/infNFe"
        case let .notAFolder(p): "\(p): não é uma pasta"
        case let .noRecreateMapping(cf):
            "falta a seção [recreate] (mapeamento XML → tabelas) em " + (cf ?? "resgate.toml (nenhum encontrado)") + "; veja docs/checks.md"
        case let .cannotMap(x, t, f, p, v, r): "\(x): o valor '\(v)' de \(p ?? "constante") não cabe em \(t).\(f): " + mapProblem(r)
        case let .badJustification(n): "--just deve ter de 15 a 255 caracteres numa linha, sem espaços no início ou no fim (tem \(n))"
        case let .noStateCode(s): "\(s): nenhuma chave de acesso da série informa a UF (cUF)"
        case let .issuerNotCNPJ(s): "\(s): o emitente não é um CNPJ (a inutilização exige CNPJ)"
        case let .cannotWrite(p, r): "\(p): não foi possível gravar: \(r)"
        case let .nothingToCheck(d):
            "sem configuração (resgate.toml) e nenhuma tabela em \(d) com campos como NUMERO/NNF/NUMNOTA, SERIE e MODELO/MOD: escreva um resgate.toml (veja docs/checks.md)"
        case .xmlFolderNeeded: "--xml: informe a pasta dos XML (ou [fiscal] xml no resgate.toml)"
        }
    }
}

extension Portuguese {
    static func mapProblem(_ p: MapProblem) -> String {
        switch p {
        case .notInMap(let known): "código fora do map do mapeamento (os válidos são: \(known.joined(separator: ", ")))"
        case .notADecimal: "não é um número decimal"
        case .notAnIntegerField: "não é um número inteiro que caiba num campo I"
        case .notANumber: "não é um número"
        case .notAnISODate: "não é uma data ISO (AAAA-MM-DD…)"
        case .notAnISODateTime: "não é uma data e hora ISO"
        case .badTimeOfDay: "horário inválido"
        case .notALogical: "não é um valor lógico (1/0, true/false)"
        case .typeNotWritten(let t): "o recreate não grava campos do tipo \(t)"
        }
    }
}
