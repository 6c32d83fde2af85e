import ResgateLocale
import XBase

/// One verdict over a run of numbers (`from…to`) of one series. A run of one number carries
/// the details the verdict needs (key, issue date, file, deadline); longer runs only the
/// deadline when all their numbers share it.
public struct NumberVerdict: Sendable, Codable, Hashable {
    public var from: Int
    public var to: Int
    public var verdict: VerdictKind
    public var key: String?
    public var issued: String?
    public var file: String?
    /// An entry note (`tpNF` 0) of the store: it spends a number of the series too.
    public var entry: Bool?
    /// `transmit`: when it must reach the tax authority; `void`/`check-pos-before-voiding`:
    /// the voiding deadline. ISO date (or date-time for the 24-hour rule).
    public var deadline: String?
    public var deadlineRule: DeadlineRule?
    /// Whole days from the check's date to the deadline (negative: overdue).
    public var daysLeft: Int?
    /// `check-pos-before-voiding`: the contingency note that is near.
    public var nearContingency: Int?

    public var count: Int { to - from + 1 }
    public var span: NumberSpan { NumberSpan(from, to) }

    /// The verdict as a person reads it (`ResgateLocale`), both languages.
    public var words: Words {
        VerdictWords.line(span: span.description, count: count, kind: verdict, deadline: deadline, rule: deadlineRule,
                          daysLeft: daysLeft, near: nearContingency, entry: entry == true)
    }
}

extension NumberVerdict {
    private enum CodingKeys: String, CodingKey {
        case from, to, verdict, key, issued, file, entry, deadline, deadlineRule, daysLeft, nearContingency, count, messages
    }

    /// The facts, plus `count` and `messages` (`{pt, en}`) so that the web screen and other
    /// programs show the same words as the terminal.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(from, forKey: .from); try c.encode(to, forKey: .to); try c.encode(verdict, forKey: .verdict)
        try c.encodeIfPresent(key, forKey: .key); try c.encodeIfPresent(issued, forKey: .issued)
        try c.encodeIfPresent(file, forKey: .file); try c.encodeIfPresent(entry, forKey: .entry)
        try c.encodeIfPresent(deadline, forKey: .deadline); try c.encodeIfPresent(deadlineRule, forKey: .deadlineRule)
        try c.encodeIfPresent(daysLeft, forKey: .daysLeft); try c.encodeIfPresent(nearContingency, forKey: .nearContingency)
        try c.encode(count, forKey: .count); try c.encode(words, forKey: .messages)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(from: try c.decode(Int.self, forKey: .from), to: try c.decode(Int.self, forKey: .to),
                  verdict: try c.decode(VerdictKind.self, forKey: .verdict))
        key = try c.decodeIfPresent(String.self, forKey: .key)
        issued = try c.decodeIfPresent(String.self, forKey: .issued)
        file = try c.decodeIfPresent(String.self, forKey: .file)
        entry = try c.decodeIfPresent(Bool.self, forKey: .entry)
        deadline = try c.decodeIfPresent(String.self, forKey: .deadline)
        deadlineRule = try c.decodeIfPresent(DeadlineRule.self, forKey: .deadlineRule)
        daysLeft = try c.decodeIfPresent(Int.self, forKey: .daysLeft)
        nearContingency = try c.decodeIfPresent(Int.self, forKey: .nearContingency)
    }
}

/// The settings of the verdicts that come from the config (`[fiscal]`).
public struct VerdictSettings: Sendable, Codable, Hashable {
    /// Numbers a contingency note may be away from a gap for the gap to be suspect.
    public var contingencyWindow: Int = 50
    /// Forces the offline-NFC-e deadline rule; nil: by the state in the keys (`cUF`).
    public var contingencyRule: DeadlineRule? = nil
    public init(contingencyWindow: Int = 50, contingencyRule: DeadlineRule? = nil) {
        self.contingencyWindow = contingencyWindow; self.contingencyRule = contingencyRule
    }

    /// States (IBGE `cUF`) whose own rule for offline NFC-e is 24 hours from issue.
    static let states24h: Set<Int> = [28]

    func rule(forState uf: Int?) -> DeadlineRule {
        if let r = contingencyRule { return r }
        if let uf, Self.states24h.contains(uf) { return .hours24 }
        return .nextBusinessDay
    }
}

