import XBase

extension Restorer {
    /// For `--merge`: each plan's live table and key (a plan whose key cannot be chosen is
    /// refused, so nothing is changed). Tables without a live table restore plainly.
    func mergeSetups(_ plans: inout [TablePlan]) -> [String: MergeSetup] {
        guard let request = options.merge, let data else { return [:] }
        var out: [String: MergeSetup] = [:]
        for i in plans.indices where plans[i].refusal == nil {
            guard let header = plans[i].liveHeader,
                  let file = TablePlan.findFile(in: data, base: plans[i].name, ext: "dbf") else { continue }
            do {
                let key = try MergeKeyChooser.choose(table: plans[i].name, request: request, fields: header.visibleFields,
                                                     indexPath: plans[i].liveIndexPath)
                out[plans[i].name] = MergeSetup(livePath: data + "/" + file, key: key)
            } catch {
                plans[i].refusal = .restore(MergeWords.phrase(error))
            }
        }
        return out
    }

    /// The cli.md merge keys of one table's report.
    static func applyMerge(_ m: MergeOutcome?, to t: inout RestoreReport.Table) {
        guard let m else { return }
        t.fromBackup = m.fromBackup
        t.fromLive = m.fromLive
        t.conflicts = m.conflicts
        t.unreadable = m.unreadable
        t.key = m.key
        t.merge = m
    }
}
