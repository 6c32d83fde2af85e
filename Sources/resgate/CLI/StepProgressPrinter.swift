import Foundation
import ResgateLocale
import XBase

/// Shows the progress of `verify`, `diff` and `check` (the engine's `WorkProgress` facts):
/// on a terminal a live line on stderr, rewritten in place, once a step has run for a
/// second (percent, counts, time left); otherwise nothing, so logs and pipes stay as they
/// were. Never with `--json` or `--quiet`.
///
/// `RESGATE_PROGRESS=lines` writes every report as its own stderr line from the start,
/// terminal or not (for tests and for watching a service's log).
final class StepProgressPrinter: @unchecked Sendable {
    let language: Language
    private let lock = NSLock()
    private let lines: Bool
    private var stepStart = Date()
    private var current: WorkProgress.Step?
    private var lastShown = Date.distantPast
    private var shown = false

    /// Only the figures after this long from the start of a step are shown (live mode).
    static let delay: TimeInterval = 1
    static let interval: TimeInterval = 0.25

    private init(language: Language, lines: Bool) { self.language = language; self.lines = lines }

    /// A printer when progress is to be shown for these options, else nil.
    static func make(_ common: CommonOptions) -> StepProgressPrinter? {
        guard !common.json, !common.quiet else { return nil }
        let forced = ProcessInfo.processInfo.environment["RESGATE_PROGRESS"] == "lines"
        guard forced || Console.isTerminal else { return nil }
        return StepProgressPrinter(language: common.language, lines: forced)
    }

    /// The sink to hand the operation.
    var sink: WorkProgressSink { { [self] p in self.handle(p) } }

    func handle(_ p: WorkProgress) {
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        if p.step != current { current = p.step; stepStart = now; lastShown = .distantPast }
        let elapsed = now.timeIntervalSince(stepStart)
        let finished = p.total.map { p.done >= $0 } ?? false
        if !lines {
            guard elapsed >= Self.delay, finished || now.timeIntervalSince(lastShown) >= Self.interval else { return }
        }
        lastShown = now
        let left = WorkProgress.secondsLeft(done: p.done, total: p.total, elapsed: elapsed)
        let text = Self.stepText(p.step).text(in: language) + ": "
            + Phrase.progressFigures(done: p.done, total: p.total, files: p.step == .indexXML, secondsLeft: left).text(in: language)
        if lines {
            Console.err(text)
        } else {
            shown = true
            Console.progress(text)
        }
    }

    /// Clears the live line before the results are printed.
    func finish() {
        lock.lock(); defer { lock.unlock() }
        if shown { Console.progress("") ; shown = false }
    }

    static func stepText(_ s: WorkProgress.Step) -> CLIPhrase {
        switch s {
        case .verifyTable(let t): .stepVerifying(table: t)
        case .compareTable(let t): .stepComparing(table: t)
        case .indexXML: .stepReadingXML
        }
    }
}
