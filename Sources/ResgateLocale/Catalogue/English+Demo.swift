/// `resgate demo` in English.
extension English {
    static func demo(_ d: DemoPhrase) -> String {
        switch d {
        case .alreadyThere(let root): "\(root) already holds a demo store; choose another folder"
        case .building(let root): "1. Building the demo store in \(root)"
        case .story:
            "   A store with a dozen tables; backups of Wednesday 19h and Thursday 07h; after them, 12 more sales with authorized NFC-e; then VENDAS got corrupted. Later still: 3 authorized sales, a return, an offline NFC-e in a point of sale, skipped numbers and a voided one."
        case let .step(n, s): "\(n). " + demoStep(s)
        case .done(let root): "\nDone. The demo store stays in \(root)."
        }
    }

    static func demoStep(_ s: DemoPhrase.Step) -> String {
        switch s {
        case .scan: "Check the tables"
        case .backups: "List the backups"
        case .verify: "Verify the chosen backup"
        case .dryRun: "Dry run of the restore"
        case .sandbox: "Restore into a sandbox to compare"
        case .diff: "Compare the backup with the live table"
        case .merge: "Restore in the store without losing the day: the backup + the damaged table's readable sales"
        case .check: "Check before the store opens"
        case .recreateDryRun: "Dry run: re-create the authorized notes the data lacks"
        case .recreate: "Re-create the notes from their XML"
        case .voiding: "Draft the voiding requests"
        case .checkAgain: "Check again"
        case .snapshots: "The undo snapshots (restore and re-creation)"
        case .undoRecreate: "Undo the re-creation"
        }
    }
}
