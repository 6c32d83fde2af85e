import Fiscal
import Foundation
import ResgateLocale

/// The first lines a person reads after a restore: per fiscal series, whether the store
/// may be released and the next note number, or that the numbering was not checked.
enum NumberingVerdict {
    static func lines(_ report: CheckReport, data: String, language l: Language) -> [String] {
        let series = report.checks.filter { $0.sequence != nil }
        guard !series.isEmpty else { return [CLIPhrase.numberingNotChecked(data: data).text(in: l)] }
        return series.map { item in
            let s = item.sequence!
            let label = CLIPhrase.seriesLabel(model: s.model, series: s.series, cnpj: s.issuer).text(in: l)
            switch item.status {
            case .fail:
                // the notes to re-enter: the verdict `recreate` when the check gave verdicts
                let spans: [(Int, Int)] = s.verdicts.isEmpty
                    ? (s.authorizedAfterData.filter { !$0.cancelled && !$0.denied }.map(\.number) + s.authorizedMissingInData).map { ($0, $0) }
                    : s.verdicts.filter { $0.verdict == .recreate }.map { ($0.from, $0.to) }
                return CLIPhrase.numberingDoNotRelease(series: label, next: s.nextSafe,
                                                       toEnter: spans.isEmpty ? nil : ranges(spans)).text(in: l)
            case .warning: return CLIPhrase.numberingWarning(series: label, next: s.nextSafe).text(in: l)
            case .ok: return CLIPhrase.numberingOK(series: label, next: s.nextSafe).text(in: l)
            }
        }
    }

    /// "41–52, 60": numbers and spans, adjacent ones joined (at most 10, then "… (+N)").
    static func ranges(_ input: [(Int, Int)]) -> String {
        var spans: [(Int, Int)] = []
        for (a, b) in input.sorted(by: { $0.0 < $1.0 }) {
            if let last = spans.last, a <= last.1 + 1 { spans[spans.count - 1].1 = max(last.1, b) } else { spans.append((a, b)) }
        }
        let shown = spans.prefix(10).map { $0.0 == $0.1 ? "\($0.0)" : "\($0.0)–\($0.1)" }.joined(separator: ", ")
        return spans.count > 10 ? shown + " … (+\(spans.count - 10))" : shown
    }
}
