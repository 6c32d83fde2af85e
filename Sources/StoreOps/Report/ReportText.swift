import Fiscal
import ResgateLocale

/// The check's report as a person reads it on a terminal: grouped by status, failures
/// first, each check with its subject and what to do (the words are the catalogue's).
public enum ReportText {
    public static func render(_ report: CheckReport, language: Language, width: Int = 100) -> String {
        let l = language
        var out: [String] = []
        out.append(FiscalPhrase.reportHeading(data: report.data).text(in: l))
        if let c = report.configFile { out.append(FiscalPhrase.reportConfig(c).text(in: l)) }
        if let x = report.xmlFolder { out.append(FiscalPhrase.reportXML(x).text(in: l)) }
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
        out.append(FiscalPhrase.reportResult(level(worst)).text(in: l))
        return out.joined(separator: "\n")
    }

    /// Verdict runs shown per series on the terminal (all of them are in `--json`).
    static let verdictLines = 40

    static func title(_ s: CheckStatus, _ l: Language) -> String { FiscalPhrase.statusTitle(level(s)).text(in: l) }

    static func level(_ s: CheckStatus) -> FiscalPhrase.Level {
        switch s {
        case .fail: .fail
        case .warning: .warning
        case .ok: .ok
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
