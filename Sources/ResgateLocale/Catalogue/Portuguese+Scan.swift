/// `scan`'s findings in Brazilian Portuguese.
extension Portuguese {
    static func scan(_ s: ScanPhrase) -> String {
        switch s {
        case .health(let f): health(f)
        case .moreFindings(let n): "… e mais \(n) problemas"
        case let .index(file, defect, repairable):
            "índice \(file): " + reindex(defect) + (repairable ? " (corrija com resgate reindex)" : "")
        case .indexFileMissing: "o cabeçalho indica índice CDX, mas o arquivo não existe"
        }
    }
}
