import Foundation

/// Why a DBF table could not be read or written (`XBaseFailure`), in Brazilian Portuguese:
/// the frame (what failed, where) always, the reason when its form is known (else the
/// engine's English reason after the Portuguese frame).
extension Portuguese {
    static func xbase(_ e: XBaseFailure) -> String {
        let r = { (s: String) in XBaseReasonWords.portuguese(s) }
        switch e {
        case let .cannotOpen(f, why): return "\(f): não foi possível abrir: \(r(why))"
        case let .io(f, why): return "\(f): erro de leitura/gravação: \(r(why))"
        case let .notADBF(f, why): return "\(f): não é uma tabela DBF: \(r(why))"
        case let .badHeader(f, why): return "\(f): cabeçalho inválido: \(r(why))"
        case let .badFieldDescriptor(f, n, why): return "\(f): descritor do campo \(n): \(r(why))"
        case let .missingMemoFile(f, e): return "\(f): o arquivo de memos \(e) não existe"
        case let .badMemo(f, rec, fld, b, why):
            return "\(f): " + (rec.map { "registro \($0), " } ?? "") + (fld.map { "campo \($0), " } ?? "") + "bloco de memo \(b): \(r(why))"
        case let .invalidValue(f, rec, fld, why): return "\(f): registro \(rec), campo \(fld): \(r(why))"
        case let .cannotEncode(f, rec, fld, why): return "\(f): registro \(rec), campo \(fld): valor impossível de gravar: \(r(why))"
        case let .unsupported(f, why): return "\(f): não suportado: \(r(why))"
        }
    }
}

/// The most frequent reasons of `XBaseFailure`, in Portuguese.
enum XBaseReasonWords {
    static func portuguese(_ reason: String) -> String {
        for (pattern, template) in forms {
            guard let re = try? NSRegularExpression(pattern: "^" + pattern + "$") else { continue }
            let range = NSRange(reason.startIndex..., in: reason)
            if re.firstMatch(in: reason, range: range) != nil {
                return re.stringByReplacingMatches(in: reason, range: range, withTemplate: template)
            }
        }
        return HeaderNoteWords.portuguese(reason)
    }

    static let forms: [(String, String)] = [
        ("record length is 0", "o tamanho do registro é 0"),
        ("no field descriptors", "nenhum descritor de campo"),
        ("truncated header", "cabeçalho cortado"),
        ("is a folder", "é uma pasta"),
        ("header length (\\d+) is too small", "o tamanho do cabeçalho, $1, é pequeno demais"),
        ("file is (\\d+) bytes, shorter than a header", "o arquivo tem $1 bytes, menos que um cabeçalho"),
        ("file is (\\d+) bytes, shorter than its header length (\\d+)", "o arquivo tem $1 bytes, menos que o tamanho do seu cabeçalho, $2"),
        ("a table needs at least one field", "uma tabela precisa de pelo menos um campo"),
        ("record length (\\d+) exceeds 65535", "o tamanho do registro, $1, passa de 65535"),
        ("No such file or directory", "arquivo ou pasta não encontrado"),
        ("Permission denied", "permissão negada"),
    ]
}