/// Decides a verdict for every number of a series that is missing from the data, or that
/// is in the data without authorization (docs/checks.md, "Verdicts"). Production only: the
/// index holds no test-environment (`tpAmb` 2) document.
enum Verdicts {
    struct Input {
        /// The data's numbers, sorted, each once.
        var numbers: [Int]
        var documents: SeriesDocuments
        /// Data numbers whose key says `tpEmis` 9.
        var dataContingency: [Int]
        var first: Int
        var gaps: [NumberSpan]
        var today: DBFDate
        var settings: VerdictSettings
    }

    /// A verdict before its texts: a run and where its details are. A note's key, date and
    /// file are built only for the runs of one number that keep them after the merge, so a
    /// series with 200,000 notes to re-create costs 24 bytes a note here, not ~400.
    struct Draft {
        enum Source { case plain, note(Int32), detailed(Int32) }
        var from: Int
        var to: Int
        var verdict: VerdictKind
        var source: Source
        /// Joined with a neighbour: the texts of one number are dropped.
        var merged = false
        /// An entry note's number: never joined with a sale's (`recreate` does not insert
        /// entry notes, so their line says to post them by hand).
        var entry = false
    }

    static func decide(_ input: Input) -> [NumberVerdict] {
        let docs = input.documents
        let numbers = input.numbers
        func inData(_ n: Int) -> Bool { binaryContains(numbers, n) }
        var drafts: [Draft] = []
        // one per note missing from the data at most, plus the other documents' and the
        // gaps' (numbers in the data without a document may still add some)
        drafts.reserveCapacity(docs.noteList.count + docs.cancellations.count + docs.pending.count + input.gaps.count + 64)
        /// Verdicts whose details are not a note's (cancellations the XML has no note for,
        /// pending notes, gaps): as many as the index already holds of those documents.
        var detailed: [NumberVerdict] = []
        func add(_ v: NumberVerdict) {
            drafts.append(Draft(from: v.from, to: v.to, verdict: v.verdict, source: .detailed(Int32(detailed.count)),
                                entry: v.entry == true))
            detailed.append(v)
        }
        let xmlLow = [docs.noteList.isEmpty ? nil : docs.noteList.number(at: 0), docs.voided.map(\.first).min(),
                      docs.cancellations.keys.min(), docs.pending.first?.number].compactMap { $0 }.min()
        let state = docs.noteList.lazy.compactMap { AccessKey.stateCode(of: $0.key) }.first
            ?? docs.pending.lazy.compactMap { AccessKey.stateCode(of: $0.key) }.first

        // authorized, denied, cancelled notes missing from the data: read in place
        let list = docs.noteList
        for i in list.indices {
            let number = list.number(at: i)
            if inData(number) { continue }
            var kind = VerdictKind.recreate
            if list.isDenied(at: i) { kind = .denied }
            else if let c = docs.cancellations[number] { kind = c.bySubstitution ? .substituted : .cancelled }
            drafts.append(Draft(from: number, to: number, verdict: kind, source: .note(Int32(i)), entry: list.isEntry(at: i)))
        }
        for c in docs.cancellations.values where !docs.hasNote(c.number) && !inData(c.number) {
            add(NumberVerdict(from: c.number, to: c.number, verdict: c.bySubstitution ? .substituted : .cancelled,
                              key: c.key, issued: c.date, file: c.file))
        }
        // signed, never authorized: in the data or not, the number is spent
        for p in docs.pending {
            var v = NumberVerdict(from: p.number, to: p.number, verdict: .transmitOrQuery, key: p.key.isEmpty ? nil : p.key,
                                  issued: p.issued, file: p.file, entry: p.isEntry ? true : nil)
            if p.emission == 9 {
                v.verdict = .transmit
                let rule = input.settings.rule(forState: AccessKey.stateCode(of: p.key) ?? state)
                if let (deadline, day) = transmitDeadline(issued: p.issued, rule: rule) {
                    v.deadline = deadline; v.deadlineRule = rule; v.daysLeft = day.julianDay - input.today.julianDay
                }
            }
            add(v)
        }
        // in the data, nothing in the XML (only from the XML's first number on: older rows
        // are simply older than the XML folder)
        if let low = xmlLow {
            var voided = NumberRanges.merge(docs.voided.map { $0.first...$0.last })[...]
            for n in numbers where n >= low {
                while let v = voided.first, v.upperBound < n { voided = voided.dropFirst() }
                if let v = voided.first, v.contains(n) { continue }
                if docs.hasNote(n) || docs.cancellations[n] != nil || docs.pendingNote(n) != nil { continue }
                drafts.append(Draft(from: n, to: n, verdict: .transmitOrQuery, source: .plain))
            }
        }
        // voided ranges, less the numbers the data holds
        for r in NumberRanges.merge(docs.voided.map { $0.first...$0.last }) {
            let held = NumberRanges.runs(ofSorted: numbers.filter { r.contains($0) })
            for piece in NumberRanges.complement(of: held, within: r) {
                drafts.append(Draft(from: piece.lowerBound, to: piece.upperBound, verdict: .alreadyVoided, source: .plain))
            }
        }
        // nowhere at all
        let suspects = contingencyNotes(input)
        let byMoment = suspects.compactMap { s in s.moment.map { (moment: $0, number: s.number) } }.sorted { $0.moment < $1.moment }
        for g in input.gaps {
            var v = NumberVerdict(from: g.from, to: g.to, verdict: .void)
            if xmlLow == nil {
                v.verdict = .checkPOSBeforeVoiding
            } else if let near = nearContingency(g, suspects: suspects, byMoment: byMoment, documents: docs,
                                                 window: input.settings.contingencyWindow) {
                v.verdict = .checkPOSBeforeVoiding
                v.nearContingency = near
            }
            let day = voidDeadline(g, documents: docs, today: input.today)
            v.deadline = day.iso; v.deadlineRule = .tenthOfNextMonth; v.daysLeft = day.julianDay - input.today.julianDay
            add(v)
        }
        drafts.sort { ($0.from, $0.verdict) < ($1.from, $1.verdict) }
        merge(&drafts, detailed: detailed)
        return drafts.map { d in
            switch d.source {
            case .plain:
                return NumberVerdict(from: d.from, to: d.to, verdict: d.verdict)
            case .note(let i):
                guard !d.merged else { return NumberVerdict(from: d.from, to: d.to, verdict: d.verdict, entry: d.entry ? true : nil) }
                let note = list[Int(i)]
                return NumberVerdict(from: d.from, to: d.to, verdict: d.verdict, key: note.key, issued: note.issued,
                                     file: note.file, entry: note.isEntry ? true : nil)
            case .detailed(let k):
                var v = detailed[Int(k)]
                v.from = d.from; v.to = d.to
                if d.merged { v.key = nil; v.issued = nil; v.file = nil; v.entry = d.entry ? true : nil }
                return v
            }
        }
    }

