/// `resgate demo`: what it builds and the title of each step of its walk. The words are in
/// `Portuguese+Demo.swift` / `English+Demo.swift`.
public enum DemoPhrase: Sendable, Hashable {
    /// The steps of the walk, in order (each is numbered when told).
    public enum Step: Sendable, Hashable, CaseIterable {
        case scan, backups, verify, dryRun, sandbox, diff, merge, check, recreateDryRun, recreate
        case voiding, checkAgain, snapshots, undoRecreate
    }

    case alreadyThere(root: String)
    case building(root: String)
    /// What the demo store holds and what happened to it.
    case story
    /// Step `number`'s title.
    case step(Int, Step)
    case done(root: String)
}

public extension DemoPhrase {
    func text(in language: Language) -> String {
        switch language {
        case .pt: Portuguese.demo(self)
        case .en: English.demo(self)
        }
    }
}
