/// How far a long step has come, as facts: which step, how many units are done and how
/// many there are (when known). The engines report it through a `WorkProgressSink`; the
/// front ends choose the words (and how often to show them).
public struct WorkProgress: Sendable, Equatable {
    /// What is being done; the unit is a record, except for `.indexXML` (a file).
    public enum Step: Sendable, Equatable {
        /// `verify`: reading every line of a table of a set.
        case verifyTable(String)
        /// `diff`: comparing a table's records with the live table's.
        case compareTable(String)
        /// `check`: reading the XML folder (files).
        case indexXML
    }
    public var step: Step
    public var done: Int
    public var total: Int?
    public init(_ step: Step, done: Int, total: Int?) {
        self.step = step
        self.done = done
        self.total = total
    }

    /// The seconds left at the pace so far (`elapsed` seconds for `done` of `total`),
    /// rounded up; nil before the first unit, at the end, or with no total.
    public static func secondsLeft(done: Int, total: Int?, elapsed: Double) -> Int? {
        guard let total, done > 0, done < total, elapsed > 0 else { return nil }
        return Int((elapsed * Double(total - done) / Double(done)).rounded(.up))
    }
}

/// Receives progress facts, possibly from several threads at once; calls come often
/// (every few thousand units), so a receiver keeps them cheap.
public typealias WorkProgressSink = @Sendable (WorkProgress) -> Void
