import Foundation
import Testing
@testable import XBase

/// The fast index path (compiled key recipes on raw bytes, one pass for every tag, in-place
/// radix sort, spilled runs merged) against the plain one (the general expression
/// evaluator, all keys in memory, comparison sort): same keys, same order, same files.
@Suite struct KeyPassTests {
    /// Builders for every tag of a CDX we can evaluate, plus the evaluator-only twin.
    static func builders(_ file: CDXFile, _ table: DBFTable) -> [(fast: TagKeyBuilder, slow: TagKeyBuilder)] {
        file.tags.compactMap { tag in
            guard let fast = try? TagKeyBuilder(tag: tag, fields: table.header.fields, codePage: table.codePage, file: file.path)
            else { return nil }
            var slow = fast
            slow.usesPlan = false
            return (fast, slow)
        }
    }

    /// Every entry of `runs`, in cursor order.
    static func entries(_ runs: EntryRuns) throws -> KeyList { try KeyList(try runs.cursor()) }

    static func expectSame(_ runs: [EntryRuns], _ reference: [KeyList], _ what: String) throws {
        #expect(runs.count == reference.count)
        for (r, want) in zip(runs, reference) {
            let got = try entries(r)
            #expect(got.count == want.count, "\(what): \(got.count) entries, reference \(want.count)")
            #expect(got.keyBytes == want.keyBytes && got.recnos == want.recnos, "\(what)")
        }
    }

    @Test func keyPassEqualsTheEvaluatorReferenceOnEveryFixture() throws {
        let dir = IndexFixtures.scratch("keypass")
        var tags = 0
        for (dbf, cdx) in IndexFixtures.pairs {
            let table = try DBFTable.open(path: dbf)
            let file = try CDXFile.open(path: cdx)
            let pairs = Self.builders(file, table)
            guard !pairs.isEmpty else { continue }
            tags += pairs.count
            let reference = try KeyCollector.collect(table: table, builders: pairs.map(\.slow))
            // 300 and 3,000 bytes: many runs of 32 to a few hundred entries, sorted and
            // written on another core while the pass goes on; 40,000: a few runs.
            for budget in [KeyPass.defaultBudget, 200_000, 40_000, 3_000, 300] {
                let runs = try KeyPass.collect(table: table, builders: pairs.map(\.fast), budgetBytes: budget,
                                               spillBase: dir + "/k", digesting: budget == 300)
                try Self.expectSame(runs, reference, "\(cdx) budget \(budget)")
            }
        }
        #expect(tags > 40)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(leftovers.isEmpty, "run files left: \(leftovers)")
    }

