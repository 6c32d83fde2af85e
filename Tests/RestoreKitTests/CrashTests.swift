import Foundation
import ResgateTestSupport
import Testing
import XBase
@testable import RestoreKit

/// Kills `resgate restore` (a separate process) with SIGKILL at random moments and checks
/// that, after recovery, every table is byte-identical to either its old or its new
/// version (never a half table), and that the three tables of the restore are all old or
/// all new (never a mix: all or nothing across the set).
@Suite struct CrashTests {
    static var resgateBinary: String? { ResgateBinary.path }

    /// Three tables, one with memos, big enough that a restore takes a while.
    static func makeStore(_ s: StoreFixture) throws {
        try s.writeLiveClientes(rows: 50)
        try s.writeBackupClientes()
        for name in ["PRODUTOS", "VENDAS"] {
            let fields = [FieldDescriptor(name: "ID", type: .integer, length: 4),
                          FieldDescriptor(name: "DESCR", type: .character, length: 30),
                          FieldDescriptor(name: "VALOR", type: .numeric, length: 10, decimals: 2)]
            let w = try DBFWriter(path: s.data + "/\(name).DBF",
                                  structure: TableStructure(version: 0x30, codePage: .cp1252, fields: fields))
            for i in 0..<300 { try w.append([.integer(Int64(i)), .string("antigo \(i)"), .number(DecimalNumber(Int64(i)))]) }
            try w.finish()
            try s.write(s.backup + "/\(name)_Estr.TXT", "ID;I;4;0\r\nDESCR;C;30;0\r\nVALOR;N;10;2\r\n", codePage: .cp1252)
            var text = ""
            for i in 0..<4000 { text += "\(i),\"novo \(name) \(i)\",\(i).50\r\n" }
            try s.write(s.backup + "/\(name).TXT", text, codePage: .cp1252)
        }
    }

    static func copyFolder(_ from: String, _ to: String) throws {
        try? FileManager.default.removeItem(atPath: to)
        try FileManager.default.createDirectory(atPath: to, withIntermediateDirectories: true)
        for f in try FileManager.default.contentsOfDirectory(atPath: from) where f != ".resgate" {
            try FileManager.default.copyItem(atPath: from + "/" + f, toPath: to + "/" + f)
        }
    }

    /// Returns once an operation journal exists in `data` (the swap is starting), or at
    /// `timeout` seconds.
    static func waitForJournal(in data: String, timeout: Double) {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            for id in entries(data + "/.resgate/undo") where FileOps.exists(data + "/.resgate/undo/\(id)/journal.json") {
                return
            }
            usleep(500)
        }
    }

    @Test func killedRestoreLeavesEveryTableOldOrNew() throws {
        let bin = try #require(Self.resgateBinary, "the resgate executable must be built beside the tests")
        let s = try StoreFixture()
        try Self.makeStore(s)
        let oldState = try StoreFixture.snapshot(s.data)
        // the new state: one complete restore of a copy
        let full = s.root + "/full"
        try Self.copyFolder(s.data, full)
        let done = try Restorer(source: try BackupSetSource(path: s.backup), data: full, options: RestoreOptions()).run().rendered(in: .en)
        try #require(done.id != nil)
        let newState = try StoreFixture.snapshot(full)
        let tables = ["CLIENTES": ["CLIENTES.DBF", "CLIENTES.FPT"], "PRODUTOS": ["PRODUTOS.DBF"], "VENDAS": ["VENDAS.DBF"]]
        // sanity: the same command, not killed, completes
        let probe = s.root + "/probe"
        try Self.copyFolder(s.data, probe)
        let started = Date()
        let delayed = ProcessInfo.processInfo.environment.merging(["RESGATE_TEST_DELAY_US": "3000"]) { $1 }
        let out = try run(bin, ["restore", s.backup, "--data", probe, "--all", "--yes", "--quiet", "--json"],
                          env: ["RESGATE_TEST_DELAY_US": "3000"])
        let duration = Date().timeIntervalSince(started)
        #expect(out.contains("\"restored\""), "\(out)")
        #expect(try StoreFixture.snapshot(probe) == newState)
        let kills = Int(ProcessInfo.processInfo.environment["RESGATE_CRASH_KILLS"] ?? "") ?? 40
        var outcomes = ["old": 0, "new": 0]
        for i in 0..<kills {
            let data = s.root + "/kill\(i)"
            try Self.copyFolder(s.data, data)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: bin)
            p.arguments = ["restore", s.backup, "--data", data, "--all", "--yes", "--quiet"]
            p.environment = delayed
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            if i % 2 == 0 {
                // kills spread over the whole run (and a little past it), with jitter
                let at = duration * (Double(i) + Double.random(in: 0..<1)) / Double(kills) * 1.2
                usleep(UInt32(at * 1_000_000))
            } else {
                // the swap itself is short: wait for its journal, then kill while the tables
                // move one after the other (each rename is delayed 3 ms), where a set could mix
                Self.waitForJournal(in: data, timeout: duration * 3)
                usleep(UInt32.random(in: 0..<30_000))
            }
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            try Recovery.recoverAll(data: data)
            let now = try StoreFixture.snapshot(data)
            var newTables: [String] = []
            for (table, files) in tables {
                let isOld = files.allSatisfy { now[$0] == oldState[$0] }
                let isNew = files.allSatisfy { now[$0] == newState[$0] }
                #expect(isOld || isNew, "kill \(i): table \(table) is neither old nor new")
                if isNew && !isOld { newTables.append(table) }
            }
            // all or nothing: the three tables of one restore are all old or all new
            #expect(newTables.isEmpty || newTables.count == tables.count,
                    "kill \(i): only \(newTables.sorted()) are new, the set is a mix")
            outcomes[newTables.isEmpty ? "old" : "new", default: 0] += 1
            #expect(entries(data + "/.resgate/work").isEmpty, "kill \(i): staging left after recovery")
            try? FileManager.default.removeItem(atPath: data)
        }
        // the kills must have landed on both sides of the swap, or the test proves little
        #expect(outcomes["old"]! > 0 && outcomes["new"]! > 0, "\(outcomes)")
    }
}
