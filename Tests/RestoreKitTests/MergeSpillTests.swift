import BackupSet
import Foundation
import PropertyBased
import ResgateTestSupport
import Testing
import XBase
@testable import RestoreKit

/// The merge's key index past its memory budget (`LiveIndex` spilling to `SpilledKeys`):
/// forced with a tiny budget, it must write the same table and the same report as the
/// in-memory index, leave no file behind, and keep the process small on a large table.
@Suite struct MergeSpillTests {
    /// Folders the spills made (each must be gone when the restore returns).
    final class Spills: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [String] = []
        func add(_ p: String) { lock.lock(); list.append(p); lock.unlock() }
        var folders: [String] { lock.lock(); defer { lock.unlock() }; return list }
    }

    /// What a merge gave: the table's bytes (the header's date aside), the memo file, the report.
    struct Result: Equatable {
        var dbf: Data
        var fpt: Data
        var report: String
    }

    static func merge(_ s: MergeScenario, key: [String]?, budget: Int?, dryRun: Bool = false,
                      spills: Spills = Spills()) throws -> Result {
        let report = try LiveIndex.$budgetOverride.withValue(budget) {
            try LiveIndex.$spillObserver.withValue({ spills.add($0) }) {
                try s.restorer(key: key, dryRun: dryRun).run().rendered(in: .en)
            }
        }
        let t = try #require(report.tables.first)
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        var text = "\(t.status) \(t.records) \(report.refusal ?? "-") "
        text += String(decoding: try enc.encode(t.merge), as: UTF8.self)
        var dbf = (try? Data(contentsOf: URL(fileURLWithPath: s.data + "/VENDAS.DBF"))) ?? Data()
        if dbf.count > 4 { dbf[1] = 0; dbf[2] = 0; dbf[3] = 0 }
        let fpt = (try? Data(contentsOf: URL(fileURLWithPath: s.data + "/VENDAS.FPT"))) ?? Data()
        return Result(dbf: dbf, fpt: fpt, report: text)
    }

    /// Every `merge-keys-…` folder left anywhere under `root`.
    static func leftovers(under root: String) -> [String] {
        let e = FileManager.default.enumerator(atPath: root)
        var out: [String] = []
        while let p = e?.nextObject() as? String {
            if (p as NSString).lastPathComponent.hasPrefix("merge-keys-") { out.append(p) }
        }
        return out
    }

    /// The same scenario twice (a merge changes its DATA), merged in memory and spilled.
    static func both(seed: UInt64, rows: Int, appended: Int, key: [String]? = ["CODIGO"],
                     shape: (inout MergeScenario) -> Void = { _ in }) throws -> (MergeScenario, Result, Result, [String]) {
        var a = try MergeScenario.generated(seed: seed, backupRows: rows, appended: appended)
        var b = try MergeScenario.generated(seed: seed, backupRows: rows, appended: appended)
        shape(&a); shape(&b)
        try a.write(); try b.write()
        let memory = try merge(a, key: key, budget: nil)
        let spills = Spills()
        let spilled = try merge(b, key: key, budget: 5, spills: spills)
        try? FileManager.default.removeItem(atPath: a.root)
        return (b, memory, spilled, spills.folders)
    }

    /// Generated scenarios, by key and without: spilled == in memory, byte for byte and
    /// count for count; the spill folders existed and are gone.
    @Test func spilledMergeEqualsInMemory() async {
        await propertyCheck(count: 12, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...300), Gen.int(in: 0...40)) { seed, n, add in
            do {
                for key in [["CODIGO"], nil] as [[String]?] {
                    let (s, memory, spilled, folders) = try Self.both(seed: UInt64(seed), rows: n, appended: add, key: key)
                    #expect(memory == spilled, "seed \(seed), \(n) rows, key \(key ?? [])")
                    #expect(memory.report == spilled.report)
                    if n + add > 10 { #expect(!folders.isEmpty) }
                    for f in folders { #expect(!FileManager.default.fileExists(atPath: f)) }
                    #expect(Self.leftovers(under: s.root).isEmpty)
                    try? FileManager.default.removeItem(atPath: s.root)
                }
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    /// Runs of one key across several of the spilled file's blocks (64 entries each):
    /// duplicate keys in both tables, and whole duplicate rows for the keyless merge.
    @Test func duplicateKeysAcrossBlocks() throws {
        for key in [["CODIGO"], nil] as [[String]?] {
            let (s, memory, spilled, folders) = try Self.both(seed: 99, rows: 400, appended: 30, key: key) { s in
                for i in stride(from: 0, to: 400, by: 2) { s.backup[i].codigo = 7; s.live[i].codigo = 7 }
                for i in stride(from: 1, to: 300, by: 3) { s.live[i] = s.live[1]; s.backup[i] = s.backup[1] }
                for j in 400..<s.live.count where j % 2 == 0 { s.live[j].codigo = 7 }
            }
            #expect(memory == spilled)
            #expect(!folders.isEmpty)
            #expect(Self.leftovers(under: s.root).isEmpty)
            try? FileManager.default.removeItem(atPath: s.root)
        }
    }

    /// dbfread (outside code) reads the spilled merge's table as the expected union.
    @Test func dbfreadReadsTheSpilledUnion() throws {
        var s = try MergeScenario.generated(seed: 5, backupRows: 250, appended: 20, damage: false)
        s.garbage = [3, 120, 260]
        s.brokenMemo = [9]
        s.tornCount = 2
        try s.write()
        let spills = Spills()
        _ = try Self.merge(s, key: ["CODIGO"], budget: 16, spills: spills)
        #expect(spills.folders.count == 1)
        guard Oracle.available else {
            withKnownIssue("python3 with dbfread is needed (scripts/install-test-deps.sh)") { Issue.record("no dbfread") }
            return
        }
        let rows = try Oracle.dbfreadRows(s.data + "/VENDAS.DBF")
        let theirs = rows.map { r in
            let valor = (r["VALOR"] as? NSNumber).map { String(format: "%.2f", $0.doubleValue) } ?? "?"
            return "\(r["CODIGO"].map { "\($0)" } ?? "?")|\(r["NOME"] as? String ?? "?")|\(valor)|\(r["OBS"] as? String ?? "")"
        }
        let ours = s.expected.map { r in "\(r.codigo)|\(r.nome)|\(String(format: "%.2f", Double(r.valor) ?? -1))|\(r.obs)" }
        #expect(theirs == ours)
        try? FileManager.default.removeItem(atPath: s.root)
    }

    /// A dry run, a refused merge and a cancelled one leave no key file behind either.
    @Test func spillFilesGoOnDryRunRefusalAndCancel() throws {
        // dry run: the scratch folder and its spill go
        let s = try MergeScenario.generated(seed: 11, backupRows: 200, appended: 10)
        try s.write()
        let before = try StoreFixture.snapshot(s.data)
        let spills = Spills()
        let dry = try Self.merge(s, key: ["CODIGO"], budget: 4, dryRun: true, spills: spills)
        #expect(dry.report.hasPrefix("wouldRestore"))
        #expect(try StoreFixture.snapshot(s.data) == before)
        #expect(spills.folders.count == 1)
        for f in spills.folders { #expect(!FileManager.default.fileExists(atPath: f)) }

        // cancelled midway through the backup's rows: staging abandoned, nothing changed
        let cancelSpills = Spills()
        let r = try s.restorer(key: ["CODIGO"])
        r.isCancelled = { true }   // asked after the table is written (and every 256 records)
        let report = try LiveIndex.$budgetOverride.withValue(4) {
            try LiveIndex.$spillObserver.withValue({ cancelSpills.add($0) }) { try r.run().rendered(in: .en) }
        }
        #expect(report.refusal != nil)
        #expect(try StoreFixture.snapshot(s.data) == before)
        #expect(cancelSpills.folders.count == 1)
        for f in cancelSpills.folders { #expect(!FileManager.default.fileExists(atPath: f)) }

        // refused: the backup's table cannot be taken (a defect without --skip-bad-lines)
        let refusedSpills = Spills()
        let defective = try LiveIndex.$budgetOverride.withValue(4) {
            try LiveIndex.$spillObserver.withValue({ refusedSpills.add($0) }) {
                try Restorer(source: RefusingSource(inner: try DBFFolderSource(folder: s.set)), data: s.data,
                             options: { var o = RestoreOptions(tables: ["VENDAS"])
                                        o.merge = MergeRequest(key: ["CODIGO"]); return o }()).run().rendered(in: .en)
            }
        }
        #expect(defective.refusal != nil)
        #expect(refusedSpills.folders.count == 1)
        for f in refusedSpills.folders { #expect(!FileManager.default.fileExists(atPath: f)) }
        #expect(Self.leftovers(under: s.root).isEmpty)
        try? FileManager.default.removeItem(atPath: s.root)
    }

    /// The index itself, on many duplicate identities across blocks: the same answers
    /// spilled as in memory for every probe, mark and the final unseen rows.
    @Test func indexAnswersTheSameSpilled() throws {
        let tmp = try TempFolder("spill")
        var rng = SplitMix(3)
        let entries = (0..<5_000).map { i in
            LiveIndex.Entry(p: rng.next() % 3, k0: rng.next() % 100, k1: UInt32(rng.next() % 2), index: UInt32(i), content: rng.next())
        }
        let memory = LiveIndex(spillParent: tmp.path, expected: entries.count)
        let spilled = LiveIndex.$budgetOverride.withValue(97) { LiveIndex(spillParent: tmp.path, expected: entries.count) }
        for e in entries { try memory.add(e); try spilled.add(e) }
        try memory.seal(); try spilled.seal()
        #expect(!memory.spilled && spilled.spilled)
        for _ in 0..<6_000 {
            let id = LiveIndex.Identity(p: rng.next() % 4, k0: rng.next() % 110, k1: UInt32(rng.next() % 2))
            if rng.next() % 4 == 0 {
                try memory.markAll(id); try spilled.markAll(id)
                continue
            }
            let a = try memory.firstUnseen(id), b = try spilled.firstUnseen(id)
            #expect(a?.0 == b?.0 && a?.1.index == b?.1.index && a?.1.content == b?.1.content)
            if let a { memory.markSeen(a.0); spilled.markSeen(a.0) }
        }
        for start in [0, 2_500] {
            var x: [Int] = [], y: [Int] = []
            try memory.unseen(from: start).forEach { x.append($0) }
            try spilled.unseen(from: start).forEach { y.append($0) }
            #expect(x == y)
            #expect(x == x.sorted() && x.allSatisfy { $0 >= start })
        }
        spilled.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).isEmpty)
    }
}

/// A source whose table reports a defect: the restore refuses it after writing it.
struct RefusingSource: RestoreSource {
    let inner: DBFFolderSource
    var displayName: String { inner.displayName }
    var tableNames: [String] { inner.tableNames }
    var setDefects: [Defect] { [] }
    func table(named: String) throws -> any RestoreTableSource {
        RefusingTable(inner: DBFTableSource(table: try DBFTable.open(path: inner.folder + "/VENDAS.DBF")))
    }
}

struct RefusingTable: RestoreTableSource {
    let inner: DBFTableSource
    var name: String { inner.name }
    var fields: [FieldDescriptor] { inner.fields }
    var codePage: CodePage? { inner.codePage }
    var version: UInt8? { inner.version }
    var expectedRecords: Int? { inner.expectedRecords }
    var knownDefects: [Defect] { [] }
    func forEachRecord(memos: Bool, _ body: (Int, [DBFValue]) throws -> Void, defect: (Defect) -> Void) throws {
        try inner.forEachRecord(memos: memos, body, defect: defect)
        defect(Defect(.badLine, table: "VENDAS", line: 1, field: nil, .line(.cannotSplit)))
    }
}
