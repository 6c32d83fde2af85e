import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bare HTTP/1.1 client on a POSIX socket: the tests decide every header byte (a wrong
/// `Host`, a foreign `Origin`, no token), which no ordinary client lets them do.
struct RawHTTP: Sendable {
    struct Reply: @unchecked Sendable {
        var status: Int
        var headers: [(String, String)]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        /// The `error` code of a refusal.
        var errorCode: String? { json["error"] as? String }
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    let port: Int

    /// `sendBlocking` on a thread of its own: a test must never block one of Swift
    /// concurrency's few threads, which the server in the same process needs to answer.
    func send(_ method: String, _ path: String, host: String? = "", headers: [(String, String)] = [],
              body: Data? = nil, timeout: Int = 60) async throws -> Reply {
        let me = self
        return try await OffThread.run { try me.sendBlocking(method, path, host: host, headers: headers, body: body, timeout: timeout) }
    }

    /// Sends one request with `Connection: close` and reads the whole answer.
    /// `host` nil sends no Host header at all (HTTP/1.0 then).
    func sendBlocking(_ method: String, _ path: String, host: String? = "", headers: [(String, String)] = [],
                      body: Data? = nil, timeout: Int = 60) throws -> Reply {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket") }
        defer { close(fd) }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard ok else { throw Failure(description: "connect to port \(port) failed") }
        var head = "\(method) \(path) \(host == nil ? "HTTP/1.0" : "HTTP/1.1")\r\n"
        if let host { head += "Host: \(host.isEmpty ? "127.0.0.1:\(port)" : host)\r\n" }
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        head += "Connection: close\r\n\r\n"
        var out = Data(head.utf8)
        if let body { out += body }
        try out.withUnsafeBytes { p in
            var sent = 0
            while sent < p.count {
                let n = Glibc.send(fd, p.baseAddress! + sent, p.count - sent, Int32(MSG_NOSIGNAL))
                guard n > 0 else { throw Failure(description: "send failed") }
                sent += n
            }
        }
        var raw = Data()
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buf, buf.count, 0)
            if n > 0 { raw.append(buf, count: n) } else if n == 0 { break } else { throw Failure(description: "receive timed out") }
        }
        return try Self.parse(raw)
    }

    static func parse(_ raw: Data) throws -> Reply {
        guard let end = raw.range(of: Data("\r\n\r\n".utf8)) else { throw Failure(description: "no header end") }
        let lines = String(decoding: raw[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { throw Failure(description: "bad status line \(lines[0])") }
        var headers: [(String, String)] = []
        for l in lines.dropFirst() {
            guard let c = l.firstIndex(of: ":") else { continue }
            headers.append((String(l[..<c]), l[l.index(after: c)...].trimmingCharacters(in: .whitespaces)))
        }
        var body = Data(raw[end.upperBound...])
        if headers.contains(where: { $0.0.lowercased() == "transfer-encoding" && $0.1.lowercased().contains("chunked") }) {
            body = dechunk(body)
        }
        return Reply(status: status, headers: headers, body: body)
    }

    static func dechunk(_ d: Data) -> Data {
        var out = Data()
        var i = d.startIndex
        while i < d.endIndex, let lineEnd = d[i...].range(of: Data("\r\n".utf8)) {
            let sizeText = String(decoding: d[i..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";")[0]
            guard let size = Int(sizeText, radix: 16), size > 0 else { break }
            let start = lineEnd.upperBound
            out += d[start..<min(start + size, d.endIndex)]
            i = min(start + size + 2, d.endIndex)
        }
        return out
    }
}

enum OffThread {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, Error>) in
            Thread { c.resume(with: Result { try work() }) }.start()
        }
    }
}
