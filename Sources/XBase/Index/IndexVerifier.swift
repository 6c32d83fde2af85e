import ResgateLocale
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Something wrong with a table's index, found by `IndexVerifier`.
public struct IndexDefect: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The tree cannot be walked: bad pointer, impossible counts, broken links.
        case damagedStructure
        /// Keys are not in (key, record) byte order although the tag is MACHINE.
        case outOfOrder
        /// The entries differ from what the records produce (out of date).
        case entriesDiffer
        /// The tag sorts by a national collation; we can neither check its order nor
        /// rebuild it (a byte-order rebuild would mislead the engine that wrote it).
        case nationalCollation
        /// The key or FOR expression is outside what we evaluate; not checked.
        case unsupportedExpression
        /// The old index agrees with (almost) none of the keys we compute: the likelier
        /// fault is our key computation, so the tag is neither judged nor rebuilt.
        case keysDisagree
        /// A VFP 9 binary index tag (1-byte key, bitmap leaves): a format we do not read.
        case binaryIndex
    }
    public var file: String
    public var tag: String?
    public var kind: Kind
    /// What was found, as a fact (worded by the catalogue).
    public var detail: IndexFinding
    /// Whether `reindex` can fix it (false for refusals we cannot safely rebuild).
    public var isRepairable: Bool { kind == .damagedStructure || kind == .outOfOrder || kind == .entriesDiffer }

    /// `file: tag T: kind: detail`, the kind as its identifier.
    public func text(in language: Language) -> String {
        "\(file): " + (tag.map { "tag \($0): " } ?? "") + "\(kind.rawValue): \(detail.text(in: language))"
    }

    public var description: String { text(in: .en) }
}

/// Checks that every tag of a CDX holds exactly what the table's records produce.
public enum IndexVerifier {
    /// Opens `index` and verifies it against `table`. A file that cannot be opened at all is
    /// one `.damagedStructure` defect, never a crash.
    public static func verify(table: DBFTable, indexPath: String) -> [IndexDefect] {
        do {
            return verify(table: table, index: try CDXFile.open(path: indexPath))
        } catch {
            return [IndexDefect(file: indexPath, tag: nil, kind: .damagedStructure, detail: .failure(error))]
        }
    }

