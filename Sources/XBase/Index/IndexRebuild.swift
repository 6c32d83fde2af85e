import ResgateLocale
import Foundation

/// What a checked rebuild found in the old index and in the file it wrote.
public struct IndexRebuildReport: Sendable {
    /// Defects of the old index (empty when it was right, or when not asked for).
    public var before: [IndexDefect]
    /// Defects of the new file; anything here means it must not replace the old one.
    public var after: [IndexDefect]
}

/// Rebuilds a CDX and proves the result, sharing one pass over the table between the old
/// index's check, the new file and the new file's check.
///
/// The entries are computed once, with an order-independent digest of every tag's entries
/// (`EntryDigest`) taken as they come from the records, before any sorting. The old index
/// is compared with the sorted entries (the same walk `IndexVerifier` does); the new file
/// is then read back through `CDXFile`, tree checks included, and each tag must hold its
/// entries in strictly increasing (key, record) order, as many as the records give, with
/// the same digest. A strictly ordered sequence with the same multiset of entries is the
/// one right sequence, so this proves the sort, the spilled runs, the merge, the page
/// layout and the bytes on disk against the records, without computing the keys twice.
/// UNIQUE tags keep only the first record of a key, which the digest taken before sorting
/// cannot know: they are verified against a second, independent pass over the table.
public enum IndexRebuild {
    public static func rebuild(table: DBFTable, template: CDXFile, to path: String, checkOld: Bool = true,
                               memoryBudget: Int = KeyPass.defaultBudget) throws(CDXError) -> IndexRebuildReport {
        let builders = try CDXWriter.builders(for: template, table: table)
        let runs = try KeyPass.collect(table: table, builders: builders, budgetBytes: memoryBudget,
                                       spillBase: path, digesting: true)
        CDXWriter.sortInParallel(runs)
        var before: [IndexDefect] = []
        var observed: [CollationGuard.Observation]? = nil
        if checkOld {
            // The same walk tells the collation guard what it needs about the original.
            var seen = [CollationGuard.Observation](repeating: .init(), count: builders.count)
            for (i, b) in builders.enumerated() {
                var o = CollationGuard.Observation()
                if let d = try IndexVerifier.compare(index: template, builder: b, expected: runs[i], observation: &o) {
                    // the safety net: a tag we cannot judge is a tag we must not replace
                    if d.kind == .keysDisagree || d.kind == .binaryIndex {
                        throw .unsupportedExpression(file: template.path, tag: b.tag.name, expression: b.tag.keyExpression, reason: .notJudged(d.detail))
                    }
                    before.append(d)
                }
                seen[i] = o
            }
            observed = seen
        }
        try CDXWriter.write(table: table, template: template, builders: builders, runs: runs, to: path, observed: observed)
        return IndexRebuildReport(before: before, after: verifyWritten(path: path, table: table, template: template,
                                                                        builders: builders, runs: runs, budget: memoryBudget))
    }

    /// Reads the written file back and checks every tag against the entries' digests.
    static func verifyWritten(path: String, table: DBFTable, template: CDXFile, builders: [TagKeyBuilder],
                              runs: [EntryRuns], budget: Int) -> [IndexDefect] {
        func defect(_ tag: String?, _ kind: IndexDefect.Kind, _ detail: IndexFinding) -> IndexDefect {
            IndexDefect(file: path, tag: tag, kind: kind, detail: detail)
        }
        let file: CDXFile
        do { file = try CDXFile.open(path: path) } catch { return [defect(nil, .damagedStructure, .failure(error))] }
        guard file.tags.count == template.tags.count else {
            return [defect(nil, .damagedStructure, .newTagCount(new: file.tags.count, old: template.tags.count))]
        }
        var defects: [IndexDefect] = []
        var uniqueTags: [Int] = []
        for (i, tag) in file.tags.enumerated() {
            let want = template.tags[i]
            // Same name, expressions, key length and options: every header byte but the
            // root and free-list pointers the writer sets.
            guard tag.name == want.name, tag.raw.count == want.raw.count, tag.raw[8...] == want.raw[8...] else {
                defects.append(defect(tag.name, .damagedStructure, .newTagHeaderDiffers))
                continue
            }
            if tag.isUnique { uniqueTags.append(i); continue }
            if let d = checkDigest(file: file, tag: tag, builder: builders[i], runs: runs[i]) {
                defects.append(defect(tag.name, d.kind, d.detail))
            }
        }
        if !uniqueTags.isEmpty {
            // An independent second pass gives what those tags must hold.
            let temp = NSTemporaryDirectory() + "resgate-verify-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
            do throws(CDXError) {
                // Bound to the new file's own headers: `compare` walks from their roots.
                var sub: [TagKeyBuilder] = []
                let names = DBCFieldNames.load(for: table)
                for i in uniqueTags {
                    sub.append(try TagKeyBuilder(tag: file.tags[i], table: table, names: names, rules: file.keyRules, file: path))
                }
                let expected = try KeyPass.collect(table: table, builders: sub, budgetBytes: budget, spillBase: temp)
                CDXWriter.sortInParallel(expected)
                for j in sub.indices {
                    if let d = try IndexVerifier.compare(index: file, builder: sub[j], expected: expected[j]) { defects.append(d) }
                }
            } catch {
                defects.append(defect(nil, .damagedStructure, .cannotCheckNew(error)))
            }
        }
        return defects
    }

    /// Walks one tag of the new file: strictly increasing entries, the right count and
    /// the digest of the entries the records gave.
    static func checkDigest(file: CDXFile, tag: CDXTagHeader, builder: TagKeyBuilder,
                            runs: EntryRuns) -> (kind: IndexDefect.Kind, detail: IndexFinding)? {
        let width = tag.keyLength + 4
        var digest = EntryDigest()
        var count = 0
        var disorderAt: Int? = nil
        let previous = UnsafeMutableRawPointer.allocate(byteCount: width, alignment: 8)
        let current = UnsafeMutableRawPointer.allocate(byteCount: width, alignment: 8)
        defer { previous.deallocate(); current.deallocate() }
        do {
            try file.forEachEntryRaw(of: tag, fill: builder.kind.fill) { k, r in
                current.copyMemory(from: k, byteCount: tag.keyLength)
                current.storeBytes(of: r.bigEndian, toByteOffset: tag.keyLength, as: UInt32.self)
                if count > 0, disorderAt == nil, memcmpRaw(previous, current, width) >= 0 { disorderAt = count }
                digest.add(UnsafeRawPointer(current), width)
                previous.copyMemory(from: current, byteCount: width)
                count += 1
            }
        } catch {
            return (.damagedStructure, .failure(error))
        }
        if let at = disorderAt { return (.outOfOrder, .newOutOfOrder(entry: at + 1)) }
        if count != runs.total { return (.entriesDiffer, .newEntryCount(entries: count, records: runs.total)) }
        if digest != runs.digest { return (.entriesDiffer, .newEntriesDiffer) }
        return nil
    }
}
