/// Why a cloud operation failed (`CloudPhrase`), in Brazilian Portuguese.
extension Portuguese {
    static func cloud(_ c: CloudPhrase) -> String {
        switch c {
        case .rcloneMissing:
            "o rclone não está instalado: instale com `apt-get install rclone` (Debian/Ubuntu) ou a versão oficial de https://rclone.org/install/ (necessária para o MEGA)"
        case .remoteNotConfigured(let r):
            "o remoto \"\(r)\" não está configurado no rclone: rode `rclone config` e crie-o (veja docs/cloud.md)"
        case let .authFailed(r, d):
            "o remoto \"\(r)\" recusou o acesso (usuário, senha ou permissão): confira com `rclone config` — \(d)"
        case let .network(r, d):
            "não foi possível falar com o remoto \"\(r)\" mesmo após novas tentativas (rede): \(d)"
        case .notFound(let p): "\(p): não existe no remoto"
        case let .sizeMismatch(p, e, a): "\(p): tamanho \(a) bytes em vez de \(e) após a transferência; a cópia foi descartada"
        case let .hashMismatch(p, k): "\(p): o \(k) difere do remoto após a transferência; a cópia foi descartada"
        case let .invalidRemote(a, why): "\(CloudPhrase.printable(a)): caminho remoto recusado: \(remotePath(why))"
        case let .local(p, d): "\(p): \(localProblem(d))"
        case let .rcloneFailed(a, d): "rclone \(a) falhou: \(d)"
        }
    }

    static func remotePath(_ p: RemotePathProblem) -> String {
        switch p {
        case .controlCharacter: "contém caractere de controle"
        case .badRemoteName: "nome de remoto inválido"
        case .leadingDash: "um nome começa com '-'"
        case .parentSegment: "contém um segmento '..'"
        case .badSegment: "nome vazio ou com '/'"
        }
    }
}

/// `LocalProblem` (`CloudPhrase.local`, `StatusPhrase.Down.local`).
extension Portuguese {
    static func localProblem(_ p: LocalProblem) -> String {
        switch p {
        case .cannotWrite(let r?): "não foi possível gravar: \(r)"
        case .cannotWrite(nil): "não foi possível gravar"
        case .cannotRead: "não foi possível ler"
        case .cannotCreateFolder(let r): "não foi possível criar a pasta: \(r)"
        case .cannotCreateTemporaryFile: "não foi possível criar um arquivo temporário"
        case .cannotOpenLockFile: "não foi possível abrir o arquivo de trava"
        case .cannotLock: "não foi possível travar o arquivo"
        case .cannotRename(let r): "não foi possível renomear: \(r)"
        case .doesNotExist: "não existe"
        case .foreign(let s): s
        }
    }
}
