import ResgateLocale

/// Summarizes the reading of the XML folder as a check: broken files are a warning (they
/// may hide authorized numbers); unrelated files are listed but harmless.
enum XMLFilesReport {
    static func item(_ index: AuthorizedIndex, folder: String, otherIssuers: [SeriesID]) -> CheckItem {
        let broken = index.skipped.filter { $0.reason.isBroken }
        let unrelated = index.skipped.filter { !$0.reason.isBroken }
        var message: [FiscalPhrase] = [.xmlFolderRead(folder: folder, files: index.filesRead, documents: index.documentsRead)]
        if !broken.isEmpty {
            message.append(.xmlBroken(broken.prefix(5).map { .init(file: $0.file, reason: $0.reason) }, count: broken.count))
        }
        if !unrelated.isEmpty { message.append(.xmlUnrelated(unrelated.count)) }
        if !otherIssuers.isEmpty { message.append(.xmlOtherIssuers(otherIssuers.map(\.description))) }
        let result = XMLFilesResult(folder: folder, files: index.filesRead, documents: index.documentsRead,
                                    broken: broken, unrelated: unrelated, otherIssuers: otherIssuers)
        return CheckItem(name: "xml-files", status: broken.isEmpty ? .ok : .warning, subject: folder,
                         message: message, xml: result)
    }
}
