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
                let toEnter = s.authorizedAfterData.filter { !$0.cancelled && !$0.denied }.map(\.number) + s.authorizedMissingInData
                return CLIPhrase.numberingDoNotRelease(series: label, next: s.nextSafe,
                                                       toEnter: toEnter.isEmpty ? nil : ranges(toEnter)).text(in: l)
            case .warning: return CLIPhrase.numberingWarning(series: label, next: s.nextSafe).text(in: l)
            case .ok: return CLIPhrase.numberingOK(series: label, next: s.nextSafe).text(in: l)
            }
        }
    }

    /// "41–52, 60": consecutive numbers as ranges (at most 10, then "… (+N)").
    static func ranges(_ numbers: [Int]) -> String {
        var spans: [(Int, Int)] = []
        for n in Set(numbers).sorted() {
            if let last = spans.last, last.1 + 1 == n { spans[spans.count - 1].1 = n } else { spans.append((n, n)) }
        }
        let shown = spans.prefix(10).map { $0.0 == $0.1 ? "\($0.0)" : "\($0.0)–\($0.1)" }.joined(separator: ", ")
        return spans.count > 10 ? shown + " … (+\(spans.count - 10))" : shown
    }
}
