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
}

/// Receives progress facts, possibly from several threads at once; calls come often
/// (every few thousand units), so a receiver keeps them cheap.
public typealias WorkProgressSink = @Sendable (WorkProgress) -> Void
