import BackupSet
import CloudRemote
import Foundation
import Testing
import XBase
@testable import StoreStatus

/// A chain on a real rclone remote (rclone's `local` backend, named `disco` through
/// rclone's environment config): which set is newest, what is fetched and verified once,
/// what a missing or damaged store reports, and that a hanging store is cut by its deadline.
@Suite(.enabled(if: Rclone.locate() != nil, "rclone is not installed (scripts/install-test-deps.sh)"))
struct ChainStatusTests {
    let root = NSTemporaryDirectory() + "resgate-chain-" + UUID().uuidString

    var rclone: Rclone {
        var r = Rclone()
        r.environment = ["RCLONE_CONFIG_DISCO_TYPE": "local", "RCLONE_CONFIG": "/dev/null"]
        r.retry = RetryPolicy(attempts: 1)
        return r
    }

    /// A DATA folder with one table, and sets written from it by BackupWriter.
    func writeSet(_ name: String, into folder: String, asFolder: Bool = false) throws -> String {
        let data = root + "/DATA"
        if !FileManager.default.fileExists(atPath: data + "/CLIENTES.DBF") {
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            let w = try DBFWriter(path: data + "/CLIENTES.DBF", structure: XBase.TableStructure(version: 0x30, codePage: .cp1252, fields: [
                FieldDescriptor(name: "CODIGO", type: .integer, length: 4), FieldDescriptor(name: "NOME", type: .character, length: 20)]))
            for i in 0..<20 { try w.append([.integer(Int64(i)), .string("Cliente \(i)")]) }
            try w.finish()
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var b = BackupWriter(dataFolder: data, root: folder)
        b.name = name
        b.asFolder = asFolder
        return try b.write().path
    }

    func runChain(_ chain: ChainStatus) throws -> [String: StoreReport] {
        let box = Box()
        try chain.run { box.add($0) }
        return box.reports
    }

    @Test func readsEachStoreOnceAndReportsWhatIsWrong() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let lojas = root + "/lojas"
        let older = try writeSet("Quarta_19", into: lojas + "/loja-a/backup")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -86_400)], ofItemAtPath: older)
        _ = try writeSet("Quinta_07", into: lojas + "/loja-a/backup")
        // loja-b: a folder set whose data changed after its manifest was written
        let damaged = try writeSet("Quinta_07", into: lojas + "/loja-b/backup", asFolder: true)
        let member = try #require(FileManager.default.contentsOfDirectory(atPath: damaged).first { $0.uppercased().hasPrefix("CLIENTES") && $0.uppercased().hasSuffix(".TXT") && !$0.uppercased().contains("ESTR") })
        let h = try #require(FileHandle(forUpdatingAtPath: damaged + "/" + member))
        try h.seek(toOffset: 3); h.write(Data("#".utf8)); try h.close()
        // loja-c: no backup folder at all; .oculta: ignored
        try FileManager.default.createDirectory(atPath: lojas + "/loja-c", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: lojas + "/.oculta/backup", withIntermediateDirectories: true)

        let chain = ChainStatus(pattern: try ChainPattern("disco:\(lojas)/*/backup"), jobs: 2, timeout: 60,
                                rclone: rclone, cacheFolder: root + "/cache")
        let first = try runChain(chain)
        #expect(first.keys.sorted() == ["loja-a", "loja-b", "loja-c"])
        let a = try #require(first["loja-a"]?.newest)
        #expect(a.name == "Quinta_07" && a.verified == true && a.fetched && !a.verifiedFromCache && a.hash?.count == 64)
        #expect(first["loja-a"]?.sets == 2 && first["loja-a"]?.damagedTables == 0)
        #expect(first["loja-a"]?.lastGood != nil)
        #expect(first["loja-b"]?.newest?.verified == false && first["loja-b"]?.damagedTables == 1)
        #expect(first["loja-c"]?.failure?.kind == "not-found" && first["loja-c"]?.up == false)

        // nothing new: nothing fetched, every verdict from the cache
        let second = try runChain(chain)
        #expect(second["loja-a"]?.newest?.fetched == false && second["loja-a"]?.newest?.verifiedFromCache == true)
        #expect(second["loja-b"]?.newest?.verifiedFromCache == true && second["loja-b"]?.newest?.verified == false)
        // the cache keeps one set per store
        let cached = try FileManager.default.subpathsOfDirectory(atPath: root + "/cache/sets").filter { $0.hasSuffix(".zip") }
        #expect(cached.count == 1)
    }

    @Test func aStoreThatHangsIsCutByItsDeadline() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let fake = root + "/rclone"
        try "#!/bin/sh\nexec sleep 30\n".write(toFile: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake)
        var hanging = rclone
        hanging.executable = fake
        let chain = ChainStatus(pattern: try ChainPattern("disco:lojas/*/backup"), jobs: 1, timeout: 1,
                                rclone: hanging, cacheFolder: root + "/cache")
        let store = ChainPattern.Store(name: "loja-x", root: try RemotePath(remote: "disco", path: "lojas/loja-x/backup"))
        let r = chain.store(store)
        #expect(r.failure == .timedOut(seconds: 1))
        #expect(StoreMetrics.samples(r).first?.line == "resgate_store_up{store=\"loja-x\"} 0")
    }
}

final class Box: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var reports: [String: StoreReport] = [:]
    func add(_ r: StoreReport) { lock.lock(); reports[r.store] = r; lock.unlock() }
}
