import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ResgateLocale

/// The JSON API under the screen. Reads answer at once; the long operations answer
/// `202 {"operation": id}` and are followed through `GET /api/operations/{id}` or, live,
/// the server-sent events of `GET /api/operations/{id}/events`.
struct APIRoutes: Sendable {
    let actions: StoreActions
    let center: OperationCenter
    let language: Language
    let version: String

    func register(on router: Router<BasicRequestContext>) {
        router.get("/api/info") { request, _ in try info(request) }
        router.get("/api/tables") { request, _ in
            let lang = language(request)
            return Replies.json(try await Offload.run { try actions.scan(language: lang) })
        }
        router.get("/api/backups") { request, _ in
            let lang = language(request)
            return Replies.json(try await Offload.run { try actions.listBackups(language: lang) })
        }
        // the chooser's folder browser: any folder's subfolders and zips (read-only)
        router.get("/api/browse") { request, _ in
            let path = request.uri.queryParameters.get("path")
            return Replies.json(try await Offload.run { try actions.browse(path) })
        }
        router.get("/api/set") { request, _ in
            let lang = language(request)
            let path = request.uri.queryParameters.get("path") ?? ""
            return Replies.json(try await Offload.run { try actions.describeSet(path, language: lang) })
        }
        // the printable handover report of a restore; its own policy allows its inline style
        // and nothing else (no script, no outside file)
        router.get("/api/reports/:name") { _, context in
            let name = context.parameters.get("name") ?? ""
            let bytes = try await Offload.run { try actions.handoverReport(named: name) }
            return Response(status: .ok, headers: [
                .contentType: "text/html; charset=utf-8",
                HTTPField.Name("Content-Security-Policy")!: Replies.reportPolicy,
            ], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        router.get("/api/snapshots") { _, _ in
            Replies.json(try await Offload.run { try actions.undoList() })
        }
        router.get("/api/operations") { _, _ in
            let list = center.recent().map { $0.json() }
            return Replies.json(Data("{\"operations\":[".utf8) + list.joined(separator: Data(",".utf8)) + Data("]}".utf8))
        }
        router.get("/api/operations/:id") { _, context in
            Replies.json(try snapshot(context).json())
        }
        router.get("/api/operations/:id/events") { _, context in
            let id = try snapshot(context).id
            return EventStream.response(center: center, id: id)
        }
        router.post("/api/verify") { request, context in
            struct Body: Decodable { var set: String; var lang: String? }
            let body = try await decode(Body.self, request, context)
            let lang = language(body.lang)
            _ = try actions.setPath(body.set)
            return try start("verify", cancellable: false) { try actions.verify(set: body.set, language: lang, context: $0) }
        }
        router.post("/api/compare") { request, context in
            let body = try await decode(StoreActions.RestoreRequest.self, request, context)
            _ = try actions.setPath(body.set)
            let lang = language(body.lang)
            return try start("compare", cancellable: true) { try actions.compare(body, language: lang, context: $0) }
        }
        router.post("/api/restore") { request, context in
            let body = try await decode(StoreActions.RestoreRequest.self, request, context)
            _ = try actions.setPath(body.set)
            let lang = language(body.lang)
            return try start(body.dryRun == true ? "preview" : "restore", cancellable: true) {
                try actions.restore(body, language: lang, context: $0)
            }
        }
        router.post("/api/undo") { request, context in
            struct Body: Decodable { var id: String }
            let body = try await decode(Body.self, request, context)
            return try start("undo", cancellable: false) { try actions.undo(id: body.id, context: $0) }
        }
        router.post("/api/check") { request, context in
            struct Body: Decodable { var lang: String? }
            let lang = language(try await decode(Body.self, request, context, emptyAllowed: true).lang)
            return try start("check", cancellable: false) { try actions.check(language: lang, context: $0) }
        }
        router.post("/api/cancel") { request, context in
            struct Body: Decodable { var id: String? }
            let body = try await decode(Body.self, request, context, emptyAllowed: true)
            guard let id = body.id ?? center.running else {
                throw WebError(409, "nothing-running", .nothingRunning)
            }
            guard center.cancel(id) else {
                throw WebError(409, "not-cancellable", .notCancellable)
            }
            return Replies.json(Data(#"{"cancelling":"# .utf8) + (try JSONCoding.encode(id)) + Data("}".utf8), status: .accepted)
        }
    }

    func info(_ request: Request) throws -> Response {
        struct Info: Encodable {
            var data: String, backups: String?, xml: String?, language: Language, version: String
            var running: String?, stateChanging: [String]
        }
        return Replies.json(try JSONCoding.encode(Info(
            data: actions.data, backups: actions.backups, xml: actions.xml, language: language, version: version,
            running: center.running, stateChanging: RequestGuard.stateChanging.sorted())))
    }

    func start(_ kind: String, cancellable: Bool,
               _ work: @escaping @Sendable (OperationCenter.Context) throws -> Data) throws -> Response {
        let id: String
        do throws(OperationCenter.StartError) {
            id = try center.start(kind: kind, cancellable: cancellable, work)
        } catch {
            guard case .busy(let running) = error else { throw error }
            let kind = center.snapshot(running, eventsAfter: Int.max)?.kind
            throw WebError(409, "busy", .busy(kind: kind.flatMap(WebOperation.init(rawValue:))))
        }
        struct Started: Encodable { var operation: String; var kind: String; var events: String }
        return Replies.json(try JSONCoding.encode(Started(operation: id, kind: kind, events: "/api/operations/\(id)/events")),
                            status: .accepted)
    }

    func snapshot(_ context: BasicRequestContext) throws -> OperationSnapshot {
        let id = context.parameters.get("id") ?? ""
        guard let s = center.snapshot(id, eventsAfter: Int.max) else {
            throw WebError.notFound(.noSuchOperation(id))
        }
        return s
    }

    func language(_ request: Request) -> Language { language(request.uri.queryParameters.get("lang")) }
    func language(_ code: String?) -> Language {
        guard let c = code?.lowercased() else { return language }
        return c.hasPrefix("pt") ? .pt : .en
    }

    /// The JSON body as `T`; a clear 400 when it is not.
    func decode<T: Decodable>(_ type: T.Type, _ request: Request, _ context: BasicRequestContext,
                              emptyAllowed: Bool = false) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(upTo: 1 << 20)
        var bytes = Data(buffer.readableBytesView)
        if bytes.isEmpty && emptyAllowed { bytes = Data("{}".utf8) }
        do { return try JSONDecoder().decode(T.self, from: bytes) } catch {
            throw WebError.badRequest(.invalidJSONBody("\(error)"))
        }
    }
}

/// Runs blocking engine work on its own thread, so Swift concurrency's few threads (two
/// on this kind of machine) stay free to serve requests.
enum Offload {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, Error>) in
            let t = Thread { c.resume(with: Result { try work() }) }
            t.stackSize = 8 << 20
            t.start()
        }
    }
}
