/// Every `CLIPhrase` in Brazilian Portuguese.
enum CLIPortuguese {
    static func text(_ p: CLIPhrase) -> String {
        switch p {
        case .undoNeedsYes:
            "Sem terminal para confirmar: nada foi alterado. Use --yes para desfazer."
        case .reindexNeedsYes:
            "Sem terminal para confirmar: nada foi alterado. Use --yes para reconstruir os índices, ou --check para só verificar."
        case let .undoConfirm(id, tables):
            "Devolver " + (tables.isEmpty ? "as tabelas" : (tables.count == 1 ? "a tabela " : "as tabelas ") + tables.joined(separator: ", "))
                + " ao estado de antes da operação \(id)? O estado atual fica guardado para refazer."
        case .noBackupsFound(let r): "nenhum backup encontrado em \(r)"
        case .backupsHeaders: "NOME|DATA|TIPO|TAMANHO|TABELAS|MANIFESTO"
        case .uiFolderMissing(let f): "a pasta \(f) não existe"
        case .uiBackupFolderMissing(let b): "a pasta de backups \(b) não existe"
        case .uiListeningOnNetwork(let host):
            "ATENÇÃO: escutando em \(host): outras máquinas da rede podem abrir esta tela (o token ainda é exigido)."
        case .uiOpenTheAddress: "Tela de restauração: abra o endereço acima no navegador. Ctrl+C encerra."
        case .uiCannotServe(let e): "resgate ui: não foi possível servir: \(e)"
        case let .showFolderTableLine(name, records, fields, index):
            "\(name): \(records) registros, \(fields) campos" + (index ? ", CDX" : "")
        case .showFolderNoSuchTable(let t): "\(t): tabela não encontrada"
        case .reindexHeaders: "tabela|índice|situação"
        case .recreateNeedsXMLFolder: "--xml: a recriação precisa da pasta dos XML (--xml ou [fiscal] xml no resgate.toml)"
        case .scanHeaders: "TABELA|ÚLTIMA ALTERAÇÃO|REGISTROS|EXCLUÍDOS|TAMANHO|MEMO|ÍNDICE|SAÚDE"
        case .scanDamaged(let indexOnly): "DANIFICADA" + (indexOnly ? " (só índice)" : "")
        case let .scanOnlyIndexDamaged(tables, data):
            "Só o índice está danificado em \(tables.joined(separator: ", ")): resgate reindex \(data) --table …"
        case .yes: "sim"
        case .no: "não"
        case let .tablesSummary(t, d):
            Format.count(t, "tabela", "tabelas") + ", " + Format.count(d, "danificada", "danificadas") + "."
        case .severity(let s):
            switch s {
            case "error": "erro"
            case "warning": "aviso"
            case "info": "informação"
            default: s
            }
        case .record(let r): "registro \(r)"
        case .field(let f): "campo \(f)"
        case .moreDefects(let n): "… mais \(n)"
        case .recordsWord(let n): Format.count(n, "registro", "registros")
        case .fieldsWord(let n): Format.count(n, "campo", "campos")
        case let .showSetTable(name, records, fields, structure, memo):
            "\(name): " + Format.count(records, "registro", "registros") + ", " + Format.count(fields, "campo", "campos")
                + ", estrutura \(structure)" + (memo.map { ", memos em \($0)" } ?? "")
        case let .showDBFHeader(file, version, records, cp):
            "\(file): versão \(version), " + Format.count(records, "registro", "registros") + ", página de código \(cp)"
        case let .memberVariant(file, variant): "  \(file): \(variant)"
        case .showNoSuchTable(let t): "\(t): tabela não encontrada ou sem estrutura"
        case let .numberingDoNotRelease(series, next, toEnter):
            "NÃO LIBERE O SISTEMA: \(series) — próxima nota \(next)" + (toEnter.map { "; notas a redigitar \($0)" } ?? "")
        case let .numberingOK(series, next): "Numeração conferida: \(series) — próxima nota \(next)"
        case let .numberingWarning(series, next): "Numeração com avisos: \(series) — próxima nota \(next) (veja os avisos abaixo)"
        case .numberingNotChecked(let d):
            "A NUMERAÇÃO FISCAL NÃO FOI CONFERIDA (nenhuma pasta de XML nem resgate.toml). Antes de liberar o sistema: resgate check --data \(d) --xml PASTA_DOS_XML"
        case .handoverReportSaved(let p): "Relatório para imprimir e entregar: \(p)"
        case .handoverReportNotSaved(let why): "aviso: o relatório para imprimir não pôde ser gravado (\(why)); a restauração foi feita"
        case .numberingCheckUnusable(let why): "A NUMERAÇÃO FISCAL NÃO FOI CONFERIDA: \(why)"
        case .restoredButCheckFailed:
            "A restauração foi feita, mas a conferência falhou: NÃO abra a loja antes de resolver (código de saída 4)."
        case .checkName(let n):
            switch n {
            case "fiscal-sequence": "numeração fiscal"
            case "xml-files": "arquivos XML"
            case "freshness": "atualidade"
            case "reference": "referência"
            case "unique": "valor único"
            case "not-empty": "preenchido"
            default: n
            }
        case let .seriesLabel(model, series, cnpj):
            "\(Format.fiscalModel(model, in: .pt)) série \(series)" + (cnpj.isEmpty ? "" : ", CNPJ \(Format.cnpj(cnpj))")
        case .snapshotsTotal(let b): "Total: \(b) (libere com --prune)"
        case let .restoreDoneTime(t, n, time): "\(t): " + Format.count(n, "registro", "registros") + " (\(time))"
        case .dryRunFinished: "Simulação concluída."
        case .stepVerifying(let t): "Conferindo \(t)"
        case .stepComparing(let t): "Comparando \(t)"
        case .stepReadingXML: "Lendo os XML"
        case let .diffFieldChange(f, b, d): "\(f): backup \(CLIProgressText.quoted(b)) → atual \(CLIProgressText.quoted(d))"
        case .pruneNeedsYes: "Sem terminal para confirmar: nada foi apagado. Use --yes para apagar as cópias de segurança."
        case .undoHeaders: "ID|CRIADO|OPERAÇÃO|TABELAS|ESPAÇO|DESFEITO POR"
        case .restoreHeaders: "TABELA|SITUAÇÃO|ANTES|DEPOIS|MAPEAMENTO|TEMPO"
        case let .mergeFrom(t, b, l, u, a, key):
            "\(t): \(b) registros do backup + \(l) da tabela atual (\(u) alterados, \(a) novos); " + Portuguese.merge(key)
        case let .mergeUnreadable(t, n, records):
            "\(t): " + Format.count(n, "registro ilegível", "registros ilegíveis") + " na tabela atual ("
                + (n == 1 ? "não recuperado" : "não recuperados") + "): " + records.map(String.init).joined(separator: ", ")
        case let .mergeMemosLost(t, n): "\(t): " + Format.count(n, "memo ilegível ficou vazio", "memos ilegíveis ficaram vazios")
        case let .mergeConflicts(t, n):
            "\(t): " + Format.count(n, "conflito", "conflitos") + " (mesma chave, conteúdo diferente; ficou a versão atual):"
        case .remoteCached: " (em cache)"
        case .remoteKind: "nuvem"
        case let .damagedZip(name, detail): "\(name): zip danificado: \(detail)"
        case .remoteNotRead(let root): "(? = não lido com --quick: `resgate show \(root)/NOME.zip` baixa e mostra)"
        case .recordsPerSecond(let r): String(format: "  %.0f reg/s", r)
        case .secondsLeft(let s): "  faltam \(s) s"
        case .yesNoPrompt: " [s/N] "
        case .keepNeedsRemote: "--keep pede N ≥ 1 e --to REMOTO:caminho"
        case let .backupProgress(t, done, total, rate, left):
            "\(t): \(done)/\(total) registros, \(rate)/s" + (left > 0 ? ", \(left)s" : "")
        case .prunedByKeep(let p): "removido (--keep): " + p
        case .operationName(let o):
            switch o {
            case "restore": "restauração"
            case "undo": "desfazer"
            case "reindex": "reindexação"
            case "repair": "reparo"
            case "recreate": "recriação"
            case "merge": "mesclagem"
            default: o
            }
        case .structureName(let v):
            switch v {
            case "delimited": "delimitada"
            case "listStructure": "listagem de estrutura"
            case "extendedDBF": "DBF estendido"
            default: v
            }
        }
    }
}
