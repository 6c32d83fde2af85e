import BackupSet
import Foundation
import ResgateTestSupport
import ResgateWeb
import XBase

/// A store for one test: DATA with CLIENTES, PRODUTOS and VENDAS, a backup of it
/// (`Quinta_07.zip`, written by the backup writer), then CLIENTES changed after the backup
/// (two more clients), and a running `resgate ui` server on a free port of 127.0.0.1.
final class WebFixture: @unchecked Sendable {
    let root: String
    var data: String { root + "/dados" }
    var backups: String { root + "/backup" }
    let server: WebServer
    private(set) var port = 0
    private var task: Task<Void, Error>?
    var token: String { server.configuration.token }
    var http: RawHTTP { RawHTTP(port: port) }

    static let clientes: [FieldDescriptor] = [
        FieldDescriptor(name: "CODIGO", type: .integer, length: 4),
        FieldDescriptor(name: "NOME", type: .character, length: 40),
        FieldDescriptor(name: "LIMITE", type: .numeric, length: 12, decimals: 2),
    ]

    init(vendas: Int = 300) throws {
        let root = TempFolder.scratchPath("webtest")
        self.root = root
        var c = WebServer.Configuration(data: root + "/dados", backups: root + "/backup")
        c.port = 0
        server = WebServer(configuration: c)
        try FileManager.default.createDirectory(atPath: root + "/dados", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/backup", withIntermediateDirectories: true)
        try writeClientes(count: 5)
        try table("PRODUTOS", [FieldDescriptor(name: "CODIGO", type: .integer, length: 4),
                               FieldDescriptor(name: "DESCRICAO", type: .character, length: 30)],
                  (1...3).map { [.integer(Int64($0)), .string("Produto \($0)")] })
        try table("VENDAS", [FieldDescriptor(name: "NUMERO", type: .integer, length: 4),
                             FieldDescriptor(name: "TOTAL", type: .numeric, length: 10, decimals: 2)],
                  (1...vendas).map { [.integer(Int64($0)), .number(DecimalNumber(text: "\($0).50"))] })
        var w = BackupWriter(dataFolder: data, root: backups)
        w.name = "Quinta_07"
        _ = try w.write()
        try writeClientes(count: 7)
    }

    func writeClientes(count: Int) throws {
        try table("CLIENTES", Self.clientes, (1...count).map {
            [.integer(Int64($0)), .string("Cliente \($0)"), .number(DecimalNumber(text: "\($0 * 10).00"))]
        })
    }

    func table(_ name: String, _ fields: [FieldDescriptor], _ rows: [[DBFValue]]) throws {
        let path = data + "/\(name).DBF"
        try? FileManager.default.removeItem(atPath: path)
        let w = try DBFWriter(path: path, structure: TableStructure(version: 0x30, codePage: .cp1252, fields: fields))
        for r in rows { try w.append(r) }
        try w.finish()
    }

    /// Starts the server and waits until it listens.
    func start() async throws -> WebFixture {
        let server = self.server
        let box = PortBox()
        port = await withCheckedContinuation { (c: CheckedContinuation<Int, Never>) in
            task = Task { try await server.run { p in if box.claim() { c.resume(returning: p) } } }
        }
        return self
    }

    deinit {
        task?.cancel()
        try? FileManager.default.removeItem(atPath: root)
    }

    // MARK: requests as the page makes them

    var auth: [(String, String)] { [("X-Resgate-Token", token)] }

    func get(_ path: String) async throws -> RawHTTP.Reply { try await http.send("GET", path, headers: auth) }

    func post(_ path: String, _ json: [String: Any]) async throws -> RawHTTP.Reply {
        try await http.send("POST", path, headers: auth + [("Content-Type", "application/json")],
                            body: try JSONSerialization.data(withJSONObject: json))
    }

    /// POSTs an operation, waits for its end, returns its snapshot document.
    func run(_ path: String, _ json: [String: Any]) async throws -> [String: Any] {
        let started = try await post(path, json)
        guard started.status == 202, let id = started.json["operation"] as? String else {
            throw RawHTTP.Failure(description: "\(path): \(started.status) \(started.text)")
        }
        try await waitFor(id)
        return try await get("/api/operations/\(id)").json
    }

    /// Waits, off Swift concurrency's threads, for an operation to end.
    @discardableResult
    func waitFor(_ id: String) async throws -> OperationSnapshot? {
        let center = server.center
        return try await OffThread.run { center.wait(id) }
    }

    /// The live records of a table, read back from disk.
    func records(_ table: String) throws -> Int { try DBFTable.open(path: data + "/\(table).DBF").recordCount }

    func bytes(_ table: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: data + "/\(table).DBF")) }
}

final class PortBox: @unchecked Sendable {
    var port = 0
    private var claimed = false
    private let lock = NSLock()
    /// True the first time only.
    func claim() -> Bool { lock.lock(); defer { lock.unlock() }; if claimed { return false }; claimed = true; return true }
}
