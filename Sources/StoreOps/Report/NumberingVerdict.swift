import Fiscal
import Foundation
import ResgateLocale

/// The first thing to say after a restore: may the store be opened, judged by the fiscal
/// numbering (the ERP's step 5, "valide se a sequência numérica NFC-e – NF-e está
/// correta"). Built from the post-restore check; without one it says plainly that the
/// numbering was not checked and how to have it checked.
public struct NumberingVerdict: Encodable, Sendable {
    public enum State: String, Encodable, Sendable {
        /// Every series checked and none failed.
        case release
        /// A series failed: notes to re-enter, a wrong next number, duplicates or gaps.
        case doNotRelease = "do-not-release"
        /// No XML folder or resgate.toml known, or the check could not run.
        case notChecked = "not-checked"
    }

    /// One series of notes: `NFC-e série 1, CNPJ 12.345.678/0001-95`.
    public struct Series: Encodable, Sendable {
        /// "NFC-e", "NF-e", or "modelo N" for another model.
        public var document: String
        public var model: Int
        public var series: Int
        /// The issuer, formatted (`12.345.678/0001-95`, alphanumeric CNPJ alike).
        public var cnpj: String
        /// The number the next note must take.
        public var next: Int
        public var status: CheckStatus
        /// Notes the tax authority holds that the restored data lacks (not cancelled or
        /// denied): to be typed in again.
        public var reenter: [Note]
        /// `reenter` as ranges, `41–52`; nil when there is none.
        public var reenterRanges: String?
        /// The check's own sentence for this series.
        public var detail: Words
        /// The verdict line of this series.
        public var line: Words
        /// What to do with each missing number (re-create, transmit, void…), at most 200.
        public var numbers: [Words] = []
    }

    public struct Note: Encodable, Sendable {
        public var number: Int
        public var issued: String
        public var key: String
    }

    public var state: State
    public var series: [Series]
    /// The lines to show first, most severe first (one per series, or "not checked").
    public var lines: [Words]
    /// How to have the numbering checked (when it was not).
    public var howTo: Words?

    /// From the post-restore check (nil: it did not run) and, when it could not run, why.
    public init(check: CheckReport?, failure: String? = nil, data: String) {
        guard let check else {
            state = .notChecked
            series = []
            lines = [failure.map { Phrase.numberingFailedToRun($0).words } ?? Phrase.numberingNotChecked.words]
            howTo = Phrase.numberingHowToCheck(data: data).words
            return
        }
        var out: [Series] = []
        for item in check.checks where item.name == "fiscal-sequence" {
            guard let s = item.sequence else { continue }
            let doc = Self.documentName(model: s.model)
            let cnpj = Self.formatCNPJ(s.issuer)
            let notes = s.authorizedAfterData.filter { !$0.cancelled && !$0.denied }
                .map { Note(number: $0.number, issued: $0.issued, key: $0.key) }
            // every note to re-enter, not only the listed ones: the `recreate` runs above the
            // data's last number say them all (the list stops at `SequenceResult.listLimit`)
            let above = s.verdicts.filter { $0.verdict == .recreate && $0.from > (s.lastInData ?? 0) }
            let ranges = notes.isEmpty ? nil
                : s.authorizedAfterDataTotal > s.authorizedAfterData.count && !above.isEmpty
                ? Self.ranges(spans: above.map(\.span)) : Self.ranges(notes.map(\.number))
            let line: Words = item.status == .fail
                ? Phrase.numberingDoNotRelease(document: doc, series: s.series, cnpj: cnpj, next: s.nextSafe, reenter: ranges).words
                : Phrase.numberingRelease(document: doc, series: s.series, cnpj: cnpj, next: s.nextSafe).words
            out.append(Series(document: doc, model: s.model, series: s.series, cnpj: cnpj, next: s.nextSafe,
                              status: item.status, reenter: notes, reenterRanges: ranges, detail: item.message.words, line: line,
                              numbers: s.verdicts.prefix(200).map(\.words)))
        }
        series = out.sorted { ($0.status == .fail ? 0 : 1, $0.model, $0.series) < ($1.status == .fail ? 0 : 1, $1.model, $1.series) }
        if out.isEmpty {
            state = .notChecked
            lines = [Phrase.numberingNotChecked.words]
            howTo = Phrase.numberingHowToCheck(data: data).words
        } else {
            state = out.contains { $0.status == .fail } ? .doNotRelease : .release
            lines = series.map(\.line)
            howTo = nil
        }
    }

    /// 65 is the NFC-e, 55 the NF-e; any other model by its number.
    public static func documentName(model: Int) -> String {
        switch model {
        case 65: "NFC-e"
        case 55: "NF-e"
        default: "modelo \(model)"
        }
    }

    /// `12345678000195` → `12.345.678/0001-95`; the alphanumeric CNPJ (letters in the first
    /// twelve places) the same way; a CPF `123.456.789-09`; anything else as it is.
    public static func formatCNPJ(_ raw: String) -> String {
        let c = Array(raw.uppercased().filter { $0.isLetter || $0.isNumber })
        func s(_ r: Range<Int>) -> String { String(c[r]) }
        if c.count == 14, c.allSatisfy({ $0.isASCII }) {
            return "\(s(0..<2)).\(s(2..<5)).\(s(5..<8))/\(s(8..<12))-\(s(12..<14))"
        }
        if c.count == 11, c.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return "\(s(0..<3)).\(s(3..<6)).\(s(6..<9))-\(s(9..<11))"
        }
        return raw
    }

    /// `[41, 42, 43, 50]` → `41–43, 50`.
    /// "41–52, 60" from runs sorted by number, adjacent ones joined.
    static func ranges(spans: [NumberSpan]) -> String {
        var joined: [NumberSpan] = []
        for r in spans {
            if let last = joined.last, r.from <= last.to + 1 { joined[joined.count - 1].to = max(last.to, r.to) } else { joined.append(r) }
        }
        return joined.map(\.description).joined(separator: ", ")
    }

    public static func ranges(_ numbers: [Int]) -> String {
        let sorted = Array(Set(numbers)).sorted()
        var parts: [String] = []
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count, sorted[j + 1] == sorted[j] + 1 { j += 1 }
            parts.append(i == j ? "\(sorted[i])" : "\(sorted[i])–\(sorted[j])")
            i = j + 1
        }
        return parts.joined(separator: ", ")
    }
}
