import Foundation
import Hummingbird
import NIOCore

/// The page, its script and its style, shipped as package resources and read once at
/// start. Only these names are served: no path from a request ever reaches the disk.
struct StaticFiles: Sendable {
    struct File: Sendable { var bytes: [UInt8]; var type: String }
    let files: [String: File]

    static let served: [(name: String, type: String)] = [
        ("index.html", "text/html; charset=utf-8"),
        ("i18n.js", "text/javascript; charset=utf-8"),
        ("app.js", "text/javascript; charset=utf-8"),
        ("results.js", "text/javascript; charset=utf-8"),
        ("style.css", "text/css; charset=utf-8"),
        ("favicon.svg", "image/svg+xml"),
    ]

    init() throws {
        guard let dir = Bundle.module.url(forResource: "Static", withExtension: nil) else {
            throw WebError(500, "no-static", pt: "arquivos da página ausentes", en: "page files missing")
        }
        var files: [String: File] = [:]
        for (name, type) in Self.served {
            let data = try Data(contentsOf: dir.appendingPathComponent(name))
            files[name] = File(bytes: Array(data), type: type)
        }
        self.files = files
    }

    func register(on router: Router<BasicRequestContext>) {
        for (name, _) in Self.served {
            guard let f = files[name] else { continue }
            let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { _, _ in
                Response(status: .ok, headers: [.contentType: f.type, .cacheControl: "no-cache"],
                         body: .init(byteBuffer: ByteBuffer(bytes: f.bytes)))
            }
            router.get(RouterPath(stringLiteral: "/" + name), use: handler)
            if name == "index.html" { router.get("/", use: handler) }
        }
    }
}
