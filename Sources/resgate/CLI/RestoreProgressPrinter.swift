import Foundation
import ResgateLocale
import RestoreKit

/// Shows a restore's progress: the ERP's words at the same moments, then a live line per
/// table on a terminal (records, records/s, time left) or one line per table otherwise.
final class RestoreProgressPrinter: @unchecked Sendable {
    let language: Language
    let quiet: Bool
    init(language: Language, quiet: Bool) { self.language = language; self.quiet = quiet }

    /// The ERP's last word ("Processamento efetuado.") waits for the report: it is said
    /// only when tables were replaced (`ending`), never after a dry run or a refusal.
    private var sawDone = false

    func handle(_ e: RestoreEvent) {
        guard !quiet else { return }
        if case .done = e { sawDone = true; return }
        if let w = e.words() { Console.progress(w.text(in: language), final: true); return }
        switch e {
        case let .tableProgress(table, n, expected, secs):
            let rate = secs > 0 ? Double(n) / secs : 0
            var line = "\(table): \(n)" + (expected.map { " / \($0)" } ?? "")
            line += CLIPhrase.recordsPerSecond(rate).text(in: language)
            if let x = expected, rate > 0, x > n {
                let left = Int((Double(x - n) / rate).rounded())
                line += CLIPhrase.secondsLeft(left).text(in: language)
            }
            Console.progress(line)
        case let .tableDone(table, n, secs):
            Console.progress(CLIPhrase.restoreDoneTime(table: table, records: n, time: Format.seconds(secs, in: language)).text(in: language), final: true)
        default: break
        }
    }

    /// The last progress line, from what the restore did: the ERP's "Processamento
    /// efetuado." after a real restore, "Simulação concluída." after a dry run, nothing
    /// after a refusal (the summary says why).
    func ending(_ r: RestoreReport) {
        guard !quiet, sawDone, !r.anyRefused else { return }
        if r.dryRun {
            Console.progress(CLIPhrase.dryRunFinished.text(in: language), final: true)
        } else if r.id != nil, let w = RestoreEvent.done.words() {
            Console.progress(w.text(in: language), final: true)
        }
    }
}
