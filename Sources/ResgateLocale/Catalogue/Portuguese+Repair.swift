/// `resgate repair` in Brazilian Portuguese.
extension Portuguese {
    static func repair(_ r: RepairPhrase) -> String {
        switch r {
        case let .headerUnreadable(f, why):
            "\(f): o cabeçalho não pode ser lido (\(why.text(in: .pt))); o reparo não tem como consertar isto — use resgate salvage e resgate restore --merge"
        case let .memoFileUnreadable(f, why):
            "\(f): o arquivo de memo não pode ser aberto (\(why.text(in: .pt))); nada foi alterado — sem ele todos os memos pareceriam quebrados"
        case let .indexNotRebuilt(f, why):
            "\(f): o índice não pôde ser reconstruído (\(why.map(indexFinding).joined(separator: "; "))); nada foi alterado"
        case .checkFailed(let why): "a conferência da tabela reparada falhou (\(checkProblem(why))); nada foi alterado"
        case .failed(let why): "o reparo falhou (\(why.text(in: .pt))); nada foi alterado"
        case .needsYes: "Sem terminal para confirmar: nada foi alterado. Use --yes para reparar, ou --dry-run para ver o que seria consertado."
        case let .confirm(t, n): "Consertar \(n) problema(s) em \(t)? (uma cópia para desfazer é guardada)"
        case .nothingToFix(let t): "\(t): nada a consertar."
        case let .repaired(t, n): "\(t): \(n) problema(s) consertado(s)."
        case let .wouldRepair(t, n): "\(t): \(n) problema(s) a consertar (simulação: nada foi gravado)."
        case let .records(h, f, a): "registros: o cabeçalho dizia \(h), o arquivo tinha \(f), a tabela reparada tem \(a)"
        case .indexRebuilt(let f): "índice \(f) reconstruído"
        case let .undo(d, id): "Para desfazer: resgate undo --data \(d) \(id)"
        case .moreNotListed(let n): "… e mais \(n) não listados"
        case let .headerCount(b, a): "contagem de registros do cabeçalho: \(b) → \(a) (contada pelo tamanho do arquivo)"
        case let .tornRecord(rec, n): "registro \(rec) cortado (\(n) bytes) removido do fim do arquivo; os bytes ficam na cópia para desfazer"
        case .missingEOF: "marca de fim de arquivo (0x1A) ausente: gravada"
        case let .memoNextFree(b, a): "ponteiro de próximo bloco livre do memo atrás de memos em uso: \(b) → \(a)"
        case let .memoEmptied(rec, f, outside, hex):
            "registro \(rec) \(f): memo \(outside ? "fora do arquivo de memo" : "ilegível") esvaziado (ponteiro era \(hex))"
        case let .fieldBlanked(rec, f, k, hex):
            "registro \(rec) \(f): \(fault(k)); campo limpo (bytes originais \(hex))"
        case let .quarantined(rec, hex): "registro \(rec): marca de exclusão inválida; separado da tabela (bytes \(hex))"
        }
    }

    static func checkProblem(_ p: RepairPhrase.CheckProblem) -> String {
        switch p {
        case let .count(h, f): "o cabeçalho conta \(h) registros, o arquivo tem \(f)"
        case .tornTail(let n): "os \(n) bytes do final não formam um registro inteiro"
        case .record(let r): "o registro \(r) ainda tem defeito"
        }
    }

    static func fault(_ k: RepairPhrase.FieldFault) -> String {
        switch k {
        case .number: "número ilegível"
        case .date: "data inválida"
        case .logical: "lógico inválido"
        case .dateTime: "data e hora inválida"
        case .varLength: "tamanho variável inválido"
        }
    }
}
