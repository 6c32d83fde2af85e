import BackupSet
import Foundation
import XBase
@testable import RestoreKit

/// A generated VENDAS: a backup taken at 07h (a DBF folder fed to the restore as a
/// source) and the live table at 15h (backup rows, some changed, some appended, then
/// damaged), with what a merge must give by key.
struct MergeScenario {
    struct Row: Hashable {
        var codigo: Int
        var nome: String
        var valor: String
        var obs: String
    }
    static let fields: [FieldDescriptor] = [
        FieldDescriptor(name: "CODIGO", type: .numeric, length: 8),
        FieldDescriptor(name: "NOME", type: .character, length: 20),
        FieldDescriptor(name: "EMISSAO", type: .date, length: 8),
        FieldDescriptor(name: "VALOR", type: .numeric, length: 10, decimals: 2),
        FieldDescriptor(name: "OBS", type: .memo, length: 4),
    ]

    let root: String
    var data: String { root + "/DATA" }
    var set: String { root + "/SET" }
    var backup: [Row] = []
    var live: [Row] = []
    /// 0-based live records overwritten with garbage (unreadable).
    var garbage: Set<Int> = []
    /// 0-based live records whose memo pointer points outside the FPT.
    var brokenMemo: Set<Int> = []
    /// The header's record count is this much lower than the rows written.
    var tornCount = 0

    init() throws {
        root = NSTemporaryDirectory() + "merge-" + UUID().uuidString
        for d in [root, data, set] { try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true) }
    }

    /// A scenario from a seed: `n` backup rows, some changed and some appended in the
    /// live table, and damage of every kind the merge must survive.
    static func generated(seed: UInt64, backupRows n: Int, appended: Int, damage: Bool = true) throws -> MergeScenario {
        var rng = SplitMix(seed)
        var s = try MergeScenario()
        s.backup = (0..<n).map { Row(codigo: $0 + 1, nome: "Cliente \($0)", valor: "\($0).50", obs: $0 % 3 == 0 ? "obs \($0)" : "") }
        s.live = s.backup
        for i in s.live.indices where rng.next() % 5 == 0 { s.live[i].valor = "\(1000 + i).25" }
        for j in 0..<appended { s.live.append(Row(codigo: 10_000 + j, nome: "Nova \(j)", valor: "\(j).10", obs: "venda \(j)")) }
        if damage && !s.live.isEmpty {
            for _ in 0..<min(3, s.live.count / 4) { s.garbage.insert(Int(rng.next() % UInt64(s.live.count))) }
            let m = Int(rng.next() % UInt64(s.live.count))
            if !s.garbage.contains(m) { s.brokenMemo.insert(m) }
            s.tornCount = Int(rng.next() % UInt64(min(5, s.live.count) + 1))
        }
        return s
    }

    func write() throws {
        try Self.writeTable(data + "/VENDAS.DBF", backup: live)
        try Self.writeTable(set + "/VENDAS.DBF", backup: backup)
        try damageLive()
    }

    static func writeTable(_ path: String, backup rows: [Row]) throws {
        let w = try DBFWriter(path: path, structure: TableStructure(version: 0x30, codePage: .cp1252, fields: fields))
        for r in rows {
            try w.append([.number(DecimalNumber(text: String(r.codigo))), .string(r.nome),
                          .date(DBFDate(year: 2026, month: 11, day: 26)), .number(DecimalNumber(text: r.valor)), .string(r.obs)])
        }
        try w.finish()
    }

    func damageLive() throws {
        let path = data + "/VENDAS.DBF"
        let t = try DBFTable.open(path: path)
        let h = t.header
        let f = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? f.close() }
        for i in garbage {
            try f.seek(toOffset: UInt64(h.headerLength + i * h.recordLength))
            f.write(Data((0..<h.recordLength).map { UInt8(truncatingIfNeeded: 0xF1 &+ $0 &* 7) }))
        }
        let obs = h.fields.first { $0.name == "OBS" }!
        for i in brokenMemo {
            try f.seek(toOffset: UInt64(h.headerLength + i * h.recordLength + obs.offset))
            f.write(Data([0xFF, 0xFF, 0xFF, 0x0F]))
        }
        if tornCount > 0 {
            let count = UInt32(max(0, live.count - tornCount))
            try f.seek(toOffset: 4)
            f.write(Data([UInt8(count & 0xFF), UInt8(count >> 8 & 0xFF), UInt8(count >> 16 & 0xFF), UInt8(count >> 24)]))
        }
    }

    /// Live rows that can still be read (garbage ones cannot; a broken memo empties the memo).
    var intactLive: [(index: Int, row: Row)] {
        live.indices.filter { !garbage.contains($0) }.map { i in
            var r = live[i]
            if brokenMemo.contains(i) { r.obs = "" }
            return (i, r)
        }
    }

    /// What the merge must give, by key: every backup row, in its live version when the
    /// live one is intact and differs (memo aside: memos are not compared); then every
    /// intact live row the backup lacks, in live order.
    var expected: [Row] {
        var liveByKey: [Int: Row] = [:]
        for (_, r) in intactLive where liveByKey[r.codigo] == nil { liveByKey[r.codigo] = r }
        let backupKeys = Set(backup.map(\.codigo))
        var out: [Row] = backup.map { b in
            guard let l = liveByKey[b.codigo] else { return b }
            return (l.nome, l.valor) == (b.nome, b.valor) ? b : l
        }
        out += intactLive.map(\.row).filter { !backupKeys.contains($0.codigo) }
        return out
    }

    /// The rows of a written table, read back by our reader.
    static func rows(of path: String) throws -> [Row] {
        let t = try DBFTable.open(path: path)
        var out: [Row] = []
        for i in 0..<t.recordCount {
            let (_, v) = try t.values(at: i)
            guard case .number(let c) = v[0], case .string(let n) = v[1], case .number(let val) = v[3] else { continue }
            var obs = ""
            if case .string(let o) = v[4] { obs = o }
            out.append(Row(codigo: Int(c?.description ?? "") ?? -1, nome: n, valor: val?.description ?? "", obs: obs))
        }
        return out
    }

    func restorer(key: [String]? = ["CODIGO"], dryRun: Bool = false) throws -> Restorer {
        var o = RestoreOptions(tables: ["VENDAS"], dryRun: dryRun)
        o.merge = MergeRequest(key: key)
        return Restorer(source: try DBFFolderSource(folder: set), data: data, options: o)
    }
}

/// A folder of DBFs as a backup set (what the tests restore from).
struct DBFFolderSource: RestoreSource {
    let folder: String
    var displayName: String { folder }
    var tableNames: [String] { ["VENDAS"] }
    var setDefects: [Defect] { [] }
    func table(named: String) throws -> any RestoreTableSource { DBFTableSource(table: try DBFTable.open(path: folder + "/VENDAS.DBF")) }
}

struct DBFTableSource: RestoreTableSource {
    let table: DBFTable
    var name: String { "VENDAS" }
    var fields: [FieldDescriptor] { table.fields }
    var codePage: CodePage? { table.codePage }
    var version: UInt8? { table.header.version }
    var expectedRecords: Int? { table.recordCount }
    var knownDefects: [Defect] { [] }
    func forEachRecord(memos: Bool, _ body: (Int, [DBFValue]) throws -> Void, defect: (Defect) -> Void) throws {
        for i in 0..<table.recordCount {
            let (deleted, values) = try table.values(at: i)
            if !deleted { try body(i + 1, values) }
        }
    }
}

/// A small deterministic generator (the scenario must be the same for a seed).
struct SplitMix {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
