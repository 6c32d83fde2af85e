/// `scan`'s findings in English.
extension English {
    static func scan(_ s: ScanPhrase) -> String {
        switch s {
        case .health(let f): health(f)
        case .moreFindings(let n): "… and \(n) more findings"
        case let .index(file, defect, repairable):
            "index \(file): " + reindex(defect) + (repairable ? " (fix with resgate reindex)" : "")
        case .indexFileMissing: "the header says there is a CDX index but the file is missing"
        }
    }
}
