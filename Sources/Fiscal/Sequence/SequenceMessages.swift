import ResgateLocale

/// Decides a series' status and reports, as facts (`FiscalPhrase`), what is wrong and what
/// the technician must do about it, most urgent first: the summary, then failures, then
/// warnings, then the verdict counts. The words are the catalogue's.
enum SequenceMessages {
    static func judge(_ r: SequenceResult, conflicts: [AuthorizedNote]) -> (CheckStatus, [FiscalPhrase]) {
        var fails: [FiscalPhrase] = []
        var warnings: [FiscalPhrase] = []
        let effective = r.counter ?? r.lastInData ?? 0
        let next = r.nextSafe

        if let la = r.lastAuthorized, effective < la {
            let toEnter = r.authorizedAfterDataReenter
            fails.append(.behindTaxAuthority(wouldIssue: effective + 1, lastAuthorized: la, nextSafe: next))
            if !r.authorizedAfterData.isEmpty {
                fails.append(.authorizedAfterData(lastInData: r.lastInData ?? 0, numbers: first(r.authorizedAfterData.map(\.number)),
                                                  count: r.authorizedAfterDataTotal))
                if toEnter > 0 { fails.append(.reenterSales(toEnter)) }
            }
        }
        if let c = r.counter, let ld = r.lastInData, c < ld {
            fails.append(.counterBelowData(counter: c, lastInData: ld, setTo: next - 1))
        }
        if !r.duplicates.isEmpty {
            fails.append(.repeatedNumbers(r.duplicateRecords.prefix(10).map { .init(number: $0.number, records: $0.records) },
                                          count: r.duplicates.count))
        }
        if !r.wrongKeys.isEmpty {
            let shown = r.wrongKeys.prefix(5).map { w in
                FiscalPhrase.WrongKeyFact(number: w.number, record: w.source == .data ? (w.record ?? 0) : nil,
                                          xmlFile: w.source == .data ? nil : (w.file ?? ""), problems: w.problems)
            }
            // the count is every wrong key; at most five are listed
            fails.append(.wrongKeys(shown, count: r.wrongKeyCount))
        }
        if !r.gaps.isEmpty {
            let count = r.gaps.reduce(0) { $0 + $1.count }
            warnings.append(.gaps(numbers: count, ranges: r.gaps.prefix(10).map { $0.from...$0.to }, rangeCount: r.gaps.count))
        }
        if r.authorizedMissingInDataCount > 0 {
            warnings.append(.authorizedMissingInData(count: r.authorizedMissingInDataCount, numbers: first(r.authorizedMissingInData),
                                                     listed: r.authorizedMissingInData.count))
        }
        if !conflicts.isEmpty {
            warnings.append(.conflictingNotes(numbers: first(conflicts.map(\.number)), count: conflicts.count))
        }
        if !r.comparedWithXML && r.rowsInData > 0 {
            warnings.append(.notComparedWithXML)
        }
        let summary = FiscalPhrase.sequenceSummary(lastInData: r.lastInData, lastAuthorized: r.lastAuthorized, nextSafe: next)
        let counts = r.verdictCounts
        if (counts[.transmit] ?? 0) + (counts[.transmitOrQuery] ?? 0) > 0 {
            warnings.append(.contingency(transmit: counts[.transmit] ?? 0, transmitOrQuery: counts[.transmitOrQuery] ?? 0))
        }
        let tail: [FiscalPhrase] = counts.isEmpty ? [] : [.verdictCounts(counts)]
        let status: CheckStatus = !fails.isEmpty ? .fail : !warnings.isEmpty ? .warning : .ok
        return (status, [summary] + fails + warnings + tail)
    }

    /// The numbers a message lists (the catalogue shows 15 and counts the rest).
    static func first(_ numbers: [Int]) -> [Int] { Array(numbers.prefix(15)) }
}

