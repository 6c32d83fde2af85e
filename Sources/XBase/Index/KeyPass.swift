/// Computes the index entries of several tags in one pass over a table, within a memory
/// budget, and hands each tag's entries out sorted (`EntryRuns`).
///
/// The budget decides how much is held: the narrowest tags are kept whole in memory while
/// that leaves the others a fair share; the others are gathered in buffers of their share
/// and spilled as sorted runs when full. One read of the table serves every tag.
public enum KeyPass {
    /// 18 MiB of entries: with the CLI's own ~22 MiB, the merge's read buffers (at most
    /// `mergeBufferBudget` a tag) and the writer's page block, a rebuild or check stays
    /// under 64 MiB whatever the table's size. (24 MiB peaked at 59 MiB for 1 M records
    /// and 65.9 MiB for 10 M, 2 GB, with three tags: `scripts/bench.sh scale`.)
    public static let defaultBudget = 18 << 20
    /// Read buffers of all spilled runs of one tag together, during the merge.
    static let mergeBufferBudget = 4 << 20

    /// Entries each tag may hold in memory: whole tags (smallest entries first) while at
    /// least an eighth of the budget stays for the rest, which share what is left.
    static func capacities(widths: [Int], records: Int, budget: Int) -> [Int] {
        let n = max(1, records)
        var caps = [Int](repeating: 0, count: widths.count)
        var used = 0
        let order = widths.indices.sorted { widths[$0] < widths[$1] }
        for (position, i) in order.enumerated() {
            let need = n * widths[i]
            let reserve = position == order.count - 1 ? 0 : budget / 8
            guard used + need + reserve <= budget else { break }
            caps[i] = n
            used += need
        }
        let spilled = caps.indices.filter { caps[$0] == 0 }
        for i in spilled {
            caps[i] = min(n, max(64, (budget - used) / spilled.count / widths[i]))
        }
        return caps
    }

    /// One `EntryRuns` per builder, in the builders' order: FOR applied, deleted records
    /// included (FoxPro indexes them). Spilled runs go to `spillBase.tagN.runK`.
    /// `digesting` also sums each tag's entries into its digest (for the writer's check).
    static func collect(table: DBFTable, builders: [TagKeyBuilder], budgetBytes: Int,
                        spillBase: String, digesting: Bool = false) throws(CDXError) -> [EntryRuns] {
        let caps = capacities(widths: builders.map { $0.tag.keyLength + 4 }, records: table.recordCount, budget: budgetBytes)
        let runs = builders.indices.map { i in
            EntryRuns(keyLength: builders[i].tag.keyLength, unique: builders[i].tag.isUnique, capacity: caps[i],
                      spillBase: spillBase + ".tag\(i)", digesting: digesting, overlapped: caps[i] < table.recordCount)
        }
        let recordLength = table.header.recordLength
        // Tags whose key is a compiled recipe take the fast loop; the rest the evaluator.
        let recipes = builders.map { $0.fastRecipe(recordLength: recordLength) }
        let fast = builders.indices.filter { recipes[$0] != nil }
        let fastRecipes = fast.map { recipes[$0]! }
        let fastRuns = fast.map { runs[$0].appender }
        let slow = builders.indices.filter { recipes[$0] == nil }
        var scratch: [UInt8] = []
        var failure: CDXError?
        // `fastRuns` hold the runs unowned: `runs` and `builders` must outlive the pass.
        do {
            try withExtendedLifetime((builders, runs)) {
                try table.forEachRecord { record in
                    let recno = UInt32(truncatingIfNeeded: record.number)
                    do throws(CDXError) {
                        for j in 0..<fastRecipes.count {
                            let r = fastRuns[j]
                            fastRecipes[j].write(record.bytes.baseAddress!, to: try r.slot())
                            r.commit(recno: recno)
                        }
                        for i in slow {
                            let r = runs[i].appender
                            if builders[i].writeKey(record: record.bytes, recno: record.number, to: try r.slot(), scratch: &scratch) {
                                r.commit(recno: recno)
                            }
                        }
                    } catch {
                        failure = error
                        throw error
                    }
                }
            }
        } catch let e as XBaseError {
            for r in runs { try? r.waitForSpill() }
            throw .table(e)
        } catch {
            for r in runs { try? r.waitForSpill() }
            throw failure ?? .table(.io(file: table.path, reason: .other("\(error)")))
        }
        for r in runs { try r.waitForSpill() }
        return runs
    }
}
