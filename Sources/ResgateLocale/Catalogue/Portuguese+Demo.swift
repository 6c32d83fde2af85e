/// `resgate demo` in Brazilian Portuguese.
extension Portuguese {
    static func demo(_ d: DemoPhrase) -> String {
        switch d {
        case .alreadyThere(let root): "\(root) já tem uma loja de demonstração; escolha outra pasta"
        case .building(let root): "1. Montando a loja de demonstração em \(root)"
        case .story:
            "   Loja com uma dúzia de tabelas; backups de quarta 19h e quinta 7h; depois deles, mais 12 vendas com NFC-e autorizada; e a tabela VENDAS corrompida. Depois ainda: 3 vendas autorizadas, uma devolução, uma NFC-e em contingência no caixa, números pulados e um inutilizado."
        case let .step(n, s): "\(n). " + demoStep(s)
        case .done(let root): "\nPronto. A loja de demonstração fica em \(root)."
        }
    }

    static func demoStep(_ s: DemoPhrase.Step) -> String {
        switch s {
        case .scan: "Verificar as tabelas"
        case .backups: "Listar os backups"
        case .verify: "Verificar o backup escolhido"
        case .dryRun: "Simular a restauração"
        case .sandbox: "Restaurar numa pasta à parte para comparar"
        case .diff: "Comparar o backup com a tabela atual"
        case .merge: "Restaurar na loja sem perder o dia: o backup + as vendas legíveis da tabela danificada"
        case .check: "Conferir antes de abrir a loja"
        case .recreateDryRun: "Simular a recriação das notas autorizadas que faltam"
        case .recreate: "Recriar as notas a partir do XML"
        case .voiding: "Redigir os pedidos de inutilização"
        case .checkAgain: "Conferir de novo"
        case .snapshots: "As cópias de segurança (restauração e recriação)"
        case .undoRecreate: "Desfazer a recriação"
        }
    }
}
