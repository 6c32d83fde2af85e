/// The merging restore (`MergePhrase`) in Brazilian Portuguese.
extension Portuguese {
    static func merge(_ m: MergePhrase) -> String {
        switch m {
        case let .counts(b, l, u, a):
            "\(b) do backup + \(l) da tabela atual (\(u) alterado(s), \(a) novo(s))"
        case .conflicts(let n): "\(n) conflito(s): mesma chave, conteúdo diferente; fica a versão atual"
        case let .unreadable(n, records):
            "\(n) registro(s) ilegível(is) na tabela atual, não recuperado(s)" + recordList(records, total: n)
        case .memosLost(let n): "\(n) memo(s) ilegível(is) ficam vazios"
        case let .key(fields, source, tag):
            fields.isEmpty ? "sem chave: só acréscimos no fim"
                           : "chave \(fields.joined(separator: "+")) (\(keySource(source, tag: tag)))"
        case .changedField(let f): "alteração pelo campo \(f)"
        case .keepsNewer(let n): "\(n) registro(s) legível(is) que o backup não tem"
        case .nothingNewer: "nada novo desde o backup"
        case let .noKeyNotAppendOnly(live, backup):
            "sem chave e a tabela atual tem menos registros (\(live)) que o backup (\(backup)): não é só de acréscimos, não dá para saber o que é novo"
        case .noLiveTable: "não existe na pasta de dados: vem inteira do backup"
        case .notComputed: "não calculada porque outra tabela foi recusada"
        case .previewing: "Calculando a restauração sem perder o que foi feito depois do backup…"
        case .recommended: "Marcado porque a tabela atual ainda tem registros legíveis feitos depois do backup."
        case .notRecommendedNothingNewer: "Desmarcado: as tabelas atuais não têm nada legível que o backup não tenha."
        case .notRecommendedNoKey(let t):
            "Desmarcado: \(t.joined(separator: ", ")) sem chave e sem ser só de acréscimos; confira antes de marcar."
        case .impossible(let why): "Não disponível: \(why)"
        case .handoverNote: "restaurada sem perder o que foi feito depois do backup"
        }
    }

    static func keySource(_ s: MergePhrase.KeySource, tag: String?) -> String {
        switch s {
        case .option: "informada"
        case .config: "resgate.toml"
        case .candidateTag: "índice candidato" + (tag.map { " \($0)" } ?? "")
        case .uniqueTag: "índice único" + (tag.map { " \($0)" } ?? "")
        case .none: "sem chave"
        }
    }

    static func recordList(_ records: [Int], total: Int) -> String {
        guard !records.isEmpty else { return "" }
        let shown = records.prefix(20).map(String.init).joined(separator: ", ")
        return ": nº " + shown + (total > 20 ? " …" : "")
    }
}
