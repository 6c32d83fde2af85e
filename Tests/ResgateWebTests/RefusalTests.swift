import Foundation
import ResgateWeb
import Testing

/// Every refusal of `RequestGuard`, proved on the real server over a real socket.
@Suite("ui refusals", .serialized)
struct RefusalTests {
    let f: WebFixture
    init() async throws { f = try await WebFixture(vendas: 3).start() }

    func expectNoCORS(_ r: RawHTTP.Reply) {
        #expect(!r.headers.contains { $0.0.lowercased().hasPrefix("access-control-") }, "CORS header in \(r.headers)")
    }

    @Test func missingTokenIsRefused() async throws {
        for path in ["/api/info", "/api/tables", "/api/backups", "/api/snapshots", "/api/operations"] {
            let r = try await f.http.send("GET", path)
            #expect(r.status == 401, "\(path)")
            #expect(r.errorCode == "missing-token")
            expectNoCORS(r)
        }
    }

    /// The router drops empty path segments; the guard must judge the same path, or
    /// `//api/tables` walks around the token (issue 14).
    @Test func doubledSlashesDoNotWalkAroundTheToken() async throws {
        for path in ["//api/tables", "//api/info", "//api/backups", "//api/snapshots", "//api/operations",
                     "/api//tables", "///api/info/", "/api/tables/"] {
            let r = try await f.http.send("GET", path)
            #expect(r.status == 401, "\(path) answered \(r.status) without the token")
            #expect(!r.text.contains("CLIENTES"), "\(path) leaked the table list")
        }
        // a state-changing call spelled with extra slashes still wants the header token
        let q = try await f.http.send("POST", "//api/check?token=\(f.token)", headers: [("Content-Type", "application/json")],
                                      body: Data("{}".utf8))
        #expect(q.status == 401 && q.errorCode == "missing-token")
        #expect(f.server.center.running == nil)
        // with the token the normalised path works as the plain one
        #expect(try await f.http.send("GET", "//api/info", headers: f.auth).status == 200)
        // the page and its files are still served without it
        #expect(try await f.http.send("GET", "//app.js").status == 200)
    }

    @Test func wrongTokenIsRefused() async throws {
        let wrong = String(f.token.reversed())
        let r = try await f.http.send("GET", "/api/tables", headers: [("X-Resgate-Token", wrong)])
        #expect(r.status == 403 && r.errorCode == "wrong-token")
        let q = try await f.http.send("GET", "/api/tables?token=\(wrong)")
        #expect(q.status == 403 && q.errorCode == "wrong-token")
        let short = try await f.http.send("GET", "/api/tables", headers: [("X-Resgate-Token", String(f.token.prefix(10)))])
        #expect(short.status == 403)
        let post = try await f.http.send("POST", "/api/check", headers: [("X-Resgate-Token", wrong)], body: Data("{}".utf8))
        #expect(post.status == 403 && post.errorCode == "wrong-token")
    }

    @Test func rightTokenIsAccepted() async throws {
        #expect(try await f.get("/api/info").status == 200)
        #expect(try await f.http.send("GET", "/api/info?token=\(f.token)").status == 200)
    }

    @Test func foreignHostIsRefused() async throws {
        // DNS rebinding: the attacker's name resolves to 127.0.0.1, the browser sends its name
        for host in ["evil.example:\(f.port)", "evil.example", "127.0.0.1", "127.0.0.1:\(f.port + 1)",
                     "192.168.0.10:\(f.port)", "localhost.evil.example:\(f.port)"] {
            let r = try await f.http.send("GET", "/api/info", host: host, headers: f.auth)
            #expect(r.status == 403, "\(host)")
            #expect(r.errorCode == "bad-host")
            let page = try await f.http.send("GET", "/", host: host)
            #expect(page.status == 403, "page through \(host)")
        }
        let none = try await f.http.send("GET", "/api/info", host: nil, headers: f.auth)
        #expect(none.status == 403)
        for host in ["localhost:\(f.port)", "[::1]:\(f.port)", "LOCALHOST:\(f.port)"] {
            #expect(try await f.http.send("GET", "/api/info", host: host, headers: f.auth).status == 200, "\(host)")
        }
    }

    @Test func getOnStateChangingRoutesIsRefused() async throws {
        for path in RequestGuard.stateChanging.sorted() {
            for method in ["GET", "PUT", "DELETE"] {
                let r = try await f.http.send(method, path + "?token=\(f.token)", headers: f.auth)
                #expect(r.status == 405, "\(method) \(path)")
                #expect(r.header("Allow") == "POST")
                expectNoCORS(r)
            }
        }
        #expect(try await f.http.send("POST", "/api/tables", headers: f.auth, body: Data()).status == 405)
    }

    @Test func tokenOnlyInTheQueryIsNotEnoughToChangeAnything() async throws {
        let r = try await f.http.send("POST", "/api/check?token=\(f.token)", headers: [("Content-Type", "application/json")],
                                body: Data("{}".utf8))
        #expect(r.status == 401 && r.errorCode == "missing-token")
        #expect(f.server.center.running == nil)
    }

