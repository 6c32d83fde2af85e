/// A restore's refusals and moments in Brazilian Portuguese.
extension Portuguese {
    static func restore(_ r: RestorePhrase) -> String {
        switch r {
        case .noOutputFolder: "informe --data ou --into"
        case .sourceIsDestination(let out): "a origem é a própria pasta de destino \(out)"
        case .backupHasDefects: "o backup tem defeitos"
        case .folderBusy(let folder): "outra operação do Resgate está em andamento em \(folder)"
        case let .folderNotWritable(path, why):
            "não é possível gravar em \(path) (\(why)): a pasta é somente leitura ou o usuário não tem permissão de escrita"
        case let .notEnoughDiskSpace(need, free): "espaço insuficiente em disco: são necessários \(need) bytes, há \(free) livres"
        case .cancelled: "cancelado: nada foi alterado"
        case .someTablesDamaged(let folder):
            folder ? "nada foi alterado: há tabelas com defeitos na pasta de origem"
                : "nada foi alterado: há tabelas com defeitos no backup"
        case .nothingChanged(let why): "nada foi alterado: " + restore(why)
        case .tableNotInSource(let folder): folder ? "a tabela não está na pasta de origem" : "a tabela não está no backup"
        case .liveIndexMissing:
            "o cabeçalho diz que a tabela tem índice CDX, mas o arquivo não existe; rode resgate reindex ou use --into"
        case .liveTableUnreadable(let why): "a tabela atual não pode ser lida (\(why.text(in: .pt))); use --into para restaurar em outra pasta"
        case .incompatibleFields(let f): "campos com tipos incompatíveis: " + f.joined(separator: "; ")
        case let .ownerOutOfReach(uid, gid, file):
            "as tabelas restauradas precisam do dono \(uid):\(gid) de \(file), que este usuário não pode dar; rode como esse usuário ou como root"
        case let .fileOpen(file, holder): "o arquivo \(file) está aberto no sistema (\(text(holder))); feche o ERP"
        case let .lockUnknown(file, op, why):
            "não foi possível verificar se \(file) está aberto no sistema (\(op): \(why)); rode com um usuário que possa ler o arquivo"
        case .indexNotRebuilt: "o índice CDX não pôde ser reconstruído (veja abaixo)"
        case .incomingTableDamaged:
            "a tabela recebida está danificada (use --skip-bad-lines / --blank-memos para aceitar, deixando de fora os registros ruins)"
        case .backupTableHasDefects: "o backup desta tabela tem defeitos (use --skip-bad-lines / --blank-memos para aceitar)"
        case .structureNotWritable(let why): "a estrutura do backup não pode ser gravada: \(why)"
        case .undoNotAnID(let id): "\"\(id)\" não é um id de desfazer: use o id que a restauração mostrou, nunca um caminho"
        case .undoNoSuchSnapshot(let id): "a cópia de segurança \(id) não existe"
        case .undoIncomplete(let id): "a cópia de segurança \(id) está incompleta (a operação dela nunca terminou)"
        case let .appendTableNotFound(t, folder): "a tabela \(t) não está em \(folder)"
        case let .appendCannotWrite(t, why): "não foi possível gravar" + (t.map { " em \($0)" } ?? "") + ": \(why.text(in: .pt))"
        case let .tableLocked(t, f, h): "a tabela \(t) está aberta no ERP (" + (f.map { "\($0): " } ?? "") + text(h) + ")"
        case .undoBusy: "outra operação do Resgate está em andamento nesta pasta"
        case let .undoCannotWrite(path, why):
            "não é possível gravar em \(path) (\(why)): a pasta é só de leitura ou este usuário não pode gravar nela"
        case let .mergeUnknownKeyField(t, n): "\(t): o campo-chave \(n) não existe na tabela"
        case let .mergeUnknownChangedField(t, n): "\(t): o campo de alteração \(n) não existe na tabela"
        case let .mergeChangedFieldNotADate(t, n): "\(t): o campo de alteração \(n) não é data nem data e hora"
        case let .mergeTooManyLiveRows(t, rows, budget):
            "\(t): a tabela atual tem \(rows) registros, mais que os \(budget) que a junção aceita; restaure sem --merge ou use salvage"
        case let .mergeUnreadableLive(t, reason): "\(t): a tabela atual não pode ser lida (\(reason.text(in: .pt))); restaure sem --merge"
        case let .mergeFailed(t, reason): "\(t): a junção falhou (\(reason.text(in: .pt)))"
        case .processingTables: "Processando TABELAS"
        case .insertingRecords: "Incluindo registros nas tabelas"
        case .done: "Processamento efetuado."
        }
    }
}