    /// Joins neighbouring runs with the same verdict; details that differ are dropped. A run joins the one before it when the verdict is the same, the
    /// numbers follow, it is not `transmit` (each has its own deadline), the deadlines are
    /// the same and so is the near contingency note (when it names one). The joined run
    /// keeps the first run's details source, without the texts of one number.
    ///
    /// In place: the joined list is never longer than the drafts, so it is written over
    /// them (a DATA far behind its XML has a draft per missing note: a second array of
    /// them was a tenth of `check`'s peak memory).
    static func merge(_ list: inout [Draft], detailed: [NumberVerdict]) {
        func extras(_ d: Draft) -> (deadline: String?, near: Int?) {
            if case .detailed(let k) = d.source { let v = detailed[Int(k)]; return (v.deadline, v.nearContingency) }
            return (nil, nil)
        }
        var kept = 0
        for i in list.indices {
            let d = list[i]
            if kept > 0 {
                var last = list[kept - 1]
                if last.verdict == d.verdict, last.to + 1 == d.from, d.verdict != .transmit, last.entry == d.entry {
                    let (a, b) = (extras(last), extras(d))
                    if b.deadline == a.deadline, b.near == nil || b.near == a.near {
                        last.to = d.to
                        last.merged = true
                        list[kept - 1] = last
                        continue
                    }
                }
            }
            list[kept] = d
            kept += 1
        }
        list.removeLast(list.count - kept)
    }

    /// Contingency notes of the series, by number with the moment they were issued (when
    /// known): rows whose key says `tpEmis` 9, pending ones, and authorized ones (a note
    /// authorized after being issued offline says the point of sale was offline then).
    static func contingencyNotes(_ input: Input) -> [(number: Int, moment: String?)] {
        var c: [(Int, String?)] = input.dataContingency.map { ($0, nil) }
        for p in input.documents.pending where p.emission == 9 { c.append((p.number, moment(p.issued))) }
        let list = input.documents.noteList
        for i in list.indices where list.emission(at: i) == 9 { let n = list[i]; c.append((n.number, moment(n.issued))) }
        return c.sorted { $0.0 < $1.0 }.map { (number: $0.0, moment: $0.1) }
    }

