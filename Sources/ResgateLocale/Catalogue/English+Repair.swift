/// `resgate repair` in English.
extension English {
    static func repair(_ r: RepairPhrase) -> String {
        switch r {
        case let .headerUnreadable(f, why):
            "\(f): the header cannot be read (\(why.text(in: .en))); repair cannot fix this — use resgate salvage and resgate restore --merge"
        case let .memoFileUnreadable(f, why):
            "\(f): the memo file cannot be opened (\(why.text(in: .en))); nothing was changed — without it every memo would look broken"
        case let .indexNotRebuilt(f, why):
            "\(f): the index could not be rebuilt (\(why.map(indexFinding).joined(separator: "; "))); nothing was changed"
        case .checkFailed(let why): "the check of the repaired table failed (\(checkProblem(why))); nothing was changed"
        case .failed(let why): "the repair failed (\(why.text(in: .en))); nothing was changed"
        case .needsYes: "No terminal to ask for confirmation: nothing was changed. Add --yes to repair, or --dry-run to see what would be fixed."
        case let .confirm(t, n): "Fix \(n) problem(s) in \(t)? (an undo copy is kept)"
        case .nothingToFix(let t): "\(t): nothing to fix."
        case let .repaired(t, n): "\(t): \(n) problem(s) fixed."
        case let .wouldRepair(t, n): "\(t): \(n) problem(s) to fix (dry run: nothing was written)."
        case let .records(h, f, a): "records: the header said \(h), the file held \(f), the repaired table has \(a)"
        case .indexRebuilt(let f): "index \(f) rebuilt"
        case let .undo(d, id): "To undo: resgate undo --data \(d) \(id)"
        case .moreNotListed(let n): "… and \(n) more not listed"
        case let .headerCount(b, a): "header record count: \(b) → \(a) (counted from the file size)"
        case let .tornRecord(rec, n): "torn record \(rec) (\(n) bytes) cut from the end of the file; its bytes stay in the undo copy"
        case .missingEOF: "end-of-file mark (0x1A) missing: written"
        case let .memoNextFree(b, a): "memo next-free-block pointer behind memos in use: \(b) → \(a)"
        case let .memoEmptied(rec, f, outside, hex):
            "record \(rec) \(f): memo \(outside ? "outside the memo file" : "unreadable") emptied (pointer was \(hex))"
        case let .fieldBlanked(rec, f, k, hex):
            "record \(rec) \(f): \(fault(k)); field blanked (original bytes \(hex))"
        case let .quarantined(rec, hex): "record \(rec): bad delete flag; kept out of the table (bytes \(hex))"
        }
    }

    static func checkProblem(_ p: RepairPhrase.CheckProblem) -> String {
        switch p {
        case let .count(h, f): "the header counts \(h) records, the file holds \(f)"
        case .tornTail(let n): "\(n) bytes at the end are not a whole record"
        case .record(let r): "record \(r) still has a fault"
        }
    }

    static func fault(_ k: RepairPhrase.FieldFault) -> String {
        switch k {
        case .number: "not a number"
        case .date: "not a valid date"
        case .logical: "not a logical"
        case .dateTime: "not a valid datetime"
        case .varLength: "bad variable length"
        }
    }
}