    /// Edge values the fixtures may lack, in a table written here: negative numbers and
    /// zeros of every shape, blanks, junk, empty and impossible dates, accented cp1252
    /// letters, repeated keys; descending, FOR and UNIQUE tags.
    @Test func edgeValuesGiveTheEvaluatorsKeys() throws {
        let dir = IndexFixtures.scratch("edges")
        let table = try EdgeTable.make(in: dir)
        let defs = [
            TagDefinition(name: "NOME", keyExpression: "NOME"),
            TagDefinition(name: "UNOME", keyExpression: "UPPER(NOME)"),
            TagDefinition(name: "VALOR", keyExpression: "VALOR"),
            TagDefinition(name: "VALORD", keyExpression: "VALOR", descending: true),
            TagDefinition(name: "DIA", keyExpression: "DIA"),
            TagDefinition(name: "DIASERIE", keyExpression: "DTOS(DIA)+SERIE"),
            TagDefinition(name: "MIX", keyExpression: "SERIE+'-'+UPPER(NOME)+DTOS(DIA)"),
            TagDefinition(name: "POS", keyExpression: "NOME", forExpression: "VALOR > 0"),
            TagDefinition(name: "USERIE", keyExpression: "SERIE", unique: true),
            TagDefinition(name: "QTD", keyExpression: "QTD"),
        ]
        var pairs: [(fast: TagKeyBuilder, slow: TagKeyBuilder)] = []
        for d in defs {
            let header = try CDXWriter.freshHeader(for: d, table: table, file: dir + "/e.cdx")
            let fast = try TagKeyBuilder(tag: header, fields: table.header.fields, codePage: table.codePage, file: "e")
            var slow = fast
            slow.usesPlan = false
            pairs.append((fast, slow))
        }
        #expect(pairs.filter { $0.fast.recipeStorage != nil }.count >= 8)
        var a: [UInt8] = [], b: [UInt8] = []
        try table.forEachRecord { r in
            for p in pairs {
                let ka = p.fast.key(record: r.bytes, recno: r.number, into: &a)
                let kb = p.slow.key(record: r.bytes, recno: r.number, into: &b)
                #expect(ka == kb && (!ka || a == b), "\(p.fast.tag.name) record \(r.number)")
            }
        }
        let reference = try KeyCollector.collect(table: table, builders: pairs.map(\.slow))
        for budget in [KeyPass.defaultBudget, 8_000, 2_000] {
            let runs = try KeyPass.collect(table: table, builders: pairs.map(\.fast), budgetBytes: budget, spillBase: dir + "/k")
            try Self.expectSame(runs, reference, "edge table, budget \(budget)")
        }
        // The whole file, in memory and spilled, byte for byte; and proven by the checked rebuild.
        try CDXWriter.create(table: table, tags: defs, to: dir + "/memory.cdx")
        try CDXWriter.create(table: table, tags: defs, to: dir + "/spilled.cdx", memoryBudget: 2_000)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/memory.cdx")) == Data(contentsOf: URL(fileURLWithPath: dir + "/spilled.cdx")))
        let made = try CDXFile.open(path: dir + "/memory.cdx")
        #expect(IndexVerifier.verify(table: table, index: made).isEmpty)
        let report = try IndexRebuild.rebuild(table: table, template: made, to: dir + "/again.cdx", memoryBudget: 2_000)
        #expect(report.before.isEmpty && report.after.isEmpty, "\(report)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/again.cdx")) == Data(contentsOf: URL(fileURLWithPath: dir + "/memory.cdx")))
    }

    /// Random entries of every width, most of them repeated: the radix sort gives what a
    /// comparison sort gives.
    @Test func radixSortEqualsComparisonSort() {
        var rng = SystemRandomNumberGenerator()
        for width in [1, 2, 4, 5, 8, 9, 12, 15, 16, 17, 44, 60] {
            for n in [0, 1, 2, 23, 24, 25, 300, 5_000] {
                let alphabet = Int.random(in: 1...4, using: &rng) == 1 ? 256 : 3
                var bytes = (0..<(n * width)).map { _ in UInt8(Int.random(in: 0..<alphabet, using: &rng) + (alphabet == 3 ? 0x41 : 0)) }
                // Long runs of one value, as blank padding and repeated names give.
                if n > 10 { for i in 0..<(n / 3) { for k in 0..<width { bytes[i * 2 * width % (n * width) + k] = 0x20 } } }
                let want = (0..<n).map { Array(bytes[($0 * width)..<(($0 + 1) * width)]) }.sorted { $0.lexicographicallyPrecedes($1) }
                bytes.withUnsafeMutableBytes { EntrySort.sort($0.baseAddress!, count: n, width: width) }
                #expect(bytes == want.flatMap { $0 }, "width \(width), \(n) entries")
            }
        }
    }

