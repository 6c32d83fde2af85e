import Foundation

/// The DBF header parser's notes (English facts with their numbers, XBase's) in Portuguese,
/// for the health report (`HealthFact.headerNote`) and XBase's error reasons. A note of an
/// unknown form keeps its English rather than being lost.
public enum HeaderNoteWords {
    public static func portuguese(_ note: String) -> String {
        for (pattern, template) in forms {
            guard let re = try? NSRegularExpression(pattern: "^" + pattern + "$") else { continue }
            let range = NSRange(note.startIndex..., in: note)
            if re.firstMatch(in: note, range: range) != nil {
                return re.stringByReplacingMatches(in: note, range: range, withTemplate: template)
            }
        }
        return note
    }

    static let forms: [(String, String)] = [
        ("field terminator is (0x[0-9A-Fa-f]+) instead of 0x0D", "o terminador dos campos é $1 em vez de 0x0D"),
        ("last field descriptor is cut short by the header length", "o último descritor de campo é cortado pelo tamanho do cabeçalho"),
        ("field descriptors have no 0x0D terminator", "os descritores de campo não têm o terminador 0x0D"),
        ("the table has no fields", "a tabela não tem campos"),
        ("records are (\\d+) bytes apart as the fields add up, not (\\d+) as the header says",
         "os registros ficam a $1 bytes um do outro pela soma dos campos, não $2 como diz o cabeçalho"),
        ("field (\\S+) ends at (\\d+), past the record length (\\d+): cut to (\\d+) bytes",
         "o campo $1 termina em $2, depois do tamanho do registro $3: cortado para $4 bytes"),
        ("field descriptor of (\\S+) places it at (\\d+), inside (\\S+) \\((.*)\\)",
         "o descritor do campo $1 o põe na posição $2, dentro de $3 ($4)"),
        ("the 263-byte DBC backlink does not fit in the header", "o vínculo de 263 bytes com o DBC não cabe no cabeçalho"),
        ("header says (\\d+) records but the file holds only (\\d+)", "o cabeçalho diz $1 registros mas o arquivo só tem $2"),
        ("header says (\\d+) records but the file has room for (\\d+)", "o cabeçalho diz $1 registros mas o arquivo tem espaço para $2"),
        ("memo file (\\S+) is missing", "o arquivo de memos $1 não existe"),
    ]
}
