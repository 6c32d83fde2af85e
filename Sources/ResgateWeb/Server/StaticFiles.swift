import Foundation
import Hummingbird
import NIOCore

/// The page, its scripts and its style, embedded in the binary (`EmbeddedStatic`, made by
/// scripts/embed-static.py from Static/), so a binary copied anywhere serves its page.
/// Only these names are served: no path from a request ever reaches the disk.
struct StaticFiles: Sendable {
    struct File: Sendable { var bytes: [UInt8]; var type: String }
    let files: [String: File]

    static func type(of name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        default: "application/octet-stream"
        }
    }

    /// Every embedded file by name, decoded.
    static func embedded() throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for (name, text) in EmbeddedStatic.files {
            guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
                throw WebError(500, "no-static", .pageFileUnreadable(name))
            }
            out[name] = Array(data)
        }
        return out
    }

    init() throws {
        var files: [String: File] = [:]
        for (name, bytes) in try Self.embedded() { files[name] = File(bytes: bytes, type: Self.type(of: name)) }
        guard files["index.html"] != nil else {
            throw WebError(500, "no-static", .pageFilesMissing)
        }
        self.files = files
    }

    func register(on router: Router<BasicRequestContext>) {
        for (name, f) in files {
            let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { _, _ in
                Response(status: .ok, headers: [.contentType: f.type, .cacheControl: "no-cache"],
                         body: .init(byteBuffer: ByteBuffer(bytes: f.bytes)))
            }
            router.get(RouterPath(stringLiteral: "/" + name), use: handler)
            if name == "index.html" { router.get("/", use: handler) }
        }
    }
}
