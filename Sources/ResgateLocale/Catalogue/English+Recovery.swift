/// `resgate recreate` and `resgate inutilizar` in English.
extension English {
    static func recreate(_ p: RecreatePhrase) -> String {
        switch p {
        case let .confirm(notes, tables): "Insert \(notes) authorized note(s) into \(tables)? (undoable with resgate undo)"
        case .needYes: "No terminal to ask: use --yes to insert, or --dry-run to only look. Nothing was changed."
        case .nothing: "No authorized note is missing from the data: nothing to re-create."
        case let .note(number, series, model, items, record, dryRun):
            "  \(Format.fiscalModel(model == 65 ? 65 : 55)) series \(series) no. \(number): \(items) item(s)"
                + (dryRun ? " (would be inserted)" : record.map { " → record \($0)" } ?? "")
        case .skippedEntry(let n): "  no. \(n): entry note (tpNF 0) — not a sale; post it by hand if the ERP records it"
        case let .done(notes, id, data): "\(notes) note(s) re-created. To undo: resgate undo --data \(data) \(id)"
        case .dryRun(let notes): "Dry run: \(notes) note(s) would be re-created. Nothing was changed."
        case .stockHeading: "Stock movements NOT posted (post them by hand in the ERP):"
        case .truncatedHeading: "Text cut to the field's size:"
        case .more(let n): "  …and \(n) more (the total is in --json)."
        case .checkFailed: "Notes re-created, but the check afterwards failed: do NOT release the system (resgate check)."
        case .refused(let reason): "Refused, nothing was changed: \(reason.text(in: .en))"
        case let .markedRows(field, value): "Rows marked with \(field) = \"\(value)\"."
        }
    }

    static func voiding(_ p: VoidingPhrase) -> String {
        switch p {
        case let .request(id, first, last, file, deadline, daysLeft):
            "  \(first)–\(last) (\(last - first + 1) number(s)): \(file ?? id) — deadline \(deadline), "
                + (daysLeft < 0 ? "OVERDUE by \(-daysLeft) day(s)" : "\(daysLeft) day(s) left")
        case .unsigned:
            "Requests are UNSIGNED: sign each with the store's A1 certificate in the ERP or its fiscal tool before sending it. Legal deadline: the 10th of the month after the numbers' month (Ajuste SINIEF 07/05)."
        case let .held(span, near):
            "  \(span): NOT included — check the points of sale before voiding" + (near.map { " (contingency note \($0) nearby)" } ?? "")
        case .nothing: "No number to void."
        case let .written(n, folder): "\(n) voiding request(s) written to \(folder):"
        }
    }
}
