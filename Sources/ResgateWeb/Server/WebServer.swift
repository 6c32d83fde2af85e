import Foundation
import Hummingbird
import Logging
import NIOCore
import ResgateLocale

/// `resgate ui`: serves the restore screen of one data folder.
///
/// Safe by default: it listens on 127.0.0.1 only unless told otherwise, and every API call
/// needs the random token of this run (see `RequestGuard`).
public struct WebServer: Sendable {
    public struct Configuration: Sendable {
        public var data: String
        public var backups: String?
        public var xml: String?
        public var config: String?
        /// The address to listen on; anything but loopback is the caller's explicit choice.
        public var host: String = "127.0.0.1"
        /// 0 picks a free port.
        public var port: Int = 0
        public var language: Language = .pt
        public var token: String = RequestGuard.newToken()

        public init(data: String, backups: String?, xml: String? = nil, config: String? = nil) {
            self.data = data; self.backups = backups; self.xml = xml; self.config = config
        }
    }

    public let configuration: Configuration
    public let center = OperationCenter()
    public static let version = "1"

    public init(configuration: Configuration) { self.configuration = configuration }

    public static func isLoopback(_ host: String) -> Bool {
        ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
    }

    /// The address to open, token included (in the fragment, so it never travels in a
    /// request line, a log or a Referer; the page reads it and sends it in a header).
    public static func url(host: String, port: Int, token: String) -> String {
        let wildcard = ["0.0.0.0", "::", "[::]"].contains(host)
        let h = wildcard ? "127.0.0.1" : host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "http://\(h):\(port)/#token=\(token)"
    }

    /// Serves until the task is cancelled. `onReady` gets the port really bound.
    public func run(onReady: @escaping @Sendable (Int) -> Void) async throws {
        let c = configuration
        let actions = StoreActions(data: c.data, backups: c.backups, xml: c.xml, config: c.config)
        let files = try StaticFiles()
        if c.port != 0, Self.portTaken(host: c.host, port: c.port) { throw PortInUse(port: c.port) }
        let port = c.port == 0 ? try Self.freePort(host: c.host) : c.port
        let router = Router()
        router.add(middleware: GuardMiddleware(requestGuard: RequestGuard(
            token: c.token, port: port, extraHost: Self.isLoopback(c.host) ? nil : c.host)))
        files.register(on: router)
        APIRoutes(actions: actions, center: center, language: c.language, version: Self.version).register(on: router)
        var logger = Logger(label: "resgate-ui")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(c.host, port: port), serverName: nil, reuseAddress: false),
            onServerRunning: { _ in onReady(port) },
            logger: logger)
        do { try await app.run() } catch let e as IOError where e.errnoCode == EADDRINUSE {
            throw PortInUse(port: port)
        }
    }

    /// `--port N` when something already listens on N.
    public struct PortInUse: Error, Sendable, CustomStringConvertible {
        public let port: Int
        public var description: String { Phrase.portInUse(port).text(in: .en) }
        public func text(in language: Language) -> String { Phrase.portInUse(port).text(in: language) }
    }

    /// Whether binding `port` on an IPv4 `host` fails with "address in use" now. Another
    /// address family or name is left to the server's own bind (whose error is mapped too).
    static func portTaken(host: String, port: Int) -> Bool {
        let address = host.lowercased() == "localhost" ? "127.0.0.1" : host
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, address, &addr.sin_addr) == 1 else { return false }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 }
        }
        return !ok && errno == EADDRINUSE
    }

    /// A port the system says is free now (bound to 0, read, closed). The guard must know
    /// the port before the server starts, to check `Host`.
    static func freePort(host: String) throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw WebError(500, "no-socket", .noSocket) }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { p -> Bool in
                bind(fd, p, len) == 0 && getsockname(fd, p, &len) == 0
            }
        }
        guard bound else { throw WebError(500, "no-port", .noFreePort) }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