    /// A contingency note within `window` numbers of the gap, or issued between the notes
    /// around the gap (the point of sale was offline while the numbers were skipped).
    static func nearContingency(_ g: NumberSpan, suspects: [(number: Int, moment: String?)],
                                byMoment: [(moment: String, number: Int)], documents: SeriesDocuments, window: Int) -> Int? {
        guard !suspects.isEmpty else { return nil }
        let lowBound = g.from > window ? g.from - window : 0
        var lo = 0, hi = suspects.count
        while lo < hi { let mid = (lo + hi) / 2; if suspects[mid].number < lowBound { lo = mid + 1 } else { hi = mid } }
        if lo < suspects.count, suspects[lo].number <= g.to + window { return suspects[lo].number }
        // by time: issued between the authorized notes just below and just above the gap
        guard let before = noteBelow(g.from, documents).flatMap({ moment($0.issued) }),
              let after = noteAbove(g.to, documents).flatMap({ moment($0.issued) }) else { return nil }
        var a = 0, b = byMoment.count
        while a < b { let mid = (a + b) / 2; if byMoment[mid].moment < before { a = mid + 1 } else { b = mid } }
        return a < byMoment.count && byMoment[a].moment <= after ? byMoment[a].number : nil
    }

    static func noteBelow(_ n: Int, _ d: SeriesDocuments) -> AuthorizedNote? {
        var lo = 0, hi = d.noteList.count
        while lo < hi { let mid = (lo + hi) / 2; if d.noteList[mid].number < n { lo = mid + 1 } else { hi = mid } }
        return lo > 0 ? d.noteList[lo - 1] : nil
    }

    static func noteAbove(_ n: Int, _ d: SeriesDocuments) -> AuthorizedNote? {
        var lo = 0, hi = d.noteList.count
        while lo < hi { let mid = (lo + hi) / 2; if d.noteList[mid].number <= n { lo = mid + 1 } else { hi = mid } }
        return lo < d.noteList.count ? d.noteList[lo] : nil
    }

    /// The 10th of the month after the gap's month: the month of the note issued just
    /// before the gap (the numbers were skipped then), else just after, else this month.
    static func voidDeadline(_ g: NumberSpan, documents: SeriesDocuments, today: DBFDate) -> DBFDate {
        let month = (noteBelow(g.from, documents) ?? noteAbove(g.to, documents)).flatMap { isoDate($0.issued) } ?? today
        return month.month == 12 ? DBFDate(year: month.year + 1, month: 1, day: 10) : DBFDate(year: month.year, month: month.month + 1, day: 10)
    }

    /// The deadline of an offline NFC-e: the end of the next business day (Saturday and
    /// Sunday skipped; holidays are not known here), or 24 hours after issue.
    static func transmitDeadline(issued: String, rule: DeadlineRule) -> (String, DBFDate)? {
        guard let day = isoDate(issued) else { return nil }
        switch rule {
        case .hours24:
            let next = DBFDate(julianDay: day.julianDay + 1)
            let rest = issued.count > 10 ? String(issued.dropFirst(10)) : ""
            return (next.iso + rest, next)
        default:
            var jd = day.julianDay + 1
            while (jd + 1) % 7 == 0 || (jd + 1) % 7 == 6 { jd += 1 }   // 0 Sunday, 6 Saturday
            let d = DBFDate(julianDay: jd)
            return (d.iso, d)
        }
    }

    /// `YYYY-MM-DD` at the start of an ISO date or date-time, bounded; nil otherwise.
    static func isoDate(_ s: String) -> DBFDate? {
        let b = Array(s.utf8.prefix(10))
        guard b.count == 10, b[4] == 45, b[7] == 45 else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for c in b[r] { guard c >= 48 && c <= 57 else { return nil }; v = v * 10 + Int(c - 48) }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
        let date = DBFDate(year: y, month: m, day: d)
        return date.isValid ? date : nil
    }

    /// `YYYY-MM-DDThh:mm:ss` (or the date alone) of an ISO text, for comparing moments of one
    /// store (its notes share one time zone); nil when it does not start with a date.
    static func moment(_ s: String) -> String? {
        guard isoDate(s) != nil else { return nil }
        return String(s.prefix(19))
    }

    static func binaryContains(_ a: [Int], _ n: Int) -> Bool {
        var lo = 0, hi = a.count
        while lo < hi { let mid = (lo + hi) / 2; if a[mid] < n { lo = mid + 1 } else { hi = mid } }
        return lo < a.count && a[lo] == n
    }
}
