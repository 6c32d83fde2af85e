/// The merging restore (`MergePhrase`) in English.
extension English {
    static func merge(_ m: MergePhrase) -> String {
        switch m {
        case let .counts(b, l, u, a):
            "\(b) from the backup + \(l) from the live table (\(u) changed, \(a) new)"
        case .conflicts(let n): "\(n) conflict(s): same key, different content; the live version is kept"
        case let .unreadable(n, records):
            "\(n) unreadable live record(s), not recovered" + recordList(records, total: n)
        case .memosLost(let n): "\(n) unreadable memo(s) left empty"
        case let .key(fields, source, tag):
            fields.isEmpty ? "no key: appends at the end only"
                           : "key \(fields.joined(separator: "+")) (\(keySource(source, tag: tag)))"
        case .changedField(let f): "changes by field \(f)"
        case .keepsNewer(let n): "\(n) readable record(s) the backup lacks"
        case .nothingNewer: "nothing new since the backup"
        case let .noKeyNotAppendOnly(live, backup):
            "no key, and the live table has fewer records (\(live)) than the backup (\(backup)): not append-only, so what is new cannot be told"
        case .noLiveTable: "not in the data folder: comes whole from the backup"
        case .notComputed: "not computed because another table was refused"
        case .previewing: "Working out the restore that keeps what was done after the backup…"
        case .recommended: "Checked because the live table still has readable records made after the backup."
        case .notRecommendedNothingNewer: "Unchecked: the live tables have nothing readable the backup lacks."
        case .notRecommendedNoKey(let t):
            "Unchecked: \(t.joined(separator: ", ")) without a key and not append-only; look before checking it."
        case .impossible(let why): "Not available: \(why)"
        case .handoverNote: "restored keeping what was done after the backup"
        }
    }

    static func keySource(_ s: MergePhrase.KeySource, tag: String?) -> String {
        switch s {
        case .option: "given"
        case .config: "resgate.toml"
        case .candidateTag: "candidate index" + (tag.map { " \($0)" } ?? "")
        case .uniqueTag: "unique index" + (tag.map { " \($0)" } ?? "")
        case .none: "no key"
        }
    }

    static func recordList(_ records: [Int], total: Int) -> String {
        guard !records.isEmpty else { return "" }
        let shown = records.prefix(20).map(String.init).joined(separator: ", ")
        return ": no. " + shown + (total > 20 ? " …" : "")
    }
}