    /// `budgetBytes` bounds the expected keys held in memory at once (see `KeyPass`).
    public static func verify(table: DBFTable, index: CDXFile, budgetBytes: Int = KeyPass.defaultBudget) -> [IndexDefect] {
        var defects: [IndexDefect] = []
        var builders: [TagKeyBuilder] = []
        let names = DBCFieldNames.load(for: table)
        for tag in index.tags {
            do {
                builders.append(try TagKeyBuilder(tag: tag, table: table, names: names, rules: index.keyRules, file: index.path))
            } catch let e {
                let kind: IndexDefect.Kind = if case .unsupportedCollation = e { .nationalCollation } else { .unsupportedExpression }
                defects.append(IndexDefect(file: index.path, tag: tag.name, kind: kind, detail: .failure(e)))
            }
        }
        // Expected keys of a tag too big for memory are spilled to the temporary folder (never
        // beside the table: a check changes nothing in DATA).
        let temp = (getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp") + "/resgate-verify-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let runs: [EntryRuns]
        do {
            runs = try KeyPass.collect(table: table, builders: builders, budgetBytes: budgetBytes, spillBase: temp)
        } catch {
            return defects + [IndexDefect(file: index.path, tag: nil, kind: .damagedStructure, detail: .tableUnreadable(error))]
        }
        CDXWriter.sortInParallel(runs)
        for (i, b) in builders.enumerated() {
            do {
                if let d = try compare(index: index, builder: b, expected: runs[i]) { defects.append(d) }
            } catch {
                return defects + [IndexDefect(file: index.path, tag: nil, kind: .damagedStructure, detail: .tableUnreadable(error))]
            }
        }
        return defects
    }

    /// Walks one tag and compares it with the expected sorted entries, pulled alongside.
    /// Only when the order is broken are both sides loaded whole, to tell a national
    /// collation from damage.
    /// `observation` receives what the walk showed the collation guard, so a rebuild that
    /// checks the old index first need not walk it again for the guard.
    static func compare(index: CDXFile, builder: TagKeyBuilder, expected: EntryRuns,
                        observation: UnsafeMutablePointer<CollationGuard.Observation>? = nil) throws(CDXError) -> IndexDefect? {
        let tag = builder.tag
        func defect(_ kind: IndexDefect.Kind, _ detail: IndexFinding) -> IndexDefect {
            IndexDefect(file: index.path, tag: tag.name, kind: kind, detail: detail)
        }
        // First a streaming pass: order and equality checked on the fly, nothing kept. Only
        // when the order is broken do we collect the entries to tell national collation from
        // damage.
        var position = 0, firstMismatch: Int? = nil, disorder = false, matches = 0, consumed = 0
        var found: CDXEntry? = nil, wanted: CDXEntry? = nil
        let cursor = try expected.cursor()
        var expectedLeft = try cursor.next()
        let len = tag.keyLength
        let previous = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, len))
        defer { previous.deallocate() }
        var previousRecno: UInt32 = 0
        var cursorFailure: CDXError?
        do throws(CDXError) {
            try index.forEachEntryRaw(of: tag, fill: builder.kind.fill) { (k: UnsafePointer<UInt8>, r: UInt32) throws(CDXError) in
                if position > 0 {
                    let c = memcmpRaw(previous, k, len)
                    if c > 0 || (c == 0 && previousRecno >= r) { disorder = true }
                    if c > 0 || (c == 0 && previousRecno > r) { observation?.pointee.backwards = true }
                }
                do throws(CDXError) {
                    if firstMismatch == nil {
                        if !expectedLeft || cursor.recno != r || memcmpRaw(cursor.entry, k, len) != 0 {
                            firstMismatch = position
                            found = CDXEntry(key: Array(UnsafeBufferPointer(start: k, count: len)), recno: r)
                            if expectedLeft { wanted = CDXEntry(key: Array(cursor.key), recno: cursor.recno) }
                        } else {
                            matches += 1; consumed += 1
                            expectedLeft = try cursor.next()
                        }
                    }
                    if firstMismatch != nil && !disorder {
                        // Past the first difference both sides stay sorted: a merge counts
                        // the entries they share, for the safety net below.
                        while expectedLeft, Self.order(cursor, k, r, len) < 0 { consumed += 1; expectedLeft = try cursor.next() }
                        if expectedLeft, Self.order(cursor, k, r, len) == 0 { matches += 1; consumed += 1; expectedLeft = try cursor.next() }
                    }
                } catch { cursorFailure = error; throw error }
                previous.update(from: k, count: len)
                previousRecno = r
                position += 1
            }
        } catch {
            if let cursorFailure { throw cursorFailure }
            observation?.pointee.readable = false
            if KeySafetyNet.isBinaryIndex(builder, walkFailed: true, path: index.path) {
                return defect(.binaryIndex, .binaryIndex(error))
            }
            return defect(.damagedStructure, .failure(error))
        }
        if !disorder {
            if firstMismatch == nil && !expectedLeft { return nil }
            // Count what the records give, for the message.
            var total = consumed
            if expectedLeft { total += 1; while try cursor.next() { total += 1 } }
            if let why = KeySafetyNet.refusal(indexEntries: position, recordEntries: total, shared: matches) {
                return defect(.keysDisagree, why)
            }
            let first = EntryDifference.at(position: (firstMismatch ?? position) + 1, index: found?.description, records: wanted?.description)
            return defect(.entriesDiffer, .entriesDiffer(indexEntries: position, recordEntries: total, first: first))
        }
        let want = try KeyList(try expected.cursor())
        var have = KeyList(keyLength: tag.keyLength, capacity: position)
        do {
            try index.forEachEntry(of: tag, fill: builder.kind.fill) { k, r in have.append(key: k, recno: r) }
        } catch {
            return defect(.damagedStructure, .failure(error))
        }
        if let i = have.firstDisorder() {
            let shown = have.entry(i).description, previous = have.entry(i - 1).description
            var sorted = have
            sorted.sort(unique: false)
            if builder.kind == .character, sorted.keyBytes == want.keyBytes, sorted.recnos == want.recnos {
                return defect(.nationalCollation, .nationalCollation(position: i + 1, before: previous, after: shown))
            }
            if builder.kind == .character {
                // Could be a national collation that is also out of date, or corruption: the
                // entries are wrong either way; the rebuild decides whether it may rebuild.
                return defect(.entriesDiffer, .unsortedAndDiffer(entry: i + 1, shown: shown, previous: previous,
                                                                 first: firstDifference(sorted, want)))
            }
            return defect(.outOfOrder, .outOfOrder(entry: i + 1, shown: shown, previous: previous))
        }
        if have.count != want.count || have.keyBytes != want.keyBytes || have.recnos != want.recnos {
            return defect(.entriesDiffer, .entriesDiffer(indexEntries: have.count, recordEntries: want.count, first: firstDifference(have, want)))
        }
        return nil
    }

    /// (key, record) order of the cursor's entry against `k`/`r`: <0, 0, >0.
    @inline(__always)
    static func order(_ c: EntryCursor, _ k: UnsafePointer<UInt8>, _ r: UInt32, _ len: Int) -> Int {
        let m = memcmpRaw(c.entry, k, len)
        if m != 0 { return m }
        return c.recno < r ? -1 : (c.recno == r ? 0 : 1)
    }

    static func firstDifference(_ have: KeyList, _ want: KeyList) -> EntryDifference? {
        for i in 0..<min(have.count, want.count) where have.recnos[i] != want.recnos[i] || have.key(i) != want.key(i) {
            return .at(position: i + 1, index: have.entry(i).description, records: want.entry(i).description)
        }
        if have.count > want.count { return .extra(have.entry(want.count).description) }
        if want.count > have.count { return .missing(want.entry(have.count).description) }
        return nil
    }
}

/// What an index's defects mean for a person, in one place for `scan` and
/// `reindex --check`: damage is what `reindex` can repair; tags we refuse to judge
/// (national collation, unsupported expression, binary index, the safety net) leave the
/// index "unchecked", never "damaged".
public enum IndexVerdict: String, Sendable {
    case ok, damaged, unchecked

    public init(_ defects: [IndexDefect]) {
        self = defects.contains(where: \.isRepairable) ? .damaged : defects.isEmpty ? .ok : .unchecked
    }
}