    @Test func foreignOriginIsRefused() async throws {
        let body = Data(#"{"set":"Quinta_07.zip","tables":["CLIENTES"]}"#.utf8)
        for origin in ["http://evil.example", "null", "http://127.0.0.1:\(f.port + 1)", "https://127.0.0.1:\(f.port)"] {
            let r = try await f.http.send("POST", "/api/restore", headers: f.auth + [("Origin", origin)], body: body)
            #expect(r.status == 403 && r.errorCode == "foreign-origin", "\(origin)")
            let g = try await f.http.send("GET", "/api/tables", headers: f.auth + [("Origin", origin)])
            #expect(g.status == 403, "GET with \(origin)")
        }
        let cross = try await f.http.send("GET", "/api/tables", headers: f.auth + [("Sec-Fetch-Site", "cross-site")])
        #expect(cross.status == 403 && cross.errorCode == "foreign-origin")
        #expect(f.server.center.recent().isEmpty, "nothing was started")
        try #expect(f.records("CLIENTES") == 7)
        // the page's own origin is fine
        let same = try await f.http.send("GET", "/api/info", headers: f.auth + [("Origin", "http://127.0.0.1:\(f.port)"),
                                                                          ("Sec-Fetch-Site", "same-origin")])
        #expect(same.status == 200)
    }

    @Test func preflightGetsNoCORS() async throws {
        let r = try await f.http.send("OPTIONS", "/api/restore", headers: [
            ("Origin", "http://evil.example"), ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "x-resgate-token")])
        #expect(r.status == 403)
        expectNoCORS(r)
        let own = try await f.http.send("OPTIONS", "/api/restore", headers: f.auth)
        #expect(own.status == 405)
        expectNoCORS(own)
    }

    @Test func pageIsServedWithoutTokenAndWithProtectiveHeaders() async throws {
        let page = try await f.http.send("GET", "/")
        #expect(page.status == 200)
        #expect(page.header("Content-Type")?.hasPrefix("text/html") == true)
        #expect(page.text.contains("Restaurar backup") && page.text.contains("Selecionar backup"))
        #expect(!page.text.contains(f.token), "the page itself holds no secret")
        #expect(page.header("X-Frame-Options") == "DENY")
        #expect(page.header("Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
        expectNoCORS(page)
        for asset in ["/app.js", "/results.js", "/i18n.js", "/style.css", "/favicon.svg"] {
            let r = try await f.http.send("GET", asset)
            #expect(r.status == 200, "\(asset)")
            for load in ["src=\"http", "href=\"http", "url(http", "@import", "fetch(\"http", "EventSource(\"http"] {
                #expect(!r.text.contains(load), "\(asset) loads nothing from the internet (\(load))")
            }
        }
        // anything but the page and its files wants the token; with it, no file from disk
        #expect(try await f.http.send("GET", "/../Package.swift").status == 401)
        #expect(try await f.http.send("GET", "/../Package.swift", headers: f.auth).status == 404)
        #expect(try await f.http.send("POST", "/", body: Data()).status == 405)
    }

    @Test func guardLogicWithoutServer() {
        let g = RequestGuard(token: "abc", port: 8000, extraHost: "192.168.1.5")
        func facts(_ m: String, _ p: String, host: String? = "127.0.0.1:8000", origin: String? = nil,
                   header: String? = "abc", query: String? = nil) -> RequestGuard.Facts {
            .init(method: m, path: p, authority: host, origin: origin, fetchSite: nil, headerToken: header, queryToken: query)
        }
        #expect(g.check(facts("GET", "/api/tables")) == nil)
        #expect(g.check(facts("GET", "/api/tables", host: "192.168.1.5:8000")) == nil)
        #expect(g.check(facts("GET", "/api/tables", host: "192.168.1.6:8000"))?.code == "bad-host")
        #expect(g.check(facts("POST", "/api/restore", header: nil, query: "abc"))?.code == "missing-token")
        #expect(g.check(facts("GET", "/api/tables", header: nil, query: "abc")) == nil)
        #expect(g.check(facts("GET", "/api/undo"))?.status == 405)
        #expect(g.check(facts("POST", "/api/undo", origin: "http://127.0.0.1:8000")) == nil)
        #expect(g.check(facts("POST", "/api/undo", header: "abd"))?.code == "wrong-token")
        #expect(g.check(facts("GET", "//api/tables", header: nil))?.code == "missing-token")
        #expect(g.check(facts("GET", "/x/../api/tables", header: nil))?.code == "missing-token")
        #expect(g.check(facts("POST", "//api//restore/", header: nil, query: "abc"))?.code == "missing-token")
        #expect(g.check(facts("GET", "//index.html", header: nil)) == nil)
        #expect(RequestGuard.normalised("//api//tables/") == "/api/tables")
        let any = RequestGuard(token: "abc", port: 8000, extraHost: "0.0.0.0")
        #expect(any.allowedAuthorities.contains("127.0.0.1:8000"))
        #expect(!any.allowedAuthorities.contains("0.0.0.0:8000"), "a wildcard is no host name")
        #expect(!any.allowedAuthorities.contains("evil.example:8000"))
    }
}
