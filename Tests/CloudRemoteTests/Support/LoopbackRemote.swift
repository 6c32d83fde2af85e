import Foundation
import ResgateTestSupport
@testable import CloudRemote

/// A real rclone remote for one test: `rclone serve webdav` or `rclone serve sftp` on
/// 127.0.0.1 (a free port), serving a temporary folder, reached through a temporary
/// rclone config naming it `store:`. Nothing global is touched: the config path goes to
/// each rclone call (and to `resgate` through `RCLONE_CONFIG` in its environment).
final class LoopbackRemote: @unchecked Sendable {
    enum Kind: String, CaseIterable, CustomStringConvertible {
        case webdav, sftp
        var description: String { rawValue }
    }

    static let rcloneMissingReason = "rclone is not installed (scripts/install-test-deps.sh installs it); cloud integration tests skipped"
    static var rcloneAvailable: Bool { Rclone.locate() != nil }

    let kind: Kind
    /// The temporary folder: `served/` is the remote's content, `rclone.conf` its config.
    let folder: String
    var served: String { folder + "/served" }
    var configPath: String { folder + "/rclone.conf" }
    private(set) var port: Int32 = 0
    private var process: Process?
    private let user = "loja"
    private let password = "senha-\(UInt32.random(in: 1000...99999))"

    /// Extra flags for `rclone serve` (a test slows the server with `--bwlimit`).
    var serverArguments: [String]

    init(_ kind: Kind, serverArguments: [String] = []) throws {
        self.kind = kind
        self.serverArguments = serverArguments
        folder = TempFolder.scratchPath("resgate-cloud-\(kind)")
        try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: true)
        try start()
    }

    deinit { stop(); try? FileManager.default.removeItem(atPath: folder) }

    /// The rclone the library uses against this remote: short retries keep tests quick.
    var rclone: Rclone {
        var r = Rclone(configPath: configPath)
        r.retry = RetryPolicy(attempts: 3, firstDelay: 0.2, maxDelay: 0.5)
        return r
    }

    func path(_ p: String) throws(CloudError) -> RemotePath { try RemotePath(remote: "store", path: p) }

    /// Starts (or restarts, on a new port) the server and rewrites the config to match.
    func start() throws {
        stop()
        for _ in 0..<5 {
            port = Self.freePort()
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Rclone.locate()!)
            // no directory caching in the server: tests change the served folder under it
            var args = ["serve", kind.rawValue, "--addr", "127.0.0.1:\(port)", "--user", user, "--pass", password,
                        "--dir-cache-time", "1ms"] + serverArguments
            if kind == .sftp { args += ["--cache-dir", folder + "/server-cache"] }
            p.arguments = args + [served]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle(forWritingAtPath: "/dev/null")
            try p.run()
            if Self.waitForPort(port, process: p) {
                process = p
                try writeConfig()
                return
            }
            p.terminate(); p.waitUntilExit()
        }
        throw NSError(domain: "LoopbackRemote", code: 1, userInfo: [NSLocalizedDescriptionKey: "rclone serve \(kind) did not start"])
    }

    /// Kills the server at once (SIGKILL): connections drop mid-transfer.
    func stop() {
        guard let p = process else { return }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        process = nil
    }

    private func writeConfig() throws {
        let obscured = try Self.obscure(password)
        var text = "[store]\n"
        switch kind {
        case .webdav: text += "type = webdav\nurl = http://127.0.0.1:\(port)/\nvendor = other\nuser = \(user)\npass = \(obscured)\n"
        case .sftp: text += "type = sftp\nhost = 127.0.0.1\nport = \(port)\nuser = \(user)\npass = \(obscured)\n"
        }
        // a remote with the wrong password, for the refused-login message
        let wrong = try Self.obscure("errada")
        text += "\n[wrongpass]\n"
        switch kind {
        case .webdav: text += "type = webdav\nurl = http://127.0.0.1:\(port)/\nvendor = other\nuser = \(user)\npass = \(wrong)\n"
        case .sftp: text += "type = sftp\nhost = 127.0.0.1\nport = \(port)\nuser = \(user)\npass = \(wrong)\n"
        }
        try text.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    static func obscure(_ s: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Rclone.locate()!)
        p.arguments = ["obscure", "--", s]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A port the kernel just handed out and released (bind to 0, read it back, close).
    static func freePort() -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int32(UInt16(bigEndian: addr.sin_port))
    }

    static func waitForPort(_ port: Int32, process: Process) -> Bool {
        for _ in 0..<100 {
            guard process.isRunning else { return false }
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_addr.s_addr = inet_addr("127.0.0.1")
            addr.sin_port = UInt16(port).bigEndian
            let r = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(fd)
            if r == 0 { return true }
            usleep(100_000)
        }
        return false
    }
}
