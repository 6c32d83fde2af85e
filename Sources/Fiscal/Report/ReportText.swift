import ResgateLocale

/// The report as a person reads it on a terminal: grouped by status, failures first, each
/// check with its subject and what to do.
public enum ReportText {
    public static func render(_ report: CheckReport, language: Language, width: Int = 100) -> String {
        let l = language
        var out: [String] = []
        out.append(l == .pt ? "Conferência pós-restauração — dados: \(report.data)" : "Post-restore check — data: \(report.data)")
        if let c = report.configFile { out.append((l == .pt ? "Configuração: " : "Config: ") + c) }
        if let x = report.xmlFolder { out.append((l == .pt ? "XML autorizados: " : "Authorized XML: ") + x) }
        if let d = report.discovery { out.append(contentsOf: wrap(d.text(in: l), width: width, indent: "")) }
        for status in [CheckStatus.fail, .warning, .ok] {
            let group = report.checks.filter { $0.status == status }
            guard !group.isEmpty else { continue }
            out.append("")
            out.append("\(title(status, l)) (\(group.count))")
            for item in group {
                out.append("  \(mark(status)) \(CLIPhrase.checkName(item.name).text(in: l))  \(subject(item, l))")
                out.append(contentsOf: wrap(item.message.text(in: l), width: width, indent: "      "))
                if let verdicts = item.sequence?.verdicts, !verdicts.isEmpty {
                    out.append("      " + VerdictWords.heading.text(in: l))
                    for v in verdicts.prefix(verdictLines) {
                        out.append(contentsOf: wrap(v.words.text(in: l), width: width, indent: "        "))
                    }
                    if verdicts.count > verdictLines {
                        out.append("        " + VerdictWords.more(verdicts.count - verdictLines).text(in: l))
                    }
                }
            }
        }
        out.append("")
        let worst = report.status
        out.append(l == .pt
            ? "Resultado: \(title(worst, l))" + (worst == .fail ? " — não libere o sistema antes de resolver as falhas." : worst == .warning ? " — resolva os avisos." : " — pode liberar o sistema.")
            : "Result: \(title(worst, l))" + (worst == .fail ? " — do not release the system before fixing the failures." : worst == .warning ? " — deal with the warnings." : " — the system can be released."))
        return out.joined(separator: "\n")
    }

    /// Verdict runs shown per series on the terminal (all of them are in `--json`).
    static let verdictLines = 40

    static func title(_ s: CheckStatus, _ l: Language) -> String {
        switch s {
        case .fail: l == .pt ? "FALHA" : "FAIL"
        case .warning: l == .pt ? "AVISO" : "WARNING"
        case .ok: "OK"
        }
    }

    /// A series as the notes print it (`NFC-e série 1, CNPJ 12.345.678/0001-95`), else the
    /// check's subject (a table and field).
    static func subject(_ item: CheckItem, _ l: Language) -> String {
        guard let s = item.sequence else { return item.subject }
        return CLIPhrase.seriesLabel(model: s.model, series: s.series, cnpj: s.issuer).text(in: l)
    }

    static func mark(_ s: CheckStatus) -> String { s == .fail ? "✗" : s == .warning ? "!" : "✓" }

    /// Word-wraps `text` to `width` columns after `indent`.
    static func wrap(_ text: String, width: Int, indent: String) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !line.isEmpty && indent.count + line.count + 1 + word.count > width {
                lines.append(indent + line); line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(indent + line) }
        return lines
    }
}
