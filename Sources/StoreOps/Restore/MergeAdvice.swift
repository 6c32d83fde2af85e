import ResgateLocale
import RestoreKit

/// Whether a merging restore (`restore --merge`) should be offered as the default, read
/// from a merge dry run's report (issue 17: "the default when the live table still has
/// readable records newer than the set"). One policy for every front end; the screen's
/// restore dialog shows it before confirming.
///
/// Per table: the dry run's counts, how rows were matched, and a verdict. For the whole
/// restore: `possible` (the merge would not be refused) and `recommended` (checked by
/// default): some table keeps readable live rows the set lacks (`fromLive > 0`), and no
/// table is keyless without being append-only.
public struct MergeAdvice: Encodable, Sendable {
    public enum Verdict: String, Encodable, Sendable {
        /// The live table has readable rows the set lacks (new or changed after it).
        case keepsNewer
        /// Nothing readable in the live table that the set lacks.
        case nothingNewer
        /// No key, and the live table has fewer records than the set: rows were removed,
        /// so the table is not append-only and what is new cannot be told by position.
        case noKeyNotAppendOnly
        /// No live table: the table comes whole from the set (a plain restore).
        case noLiveTable
        /// The merge refused this table (or left it out with another refused one).
        case refused
    }

    public struct Table: Encodable, Sendable {
        public var table: String
        public var verdict: Verdict
        /// The dry run's counts (nil where the merge did not run on the table).
        public var fromBackup: Int?
        public var fromLive: Int?
        public var updated: Int?
        public var added: Int?
        public var conflicts: Int?
        public var unreadable: Int?
        public var memosLost: Int?
        /// Records the table would have after the merge.
        public var records: Int?
        public var key: MergeKeyChoice?
        /// How rows are matched, in words ("chave NUMERO (índice candidato VENDAS)").
        public var keyWords: Words?
        /// The verdict in words, with the refusal's reason when refused.
        public var note: Words
    }

    public var tables: [Table]
    /// False when the merge dry run was refused (or could not start): the option is off
    /// and cannot be chosen.
    public var possible: Bool
    /// The option's default.
    public var recommended: Bool
    /// Why it is on or off, in words.
    public var reason: Words

    /// The advice from a merge dry run (`RestoreRequest.merge` set, `dryRun`).
    public init(mergeDryRun r: RestoreReport) {
        tables = r.tables.map(Self.table)
        let refusal = r.refusal ?? r.tables.first { ($0.status == .refused || $0.status == .failed) && $0.reason != nil }
            .map { "\($0.name): \($0.reason!)" }
        possible = !r.anyRefused
        let noKey = tables.filter { $0.verdict == .noKeyNotAppendOnly }.map(\.table)
        let newer = tables.contains { $0.verdict == .keepsNewer }
        recommended = possible && newer && noKey.isEmpty
        if !possible {
            // the refusal's reason is in the report's language; the frame in both
            reason = Words { l in Phrase.merge(.impossible(refusal ?? Phrase.refusedWithTheOthers.text(in: l))).text(in: l) }
        } else if !noKey.isEmpty {
            reason = Phrase.merge(.notRecommendedNoKey(noKey)).words
        } else if newer {
            reason = Phrase.merge(.recommended).words
        } else {
            reason = Phrase.merge(.notRecommendedNothingNewer).words
        }
    }

    /// The merge could not even be asked for (e.g. DATA's `[merge]` section is unusable).
    public init(failure: Words) {
        tables = []
        possible = false
        recommended = false
        reason = Words { l in Phrase.merge(.impossible(failure.text(in: l))).text(in: l) }
    }

    static func table(_ t: RestoreReport.Table) -> Table {
        guard t.status == .wouldRestore || t.status == .restored else {
            // the refusal in each language when its fact is there (else as the report worded it)
            let note = t.reasonFact.map { f in Words(f.text) } ?? t.reason.map { r in Words { _ in r } }
                ?? Phrase.merge(.notComputed).words
            return Table(table: t.name, verdict: .refused, note: note)
        }
        guard let m = t.merge else {
            return Table(table: t.name, verdict: .noLiveTable, records: t.records, note: Phrase.merge(.noLiveTable).words)
        }
        let verdict: Verdict
        let note: Phrase
        if m.key.fields.isEmpty && m.liveRecordsInFile < m.fromBackup {
            verdict = .noKeyNotAppendOnly
            note = .merge(.noKeyNotAppendOnly(liveRecords: m.liveRecordsInFile, backupRecords: m.fromBackup))
        } else if m.fromLive > 0 {
            verdict = .keepsNewer
            note = .merge(.keepsNewer(m.fromLive))
        } else {
            verdict = .nothingNewer
            note = .merge(.nothingNewer)
        }
        return Table(table: t.name, verdict: verdict, fromBackup: m.fromBackup, fromLive: m.fromLive,
                     updated: m.updated, added: m.added, conflicts: m.conflictCount, unreadable: m.unreadableCount,
                     memosLost: m.memosLostCount, records: t.records, key: m.key, keyWords: Self.keyWords(m.key),
                     note: note.words)
    }

    /// "chave NUMERO (índice candidato VENDAS)", plus the changed field when there is one.
    public static func keyWords(_ k: MergeKeyChoice) -> Words {
        var w = Phrase.merge(keyPhrase(k)).words
        if let c = k.changedField {
            let more = Phrase.merge(.changedField(c)).words
            let first = w
            w = Words { l in first.text(in: l) + "; " + more.text(in: l) }
        }
        return w
    }

    /// How a table's rows are matched, as the catalogue's fact: "chave NUMERO (índice
    /// candidato VENDAS)"; no fields: append-only.
    public static func keyPhrase(_ k: MergeKeyChoice) -> MergePhrase {
        let source: MergePhrase.KeySource = switch k.source {
        case .option: .option
        case .config: .config
        case .candidateTag: .candidateTag
        case .uniqueTag: .uniqueTag
        case .none: .none
        }
        return .key(fields: k.fields, source: source, tag: k.tag)
    }

    /// One merged table's figures in words (the result screen, the handover report).
    public static func summary(_ t: RestoreReport.Table, language: Language) -> [String] {
        guard let m = t.merge else { return [] }
        var out = [Phrase.merge(.counts(fromBackup: m.fromBackup, fromLive: m.fromLive, updated: m.updated,
                                        added: m.added)).text(in: language)]
        if m.conflictCount > 0 { out.append(Phrase.merge(.conflicts(m.conflictCount)).text(in: language)) }
        if m.unreadableCount > 0 {
            out.append(Phrase.merge(.unreadable(count: m.unreadableCount, records: m.unreadable.map(\.record))).text(in: language))
        }
        if m.memosLostCount > 0 { out.append(Phrase.merge(.memosLost(m.memosLostCount)).text(in: language)) }
        out.append(keyWords(m.key).text(in: language))
        return out
    }
}
