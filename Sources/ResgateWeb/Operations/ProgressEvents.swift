import Foundation
import ResgateLocale
import XBase

/// The screen's progress events with their figures in words, from the catalogue
/// (`Phrase.progressFigures`): "45% (1.350.000 de 3.000.000 registros), faltam 12 s".
/// Every step longer than a second shows its percent and time left: a restore, its
/// preview (the dry run before the confirmation) and a comparison through the restore's
/// `tableProgress`, `verify`, the comparison's diffs and `check` through `WorkProgress`.
enum ProgressEvents {
    /// A `progress` event for `table`: `records` of `expected` after `seconds`.
    static func event(table: String, records: Int, expected: Int?, seconds: Double, files: Bool = false) -> OperationEvent {
        var x = OperationEvent(type: "progress")
        x.table = table; x.records = records; x.expected = expected; x.seconds = seconds
        let left = WorkProgress.secondsLeft(done: records, total: expected, elapsed: seconds)
        if let expected, expected > 0 { x.percent = min(100, records * 100 / expected) }
        x.secondsLeft = left
        let w = Phrase.progressFigures(done: records, total: expected, files: files, secondsLeft: left).words
        x.pt = w.pt; x.en = w.en
        return x
    }

    /// A sink that turns the engine's `WorkProgress` into `progress` events of `context`:
    /// the first report of a step and then at most four a second (a step's last report
    /// always), each under the step's table (the XML folder: "XML").
    /// `step` tells the page a second bar for a table that already has one (a comparison's
    /// diff after its copy).
    static func sink(_ context: OperationCenter.Context, step: String? = nil) -> WorkProgressSink {
        let relay = Relay(context, step: step)
        return { relay.handle($0) }
    }

    final class Relay: @unchecked Sendable {
        private let context: OperationCenter.Context
        private let step: String?
        private let lock = NSLock()
        private var started: [String: Date] = [:]
        private var shown: [String: Date] = [:]
        init(_ context: OperationCenter.Context, step: String?) { self.context = context; self.step = step }

        func handle(_ p: WorkProgress) {
            let (table, files): (String, Bool) = switch p.step {
            case .verifyTable(let t), .compareTable(let t): (t, false)
            case .indexXML: ("XML", true)
            }
            let now = Date()
            lock.lock()
            let start = started[table] ?? now
            started[table] = start
            let last = p.total.map { p.done >= $0 } ?? false
            if !last, let s = shown[table], now.timeIntervalSince(s) < 0.25 { lock.unlock(); return }
            shown[table] = now
            lock.unlock()
            var e = ProgressEvents.event(table: table, records: p.done, expected: p.total,
                                         seconds: now.timeIntervalSince(start), files: files)
            e.step = step
            context.emit(e)
        }
    }
}
