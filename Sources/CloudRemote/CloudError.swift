import Foundation
import ResgateLocale

/// Why a cloud operation failed, said so that a store technician knows what to do next.
/// Every case means nothing partial was used or left in place of a set.
public enum CloudError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with a `REMOTE:path` argument.
    public enum PathProblem: String, Sendable, Equatable {
        case controlCharacter, badRemoteName, leadingDash, parentSegment, badSegment
    }

    /// rclone is not installed (or `RESGATE_RCLONE` names no executable).
    case rcloneMissing
    /// The remote has no section in rclone's config.
    case remoteNotConfigured(remote: String)
    /// The remote refused the login (wrong password, expired token, no permission).
    case authFailed(remote: String, detail: String)
    /// The remote could not be reached after every retry.
    case network(remote: String, detail: String)
    /// The path does not exist on the remote.
    case notFound(path: String)
    /// A copy's size differs from the remote's after transfer.
    case sizeMismatch(path: String, expected: Int64, actual: Int64)
    /// A copy's hash differs from the remote's after transfer.
    case hashMismatch(path: String, kind: String)
    /// The argument is remote-shaped but unsafe.
    case invalidRemote(String, PathProblem)
    /// Something local failed (cache folder, disk).
    case local(path: String, detail: String)
    /// rclone failed for another reason; `detail` is its last error line.
    case rcloneFailed(arguments: String, detail: String)

    public var words: Words {
        switch self {
        case .rcloneMissing:
            return Words(pt: "o rclone não está instalado: instale com `apt-get install rclone` (Debian/Ubuntu) ou a versão oficial de https://rclone.org/install/ (necessária para o MEGA)",
                         en: "rclone is not installed: install it with `apt-get install rclone` (Debian/Ubuntu) or the official build from https://rclone.org/install/ (needed for MEGA)")
        case .remoteNotConfigured(let r):
            return Words(pt: "o remoto \"\(r)\" não está configurado no rclone: rode `rclone config` e crie-o (veja docs/cloud.md)",
                         en: "the remote \"\(r)\" is not configured in rclone: run `rclone config` and create it (see docs/cloud.md)")
        case .authFailed(let r, let d):
            return Words(pt: "o remoto \"\(r)\" recusou o acesso (usuário, senha ou permissão): confira com `rclone config` — \(d)",
                         en: "the remote \"\(r)\" refused access (user, password or permission): check it with `rclone config` — \(d)")
        case .network(let r, let d):
            return Words(pt: "não foi possível falar com o remoto \"\(r)\" mesmo após novas tentativas (rede): \(d)",
                         en: "could not reach the remote \"\(r)\" even after retrying (network): \(d)")
        case .notFound(let p):
            return Words(pt: "\(p): não existe no remoto", en: "\(p): does not exist on the remote")
        case .sizeMismatch(let p, let e, let a):
            return Words(pt: "\(p): tamanho \(a) bytes em vez de \(e) após a transferência; a cópia foi descartada",
                         en: "\(p): \(a) bytes instead of \(e) after the transfer; the copy was discarded")
        case .hashMismatch(let p, let k):
            return Words(pt: "\(p): o \(k) difere do remoto após a transferência; a cópia foi descartada",
                         en: "\(p): the \(k) differs from the remote's after the transfer; the copy was discarded")
        case .invalidRemote(let a, let why):
            let reason: Words
            switch why {
            case .controlCharacter: reason = Words(pt: "contém caractere de controle", en: "holds a control character")
            case .badRemoteName: reason = Words(pt: "nome de remoto inválido", en: "invalid remote name")
            case .leadingDash: reason = Words(pt: "um nome começa com '-'", en: "a name starts with '-'")
            case .parentSegment: reason = Words(pt: "contém um segmento '..'", en: "holds a '..' segment")
            case .badSegment: reason = Words(pt: "nome vazio ou com '/'", en: "empty name, or one with '/'")
            }
            return Words(pt: "\(Self.printable(a)): caminho remoto recusado: \(reason.pt)",
                         en: "\(Self.printable(a)): remote path refused: \(reason.en)")
        case .local(let p, let d):
            return Words(pt: "\(p): \(d)", en: "\(p): \(d)")
        case .rcloneFailed(let a, let d):
            return Words(pt: "rclone \(a) falhou: \(d)", en: "rclone \(a) failed: \(d)")
        }
    }

    public func message(in language: Language) -> String { words.text(in: language) }
    public var description: String { words.en }

    /// Control characters shown as `\u{…}` so a message never carries them to the terminal.
    static func printable(_ s: String) -> String {
        String(s.unicodeScalars.map { u in
            u.value < 0x20 || (0x7F...0x9F).contains(u.value) ? "\\u{\(String(u.value, radix: 16))}" : String(u)
        }.joined())
    }
}
