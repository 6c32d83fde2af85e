import ResgateLocale

/// Summarizes the reading of the XML folder as a check: broken files are a warning (they
/// may hide authorized numbers); unrelated files are listed but harmless.
enum XMLFilesReport {
    static func item(_ index: AuthorizedIndex, folder: String, otherIssuers: [SeriesID]) -> CheckItem {
        let broken = index.skipped.filter { $0.reason.isBroken }
        let unrelated = index.skipped.filter { !$0.reason.isBroken }
        var pt = "Pasta XML \(folder): \(index.filesRead) arquivo(s), \(index.documentsRead) documento(s) fiscais lidos."
        var en = "XML folder \(folder): \(index.filesRead) file(s), \(index.documentsRead) fiscal document(s) read."
        if !broken.isEmpty {
            let shown = broken.prefix(5).map { "\($0.file) (\($0.reason.words.pt))" }.joined(separator: "; ")
            let shownEn = broken.prefix(5).map { "\($0.file) (\($0.reason.words.en))" }.joined(separator: "; ")
            let more = broken.count > 5 ? " …+\(broken.count - 5)" : ""
            pt += " \(broken.count) arquivo(s) com defeito, que podem esconder números autorizados: \(shown)\(more). Obtenha-os de novo (portal da SEFAZ ou backup do ERP) e rode a conferência outra vez."
            en += " \(broken.count) broken file(s), which may hide authorized numbers: \(shownEn)\(more). Fetch them again (tax authority portal or the ERP's backup) and run the check again."
        }
        if !unrelated.isEmpty {
            pt += " \(unrelated.count) arquivo(s) sem relação com a numeração, ignorados."
            en += " \(unrelated.count) file(s) unrelated to the numbering, ignored."
        }
        if !otherIssuers.isEmpty {
            pt += " Séries de outros emitentes (p.ex. notas de fornecedores), ignoradas: \(otherIssuers.map(\.description).joined(separator: ", "))."
            en += " Series of other issuers (e.g. suppliers' notes), ignored: \(otherIssuers.map(\.description).joined(separator: ", "))."
        }
        let result = XMLFilesResult(folder: folder, files: index.filesRead, documents: index.documentsRead,
                                    broken: broken, unrelated: unrelated, otherIssuers: otherIssuers)
        return CheckItem(name: "xml-files", status: broken.isEmpty ? .ok : .warning, subject: folder,
                         message: Words(pt: pt, en: en), xml: result)
    }
}

extension SkipReason {
    public var words: Words {
        switch self {
        case .empty: Words(pt: "vazio", en: "empty")
        case .notXML: Words(pt: "não é XML", en: "not XML")
        case .unreadable(let r): Words(pt: "ilegível: \(r)", en: "unreadable: \(r)")
        case .otherDocument(let root): Words(pt: "outro documento (<\(root)>)", en: "another document (<\(root)>)")
        case .notAuthorized(let st):
            st.map { Words(pt: "não autorizado (cStat \($0))", en: "not authorized (cStat \($0))") }
                ?? Words(pt: "sem protocolo de autorização", en: "no authorization protocol")
        case let .otherEvent(type, st):
            Words(pt: "evento \(type) não considerado" + (st.map { " (cStat \($0))" } ?? ""),
                  en: "event \(type) not counted" + (st.map { " (cStat \($0))" } ?? ""))
        case .homologation: Words(pt: "ambiente de homologação (tpAmb 2)", en: "test environment (tpAmb 2)")
        case let .broken(line, d): Words(pt: "linha \(line): \(d.words.pt)", en: "line \(line): \(d.words.en)")
        }
    }
}
