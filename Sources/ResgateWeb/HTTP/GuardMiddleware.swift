import Foundation
import HTTPTypes
import Hummingbird
import ResgateLocale

/// Runs `RequestGuard` on every request and adds the headers that keep the page from being
/// framed, sniffed or cached; it never adds an `Access-Control-*` header.
struct GuardMiddleware<Context: RequestContext>: RouterMiddleware {
    let requestGuard: RequestGuard

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let facts = RequestGuard.Facts(
            method: request.method.rawValue,
            path: request.uri.path,
            authority: request.head.authority,
            origin: request.headers[.origin],
            fetchSite: request.headers[HTTPField.Name("Sec-Fetch-Site")!],
            headerToken: request.headers[HTTPField.Name(RequestGuard.tokenHeader)!],
            queryToken: request.uri.queryParameters.get("token"))
        var response: Response
        if let refusal = requestGuard.check(facts) {
            response = Replies.error(refusal)
            if refusal.status == 405 {
                response.headers[HTTPField.Name("Allow")!] = RequestGuard.isStateChanging(facts.path) ? "POST" : "GET, HEAD"
            }
        } else {
            do { response = try await next(request, context) } catch let e as WebError {
                response = Replies.error(e)
            } catch let e as HTTPError {
                response = Replies.error(WebError(Int(e.status.code), "http-\(e.status.code)",
                                                  words: Words { _ in e.body ?? e.status.reasonPhrase }))
            }
        }
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        // only the handover report route may set its own (stricter on scripts) policy
        if response.headers[HTTPField.Name("Content-Security-Policy")!] != Replies.reportPolicy {
            response.headers[HTTPField.Name("Content-Security-Policy")!] = Replies.pagePolicy
        }
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

/// Building JSON answers.
enum Replies {
    static let pagePolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'"
    /// The handover report: its inline style only; no script, no image, no outside file.
    static let reportPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'"

    static func json(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func error(_ e: WebError) -> Response {
        json(e.json(), status: HTTPResponse.Status(code: e.status))
    }
}
