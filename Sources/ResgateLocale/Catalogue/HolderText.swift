import Foundation

/// Lock holders already said in English (`TableLocks.Holder.description`, the "cannot
/// check" sentence) put into Portuguese, for refusals that carry them as text.
enum HolderText {
    static func portuguese(_ s: String) -> String {
        var out = s
        for (en, pt) in [
            ("whole-file lock (flock) held by another program", "bloqueio do arquivo inteiro (flock) de outro programa"),
            ("open-file lock held by another program", "bloqueio de arquivo aberto de outro programa"),
            ("record lock held by process", "bloqueio de registro do processo"),
            ("cannot check for locks", "não foi possível verificar os bloqueios"),
            ("cannot check", "não foi possível verificar"),
            ("for locks", "quanto a bloqueios"),
        ] { out = out.replacingOccurrences(of: en, with: pt) }
        return out
    }
}