    /// The merge reads through the idle half of a tag that spilled in halves; a second
    /// cursor opened while the first lives (the verifier's disorder analysis does that)
    /// gets its own buffers, and both see every entry.
    @Test func twoLiveCursorsShareNothing() throws {
        let dir = IndexFixtures.scratch("cursors")
        let base = IndexFixtures.root + "/harbour/vendas"
        let table = try DBFTable.open(path: base + ".dbf")
        // The widest tag alone (16-byte entries) in 8 KB: halves of 250 entries, 8 runs.
        let all = try CDXWriter.builders(for: try CDXFile.open(path: base + ".cdx"), table: table)
        let builders = [try #require(all.max { $0.tag.keyLength < $1.tag.keyLength })]
        let reference = try KeyCollector.collect(table: table, builders: builders)
        let runs = try KeyPass.collect(table: table, builders: builders, budgetBytes: 8_000, spillBase: dir + "/c")
        var lent = 0
        for (r, want) in zip(runs, reference) where r.overlapped && !r.runPaths.isEmpty {
            let a = try r.cursor()
            if r.idleHalfLent { lent += 1 }
            let b = try r.cursor()
            var got = [KeyList(keyLength: r.keyLength), KeyList(keyLength: r.keyLength)]
            var more = (try a.next(), try b.next())
            while more.0 || more.1 {
                if more.0 { got[0].append(key: a.key, recno: a.recno); more.0 = try a.next() }
                if more.1 { got[1].append(key: b.key, recno: b.recno); more.1 = try b.next() }
            }
            for g in got { #expect(g.keyBytes == want.keyBytes && g.recnos == want.recnos) }
        }
        #expect(lent > 0, "\(runs.map { ($0.overlapped, $0.runPaths.count, $0.capacity, $0.width, $0.total) })")
        #expect(runs.allSatisfy { !$0.idleHalfLent })
    }

    /// A run that cannot be written is a typed error naming the file, never a crash or a
    /// silent short index; nothing is left behind.
    @Test func unwritableSpillIsATypedError() throws {
        let base = IndexFixtures.root + "/harbour/vendas"
        let table = try DBFTable.open(path: base + ".dbf")
        let builders = try CDXWriter.builders(for: try CDXFile.open(path: base + ".cdx"), table: table)
        do {
            _ = try KeyPass.collect(table: table, builders: builders, budgetBytes: 3_000, spillBase: "/nonexistent-resgate/x")
            Issue.record("expected an error")
        } catch {
            guard case .io(let file, _) = error else { Issue.record("got \(error)"); return }
            #expect(file.hasPrefix("/nonexistent-resgate/x.tag"))
        }
    }

    /// The one-pass rebuild takes the collation guard's facts from its check of the old
    /// index; it must refuse exactly what the plain rebuild refuses (national order,
    /// damaged Harbour tags with accented keys) and write the same bytes otherwise, on
    /// every fixture and on damaged copies of them.
    @Test func oneStepRebuildRefusesAndWritesWhatThePlainRebuildDoes() throws {
        let dir = IndexFixtures.scratch("parity")
        var rng = SystemRandomNumberGenerator()
        var refused = 0, compared = 0
        for (dbf, cdx) in IndexFixtures.pairs {
            let table = try DBFTable.open(path: dbf)
            let original = try Data(contentsOf: URL(fileURLWithPath: cdx))
            for variant in 0..<4 {
                var bytes = original
                if variant > 0, bytes.count > 1536 {
                    for _ in 0..<variant { bytes[Int.random(in: 1536..<bytes.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng) }
                }
                let copy = dir + "/t.cdx"
                try bytes.write(to: URL(fileURLWithPath: copy))
                guard let template = try? CDXFile.open(path: copy) else { continue }
                var plainError: CDXError?, oneError: CDXError?
                do { try CDXWriter.rebuild(table: table, template: template, to: dir + "/a.cdx") } catch { plainError = error }
                do { _ = try IndexRebuild.rebuild(table: table, template: template, to: dir + "/b.cdx") } catch { oneError = error }
                // the one-step rebuild also has the safety net (KeySafetyNet), which only it can
                // apply: it reads the old entries; a damaged copy may share too few of them
                if plainError == nil, let e = oneError, e.description.contains("shares only") { refused += 1; continue }
                #expect(plainError?.description == oneError?.description, "\(cdx) variant \(variant)")
                if plainError == nil, oneError == nil {
                    compared += 1
                    #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/a.cdx")) == Data(contentsOf: URL(fileURLWithPath: dir + "/b.cdx")),
                            "\(cdx) variant \(variant)")
                } else { refused += 1 }
            }
        }
        #expect(refused >= 2 && compared >= 40, "refused \(refused), compared \(compared)")
    }

    /// The check after a rebuild catches a file that does not hold the records' entries.
    @Test func writtenFileCheckCatchesWrongEntries() throws {
        let dir = IndexFixtures.scratch("digest")
        let base = IndexFixtures.root + "/harbour/vendas"
        let table = try DBFTable.open(path: base + ".dbf")
        let template = try CDXFile.open(path: base + ".cdx")
        let report = try IndexRebuild.rebuild(table: table, template: template, to: dir + "/v.cdx")
        #expect(report.after.isEmpty)
        // The same table with one key changed: the written file no longer matches it.
        var data = try Data(contentsOf: URL(fileURLWithPath: base + ".dbf"))
        let numero = try #require(table.field(named: "NUMERO"))
        let at = table.header.headerLength + 5 * table.header.recordLength + numero.offset + numero.length - 1
        data[at] = data[at] == 0x39 ? 0x38 : 0x39
        try data.write(to: URL(fileURLWithPath: dir + "/changed.dbf"))
        let changed = try DBFTable.open(path: dir + "/changed.dbf")
        let builders = try CDXWriter.builders(for: template, table: changed)
        let runs = try KeyPass.collect(table: changed, builders: builders, budgetBytes: KeyPass.defaultBudget,
                                       spillBase: dir + "/r", digesting: true)
        let written = try CDXFile.open(path: dir + "/v.cdx")
        let defects = IndexRebuild.verifyWritten(path: dir + "/v.cdx", table: changed, template: template,
                                                 builders: builders, runs: runs, budget: KeyPass.defaultBudget)
        let numeroTag = try #require(written.tags.firstIndex { $0.name == "NUMERO" })
        #expect(defects.contains { $0.tag == written.tags[numeroTag].name && $0.kind == .entriesDiffer }, "\(defects)")
    }

    /// The old-index check of the one-pass rebuild reports what the standalone verifier
    /// reports, stale fixtures included, in memory and spilled.
    @Test func rebuildsBeforeCheckEqualsTheVerifier() throws {
        let dir = IndexFixtures.scratch("before")
        for (dbf, cdx) in IndexFixtures.pairs {
            let table = try DBFTable.open(path: dbf)
            let template = try CDXFile.open(path: cdx)
            let verified = IndexVerifier.verify(table: table, index: template).filter(\.isRepairable)
            for budget in [KeyPass.defaultBudget, 3_000] {
                let out = dir + "/" + (cdx as NSString).lastPathComponent + "-\(budget)"
                guard let report = try? IndexRebuild.rebuild(table: table, template: template, to: out, memoryBudget: budget)
                else { continue } // refused (national collation, unsupported expression): covered elsewhere
                #expect(report.after.isEmpty, "\(cdx): \(report.after)")
                #expect(report.before == verified, "\(cdx) budget \(budget)")
            }
        }
    }
}

/// A small cp1252 table of awkward values, written with raw records so that every byte
/// (junk digits, impossible dates) is exactly what the test wants.
enum EdgeTable {
    static func make(in dir: String) throws -> DBFTable {
        let path = dir + "/edges.dbf"
        let fields = [FieldDescriptor(name: "NOME", type: .character, length: 12),
                      FieldDescriptor(name: "VALOR", type: .numeric, length: 10, decimals: 2),
                      FieldDescriptor(name: "DIA", type: .date, length: 8),
                      FieldDescriptor(name: "SERIE", type: .character, length: 3),
                      FieldDescriptor(name: "QTD", type: .float, length: 8, decimals: 3)]
        let w = try DBFWriter(path: path, structure: TableStructure(version: 0x03, codePage: .cp1252, fields: fields))
        let names: [[UInt8]] = [Array("JOSE".utf8), [0x4A, 0x4F, 0x53, 0xC9], [0x6A, 0x6F, 0x73, 0xE9], Array("   ".utf8), [],
                                [0xC7, 0xC3, 0x4F], [0xE7, 0xE3, 0x6F], Array("ZZZZZZZZZZZZ".utf8), Array("a b".utf8), Array("Maria".utf8)]
        let values = ["      0.00", "     -0.00", "     -1.50", "      1.50", "          ", "  12345.67", " -12345.67",
                      "      1.5 ", "  1,5     ", "    -.01  ", "9999999.99", "-999999.99", "   **     ", "     12abc"]
        let days = ["20240131", "        ", "20230229", "20240229", "00000000", "19000101", "99991231", "2024 1 1", "20241301", "17520914"]
        let series = ["1  ", "10 ", "2  ", "   ", "A1 "]
        let quantities = ["   0.000", "  -0.001", "   1.000", "        ", " 123.456", "-999.999"]
        let rl = w.header.recordLength
        var record = [UInt8](repeating: 0x20, count: rl)
        func put(_ f: FieldDescriptor, _ bytes: [UInt8]) {
            for k in 0..<f.length { record[f.offset + k] = k < bytes.count ? bytes[k] : 0x20 }
        }
        let f = w.fields
        for i in 0..<600 {
            record[0] = i % 17 == 0 ? 0x2A : 0x20   // some deleted records: indexed all the same
            put(f[0], names[i % names.count])
            put(f[1], Array(values[(i * 7) % values.count].utf8))
            put(f[2], Array(days[(i * 3) % days.count].utf8))
            put(f[3], Array(series[i % series.count].utf8))
            put(f[4], Array(quantities[(i * 5) % quantities.count].utf8))
            try record.withUnsafeBytes { try w.append(raw: $0) }
        }
        try w.finish()
        return try DBFTable.open(path: path)
    }
}

@Suite struct PageBuilderTests {
    /// Every page of every fixture tag, built from the same sorted keys by the in-place
    /// builder and by the reference, byte for byte, in both leaf styles.
    @Test func inPlaceLeavesEqualTheReference() throws {
        var pages = 0
        for (dbf, cdx) in IndexFixtures.pairs {
            let table = try DBFTable.open(path: dbf)
            let file = try CDXFile.open(path: cdx)
            let pairs = KeyPassTests.builders(file, table)
            let lists = try KeyCollector.collect(table: table, builders: pairs.map(\.fast))
            for (p, list) in zip(pairs, lists) {
                for style in [LeafStyle(), LeafStyle(compressesTrailing: false), LeafStyle(sharesIntoTrailing: true)] {
                    let tag = p.fast.tag
                    var mine: [Int: [UInt8]] = [:], theirs: [Int: [UInt8]] = [:]
                    var fast = CDXPageBuilder(keyLength: tag.keyLength, fill: p.fast.kind.fill, maxRecno: table.recordCount,
                                              firstOffset: 1536, style: style)
                    let rootA = try fast.build(list) { (o: Int, page: UnsafeRawBufferPointer) throws(CDXError) in mine[o] = Array(page) }
                    var reference = ReferencePageBuilder(keyLength: tag.keyLength, fill: p.fast.kind.fill, maxRecno: table.recordCount,
                                                         firstOffset: 1536, style: style)
                    let rootB = try reference.build(list) { (o: Int, page: [UInt8]) throws(CDXError) in theirs[o] = page }
                    #expect(rootA == rootB && mine == theirs && fast.nextOffset == reference.nextOffset, "\(cdx) \(tag.name) \(style)")
                    pages += mine.count
                }
            }
        }
        #expect(pages > 100)
    }
}
