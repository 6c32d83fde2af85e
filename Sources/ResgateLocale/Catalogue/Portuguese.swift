/// Every `Phrase` in Brazilian Portuguese, the users' first language.
enum Portuguese {
    static func text(_ p: Phrase) -> String {
        switch p {
        case .folderMissing(let f): "a pasta \(f) não existe"
        case .dataFolderMissing(let f): "\(f): pasta de dados não encontrada"
        case .setMissing(let s): "\(s): não existe"
        case .cannotCreate(let s): "\(s): não foi possível criar"
        case .moreDefectsNotListed(let n): "… e mais \(n) defeito(s) não listados (os primeiros 1000 por tabela; a lista completa com --defects-file)."
        case .tableNotInBackup(let t): "a tabela \(t) não está no backup"
        case let .tableNotInData(t, f): "a tabela \(t) não existe em \(f)"
        case .noSuchTables(let t): "tabela não encontrada: \(t)"
        case .invalidTableName(let t): "nome de tabela inválido: \(t) (só letras, dígitos e _)"
        case .noSuchSnapshot(let id): "cópia de segurança \(id) não existe"
        case .unusableCheckInput(let why): "entrada inutilizável: \(why)"
        case .nothingToVerify(let p): "nada a verificar em \(p): nenhuma tabela de backup (estrutura _Estr + dados); para tabelas DBF use resgate scan"
        case .invalidMergeConfig(let f): "configuração [merge] inutilizável: " + mergeConfig(f)
        case .invalidBackupDate(let d): "--backup-date: data inválida '\(d)' (use AAAA-MM-DD)"
        case .unknownKeyField(let k): "o campo-chave \(k) não existe no backup e na tabela"
        case .unreadableTable(let t): "a tabela \(t) não pôde ser lida"
        case .backupFailed: "não foi possível gravar o backup"
        case .unreadableBackupRoot(let r): "não foi possível ler a pasta de backups \(r)"
        case let .restoreOutOfSpace(file, folder, room):
            "nada foi alterado: " + noRoom(room, file: file, folder: folder)
                + "; a restauração parou e os arquivos temporários foram apagados. Libere espaço e rode de novo."
        case let .backupOutOfSpace(file, folder, room):
            "o backup não foi gravado: " + noRoom(room, file: file, folder: folder)
                + "; os arquivos temporários foram apagados e a pasta de dados não foi tocada. Libere espaço e rode de novo."
        case .folderBusy: "outra operação do resgate está em andamento nesta pasta"
        case .tableInUse(let h): "tabela em uso por outro programa (\(h))"
        case .undoRefused(let why): "desfazer recusado: \(why.text(in: .pt))"
        case let .checkingTables(done, total): "Verificando tabelas: \(done)/\(total)"
        case let .progressFigures(done, total, files, left):
            CLIProgressText.figures(done: done, total: total, unit: files ? ("arquivo", "arquivos") : ("registro", "registros"),
                                    of: "de", left: left.map { "faltam " + CLIProgressText.duration($0) }, in: .pt)
        case .checking: "Conferindo…"
        case .verifyingSet(let s): "Verificando o backup \(s)…"
        case .comparing(let t): "Comparando \(t)…"
        case .undoing(let id): "Desfazendo \(id)…"
        case .tablesPutBack(let t): "Tabelas devolvidas: " + t.joined(separator: ", ")
        case let .toRedo(d, id): "Para refazer: resgate undo --data \(d) \(id)"
        case .freed(let b): "Liberados \(b)"
        case .noSnapshots: "Nenhuma cópia de segurança."
        case .deleteSnapshotsQuestion: "Apagar as cópias de segurança?"
        case .continueQuestion: "Continuar?"
        case .changeNeedsYes: "Sem terminal para confirmar: nada foi alterado. Use --yes para restaurar, ou --dry-run para ver o que mudaria."
        case .nothingChanged: "Nada foi alterado."
        case .noDefectsFound: "Nenhum defeito encontrado."
        case .defectsFound(let n): "\(n) defeito(s) encontrado(s)."
        case .recordCount(let n): "\(n) registros"
        case .postRestoreCheckHeading: "\nConferência pós-restauração (resgate.toml):"
        case .postRestoreCheckHint(let d):
            "\nAntes de liberar o sistema, confira a numeração fiscal: resgate check --data \(d) --xml PASTA_XML"
        case .reindexConfirm(let n):
            "Reconstruir o índice de \(n) tabela(s)? O índice atual fica guardado para desfazer."
        case .restoreStatus(let s):
            switch s {
            case "restored": "restaurada"
            case "would-restore": "seria restaurada"
            case "refused": "recusada"
            case "failed": "falhou"
            default: s
            }
        case .mappingBlank(let f): "em branco: " + f.joined(separator: ",")
        case .mappingDropped(let f): "descartados: " + f.joined(separator: ",")
        case .mappingConverted(let f): "convertidos: " + f.joined(separator: ",")
        case .mappingSame: "igual"
        case .refusedBecause(let why): "RECUSADO: " + why
        case let .undoHint(folder, id): "Desfazer: resgate undo --data \(folder) \(id)"
        case .dryRunNothingWritten: "Simulação: nada foi gravado."
        case .mergeWarning: "A restauração com junção grava os registros do backup e mantém os da tabela atual que o backup não tem:"
        case .restoreWarning: "ATENÇÃO: a restauração APAGA todos os registros atuais destas tabelas e grava os do backup:"
        case .undoSnapshotKept: "Uma cópia de segurança (undo) é guardada."
        case .diffByRecordOrder(let t): "\(t) — por ordem dos registros"
        case let .diffByKey(t, k): "\(t) — pela chave \(k)"
        case let .diffCounts(b, d, c, s):
            "  só no backup:    \(b)\n  só nos dados:    \(d)\n  alterados:       \(c)\n  iguais:          \(s)"
        case let .diffOnlyInBackup(k, line): "  + só no backup " + k + (line.map { " (linha \($0))" } ?? "")
        case let .diffOnlyInData(k, record): "  - só nos dados " + k + (record.map { " (reg. \($0))" } ?? "")
        case let .diffChanged(k, changes): "  ~ alterado " + k + ": " + changes
        case let .indexesSwapped(id, data): "Índices trocados. Para desfazer: resgate undo --data \(data) \(id)"
        case let .lockRecordHolder(pid, program):
            "travado pelo processo \(pid)" + (program.map { " (\($0))" } ?? "")
        case .lockOpenFileHolder: "travado por outro programa — o ERP ou o compartilhamento de rede"
        case .lockWholeFileHolder: "travado por inteiro por outro programa — o ERP ou o compartilhamento de rede"
        case let .lockCannotCheck(f, op, why): "não foi possível ver se \(f) está em uso (\(op): \(why))"
        case .comparisonReady: "Comparação pronta."
        case .dryRunDone: "Simulação concluída: nada foi gravado."
        case .restoreRefusedNothingChanged: "Restauração recusada. Nada foi alterado."
        case .refusedWithTheOthers: "não restaurada porque outra tabela foi recusada (as tabelas são trocadas todas juntas ou nenhuma)"
        case let .tableLockedBy(f, h): "em uso pelo ERP: \(f) — \(h)"
        case .webDefectsRefused:
            "o backup desta tabela tem linhas ou memos com defeito: para restaurar assim mesmo, marque \"Pular linhas com defeito\" ou \"Deixar memos ilegíveis em branco\" na confirmação; ou escolha outro backup"
        case .portInUse(let p):
            "a porta \(p) já está em uso (outro programa ou outra tela do resgate aberta). Escolha outra com --port, ou não informe --port para usar uma porta livre."
        case let .numberingDoNotRelease(doc, series, cnpj, next, reenter):
            "NÃO LIBERE O SISTEMA: \(doc) série \(series), CNPJ \(cnpj) — próxima nota \(next)" + (reenter.map { "; notas a redigitar \($0)" } ?? "")
        case let .numberingRelease(doc, series, cnpj, next):
            "Numeração conferida: \(doc) série \(series), CNPJ \(cnpj) — próxima nota \(next)"
        case .numberingNotChecked:
            "A numeração das notas (NFC-e/NF-e) NÃO foi conferida: não há pasta de XML nem resgate.toml."
        case .numberingHowToCheck(let d):
            "Para conferir, informe a pasta dos XML autorizados: abra a tela com --xml PASTA_DOS_XML, ou ponha um resgate.toml em \(d) (xml = \"PASTA\"), e use \"Conferir loja\"."
        case .numberingFailedToRun(let why): "A conferência da numeração não pôde rodar: \(why)"
        case .handover(let l): Portuguese.handover(l)
        case .repair(let r): Portuguese.repair(r)
        case .restore(let r): Portuguese.restore(r)
        case .fiscal(let f): Portuguese.fiscal(f)
        case .fiscalError(let e): Portuguese.fiscalError(e)
        case .reindex(let r): Portuguese.reindex(r)
        case .status(let s): Portuguese.status(s)
        case .merge(let m): Portuguese.merge(m)
        }
    }
}

/// Uma gravação sem espaço (`NoRoom`), em português.
extension Portuguese {
    static func noRoom(_ room: NoRoom, file: String, folder: String) -> String {
        switch room {
        case .diskFull: "o disco de \(folder) ficou cheio durante a gravação de \(file)"
        case .quota: "a cota de disco deste usuário em \(folder) acabou durante a gravação de \(file)"
        case .fileSizeLimit: "a gravação de \(file) passou do limite de tamanho de arquivo deste processo (ulimit -f)"
        }
    }
}
