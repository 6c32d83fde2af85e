import Foundation

/// Decides, before any handler runs, whether a request may be answered at all.
///
/// The screen can delete every record of a store, so a web page the technician happens to
/// have open in another tab must not be able to reach it:
/// - `Host` must name this server by a loopback address (or the `--host` address) with
///   its port: a DNS-rebinding page arrives with its own host name and is refused;
/// - an `Origin`, when sent, must be this server itself; cross-site fetch metadata is
///   refused on the API;
/// - every API call carries the token printed at start; state-changing calls are POST
///   only and must carry it in the `X-Resgate-Token` header, which a foreign page cannot
///   set without a CORS preflight, and the server never answers preflights;
/// - no `Access-Control-*` header is ever sent.
public struct RequestGuard: Sendable {
    public static let tokenHeader = "X-Resgate-Token"

    /// `host:port` spellings accepted in `Host`.
    public let allowedAuthorities: Set<String>
    let token: String
    /// API paths that change something: POST only, token in the header only.
    public static let stateChanging: Set<String> = [
        "/api/verify", "/api/compare", "/api/restore", "/api/undo", "/api/check", "/api/cancel",
    ]

    /// `extraHost`: the `--host` address when it is not loopback; a wildcard (`0.0.0.0`,
    /// `::`) stands for every address of this machine's interfaces.
    public init(token: String, port: Int, extraHost: String? = nil) {
        self.token = token
        var hosts = ["127.0.0.1", "localhost", "[::1]"]
        var extra: [String] = []
        if let h = extraHost { extra = ["0.0.0.0", "::", "[::]"].contains(h) ? Self.interfaceAddresses() : [h] }
        for h in extra where !hosts.contains(h) { hosts.append(h.contains(":") && !h.hasPrefix("[") ? "[\(h)]" : h) }
        allowedAuthorities = Set(hosts.map { "\($0.lowercased()):\(port)" })
    }

    /// The IPv4 addresses of this machine's interfaces.
    static func interfaceAddresses() -> [String] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0 else { return [] }
        defer { freeifaddrs(list) }
        var out: [String] = []
        var p = list
        while let a = p {
            if let sa = a.pointee.ifa_addr, sa.pointee.sa_family == sa_family_t(AF_INET) {
                var buf = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
                sa.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin in
                    var addr = sin.pointee.sin_addr
                    _ = inet_ntop(AF_INET, &addr, &buf, socklen_t(buf.count))
                }
                out.append(String(cString: buf))
            }
            p = a.pointee.ifa_next
        }
        return out
    }

    /// What the guard needs to know of a request.
    public struct Facts: Sendable {
        public var method: String
        public var path: String
        public var authority: String?
        public var origin: String?
        public var fetchSite: String?
        public var headerToken: String?
        public var queryToken: String?
        public init(method: String, path: String, authority: String?, origin: String?, fetchSite: String?,
                    headerToken: String?, queryToken: String?) {
            self.method = method; self.path = path; self.authority = authority; self.origin = origin
            self.fetchSite = fetchSite; self.headerToken = headerToken; self.queryToken = queryToken
        }
    }

    /// Nil when the request may go on; else the refusal to send.
    public func check(_ r: Facts) -> WebError? {
        guard let authority = r.authority?.lowercased(), allowedAuthorities.contains(authority) else {
            return WebError(403, "bad-host", .hostNotAllowed)
        }
        if let origin = r.origin, origin.lowercased() != "http://" + authority {
            return WebError(403, "foreign-origin", .foreignOrigin(origin))
        }
        // Decided on the path the router will see, never on the raw one: `//api/tables`
        // reaches the same handler as `/api/tables`. Only the page and its files go without
        // the token; every other path, existing or not, needs it.
        let path = Self.normalised(r.path)
        if Self.publicPaths.contains(path) {
            guard r.method == "GET" || r.method == "HEAD" else { return Self.methodRefusal("GET") }
            return nil
        }
        if r.fetchSite == "cross-site" {
            return WebError(403, "foreign-origin", .crossSite)
        }
        let changing = Self.isStateChanging(path)
        if changing && r.method != "POST" { return Self.methodRefusal("POST") }
        if !changing && r.method != "GET" && r.method != "HEAD" { return Self.methodRefusal("GET") }
        let given = changing ? r.headerToken : (r.headerToken ?? r.queryToken)
        guard let given, !given.isEmpty else {
            return WebError(401, "missing-token", .missingToken(header: changing ? Self.tokenHeader : nil))
        }
        guard Self.constantTimeEqual(given, token) else {
            return WebError(403, "wrong-token", .wrongToken)
        }
        return nil
    }

    /// The page and its static files: the only paths answered without the token.
    static let publicPaths: Set<String> = Set(["/"] + EmbeddedStatic.files.keys.map { "/" + $0 })

    /// A request path as the router matches it: empty segments dropped, so `//api//tables/`
    /// is `/api/tables` (the router splits on `/` and skips empty components).
    public static func normalised(_ path: String) -> String {
        "/" + path.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
    }

    /// Whether `path` (raw or normalised) names a state-changing call; case does not
    /// matter, so a router told to ignore case could not turn one into a plain GET.
    public static func isStateChanging(_ path: String) -> Bool {
        stateChanging.contains(normalised(path).lowercased())
    }

    static func methodRefusal(_ allowed: String) -> WebError {
        WebError(405, "method-not-allowed", .methodNotAllowed(use: allowed))
    }

    /// Compares without stopping at the first difference, so timing tells nothing.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var diff = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) {
            diff |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return diff == 0
    }

    /// 32 random bytes as hex.
    public static func newToken() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
    }
}
