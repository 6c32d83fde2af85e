/// The exit statuses of the contract (cli.md), as the operations report them; the CLI
/// turns them into the process status, the web screen into an HTTP answer.
public enum ExitKind: Int32, Sendable, Comparable {
    /// Nothing wrong.
    case ok = 0
    /// Defects found (or a check failed).
    case defects = 1
    /// Bad input: a folder, set, table or option that cannot be used.
    case badInput = 2
    /// Refused or failed: nothing (more) was changed.
    case refused = 3
    /// Done (restore, merge, recreate, repair), but a post-restore check failed: do not
    /// open the store.
    case checkFailed = 4

    public static func < (a: ExitKind, b: ExitKind) -> Bool { a.rawValue < b.rawValue }
}
