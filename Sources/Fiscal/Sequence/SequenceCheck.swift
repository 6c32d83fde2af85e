import ResgateLocale
import XBase

/// Compares one series' numbers in the restored data with what the tax authority holds.
enum SequenceCheck {
    struct Input {
        var id: SeriesID
        var data: DataSeries?
        var documents: SeriesDocuments?
        var counter: Int?
        var first: Int = 1
        var xmlCompared: Bool
        var today: DBFDate = DBFDate(year: 2000, month: 1, day: 1)
        var settings = VerdictSettings()
    }

    static func evaluate(_ input: Input) -> CheckItem {
        var packed = input.data?.packed ?? []
        packed.sort()
        // numbers, duplicates
        var numbers: [Int] = []
        numbers.reserveCapacity(packed.count)
        var dups: [DuplicateNumber] = []
        var k = 0
        while k < packed.count {
            let n = Int(packed[k] >> 32)
            var j = k + 1
            while j < packed.count, Int(packed[j] >> 32) == n { j += 1 }
            numbers.append(n)
            if j - k > 1 {
                dups.append(DuplicateNumber(number: n, records: packed[k..<j].map { Int($0 & 0xFFFF_FFFF) }))
            }
            k = j
        }
        let docs = input.documents ?? SeriesDocuments()
        let lastInData = numbers.last
        let lastAuthorized = docs.lastUsed
        let nextSafe = max(lastInData ?? 0, lastAuthorized ?? 0) + 1
        let used = NumberRanges.merge(NumberRanges.runs(ofSorted: numbers) + docs.usedRanges)
        let gaps = nextSafe - 1 >= input.first
            ? NumberRanges.complement(of: used, within: input.first...(nextSafe - 1)) : []

        let floor = lastInData ?? 0
        let list = docs.noteList
        let after = afterData(docs, floor: floor)

        // authorized inside the data's range but absent from it (both lists are sorted)
        var lostInside: [Int] = []
        var lostCount = 0
        if let lo = numbers.first, let hi = lastInData {
            var k = 0
            for i in list.firstPosition(from: lo)..<list.count {
                let number = list.number(at: i)
                if number > hi { break }
                if list.isDenied(at: i) || docs.cancellations[number] != nil { continue }
                while k < numbers.count && numbers[k] < number { k += 1 }
                if k == numbers.count || numbers[k] != number {
                    lostCount += 1
                    if lostInside.count < SequenceResult.listLimit { lostInside.append(number) }
                }
            }
        }

        var wrong = input.data?.wrongKeys.sorted { ($0.number, $0.record ?? 0) < ($1.number, $1.record ?? 0) } ?? []
        for i in list.indices where !list.keyIsRight(at: i) {
            let n = list[i]
            wrong.append(WrongKey(source: .xml, number: n.number, key: n.key, record: nil, file: n.file, problems: n.keyProblems))
        }
        for c in docs.cancellations.values.sorted(by: { $0.number < $1.number }) where !c.keyProblems.isEmpty {
            wrong.append(WrongKey(source: .xml, number: c.number, key: c.key, record: nil, file: c.file, problems: c.keyProblems))
        }
        for n in docs.conflicts where !n.keyProblems.isEmpty {
            wrong.append(WrongKey(source: .xml, number: n.number, key: n.key, record: nil, file: n.file, problems: n.keyProblems))
        }

        let verdicts = input.xmlCompared
            ? Verdicts.decide(.init(numbers: numbers, documents: docs, dataContingency: (input.data?.contingency ?? []).sorted(),
                                    first: input.first, gaps: gaps.map(NumberSpan.init), today: input.today,
                                    settings: input.settings))
            : []
        var result = SequenceResult(
            issuer: input.id.issuer, model: input.id.model, series: input.id.series, table: input.data?.table,
            lastInData: lastInData, lastAuthorized: lastAuthorized, counter: input.counter, nextSafe: nextSafe,
            gaps: gaps.map(NumberSpan.init), duplicates: dups.map(\.number), duplicateRecords: dups,
            authorizedAfterData: after.listed, authorizedAfterDataCount: after.count,
            authorizedMissingInData: lostInside, authorizedMissingInDataCount: lostCount, wrongKeys: wrong,
            wrongKeyCount: (input.data?.wrongKeyCount ?? 0) + wrong.filter { $0.source == .xml }.count,
            voided: NumberRanges.merge(docs.voided.map { $0.first...$0.last }).map(NumberSpan.init),
            rowsInData: packed.count,
            documentsInXML: docs.noteList.count + docs.conflicts.count + docs.voided.count + docs.cancellations.count + docs.pending.count,
            comparedWithXML: input.xmlCompared)
        result.verdicts = verdicts
        let (status, words) = SequenceMessages.judge(result, conflicts: docs.conflicts)
        return CheckItem(name: "fiscal-sequence", status: status, subject: input.id.description, message: words, sequence: result)
    }

    /// The notes (and cancellations of notes the XML lacks) above the data's last number:
    /// the first `SequenceResult.listLimit` in number order with their texts, and how many
    /// there are. The records are read in place: a note's texts are built only for the
    /// listed ones, whatever the count.
    static func afterData(_ docs: SeriesDocuments, floor: Int) -> (listed: [MissingNote], count: Int) {
        let list = docs.noteList
        let start = list.firstPosition(from: floor + 1)
        let lonely = docs.cancellations.values.filter { $0.number > floor && !docs.hasNote($0.number) }
            .sorted { $0.number < $1.number }
        var listed: [MissingNote] = []
        var c = 0
        let limit = SequenceResult.listLimit
        for i in start..<list.count {
            let number = list.number(at: i)
            let cancelled = docs.cancellations[number] != nil
            let denied = list.isDenied(at: i)
            while c < lonely.count, lonely[c].number < number {
                if listed.count < limit { listed.append(missing(lonely[c])) }
                c += 1
            }
            if listed.count < limit {
                let n = list[i]
                listed.append(MissingNote(number: n.number, key: n.key, issued: n.issued, protocolNumber: n.protocolNumber,
                                          cancelled: cancelled, denied: denied, file: n.file))
            }
        }
        while c < lonely.count, listed.count < limit { listed.append(missing(lonely[c])); c += 1 }
        return (listed, list.count - start + lonely.count)
    }

    private static func missing(_ c: Cancellation) -> MissingNote {
        MissingNote(number: c.number, key: c.key, issued: c.date, protocolNumber: "", cancelled: true, denied: false, file: c.file)
    }
}
