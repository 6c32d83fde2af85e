/// A backup set's way in and out (`TransferPhrase`), in Brazilian Portuguese.
extension Portuguese {
    static func transfer(_ p: TransferPhrase) -> String {
        switch p {
        case .sourceBackupSet(let n): "Origem: conjunto de backup \(n)"
        case .sourceTableFolder(let n): "Origem: pasta de tabelas \(n) (tabela corrigida)"
        case .downloading: "Baixando"
        case .uploading: "Enviando"
        case let .cachedCopyChecked(name, path): "\(name): cópia em cache já conferida (\(path))"
        case let .downloadedAndChecked(name, checks, resumed):
            "\(name): baixado e conferido (\((["tamanho"] + checks).joined(separator: ", ")))"
                + (resumed > 0 ? ", retomado de \(resumed) bytes" : "")
        case let .uploadingTo(name, root): "Enviando \(name) para \(root)…"
        case let .uploadedAndChecked(path, checks): "\(path): enviado e conferido (\((["tamanho"] + checks).joined(separator: ", ")))"
        case .uploadFailedBackupKept(let local): "o backup continua em \(local); nada foi trocado no remoto"
        case .pruneFailedNewBackupSafe: "o novo backup está no remoto; a limpeza dos antigos (--keep) falhou"
        }
    }
}
