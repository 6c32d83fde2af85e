/// The web server's refusals (`WebPhrase`), in Brazilian Portuguese.
extension Portuguese {
    static func web(_ p: WebPhrase) -> String {
        switch p {
        case .noSocket: "sem socket"
        case .noFreePort: "nenhuma porta livre"
        case .pageFileUnreadable(let name): "arquivo da página ilegível: \(name)"
        case .pageFilesMissing: "arquivos da página ausentes"
        case .nothingRunning: "nenhuma operação em andamento"
        case .notCancellable: "esta operação não pode ser cancelada agora"
        case .busy(let kind?): "outra operação (\(operation(kind))) está em andamento nesta pasta de dados; aguarde"
        case .busy(nil): "outra operação está em andamento nesta pasta de dados; aguarde"
        case .noSuchOperation(let id): "operação \(id) não existe"
        case .invalidJSONBody(let why): "corpo JSON inválido: \(why)"
        case .noBackupRoot: "o servidor foi aberto sem --backups"
        case .invalidBackupName: "nome de backup inválido"
        case let .noSuchBackup(id, root): "o backup \(id) não existe em \(root)"
        case .pathDoesNotExist(let raw): "\(raw) não existe"
        case .notFolderOrZip(let raw): "\(raw) não é uma pasta nem um arquivo .zip"
        case .notBackupOrTableFolder(let raw): "\(raw) não é um backup nem uma pasta de tabelas DBF"
        case .invalidReportName: "nome de relatório inválido"
        case .noSuchReport(let name): "relatório \(name) não encontrado"
        case .hostNotAllowed: "endereço (Host) não permitido: abra o endereço impresso pelo resgate ui"
        case .foreignOrigin(let origin): "pedido de outra página recusado (Origin \(origin))"
        case .crossSite: "pedido de outro site recusado"
        case .missingToken(let header?): "falta o token no cabeçalho \(header)"
        case .missingToken(nil): "falta o token"
        case .wrongToken: "token errado: abra o endereço impresso pelo resgate ui"
        case .methodNotAllowed(let allowed): "método não permitido: use \(allowed)"
        case .failed(let why): "falhou: \(why.text(in: .pt))"
        }
    }

    static func operation(_ o: WebOperation) -> String {
        switch o {
        case .verify: "verificação do backup"
        case .compare: "comparação"
        case .preview: "simulação da restauração"
        case .restore: "restauração"
        case .undo: "desfazer"
        case .check: "conferência da numeração fiscal"
        }
    }
}
