import Foundation

/// Runs a program to its end and keeps what it printed: the one process runner of the
/// tests (the `resgate` executable, the outside oracles, Info-ZIP).
public enum ProcessRunner {
    public struct Result: Sendable {
        public var status: Int32
        public var out: String
        public var err: String
        public var outData: Data
    }

    /// `environment` entries are added to (or replace) this process's environment; the
    /// variables named in `removing` are taken out of it. Standard input is /dev/null: a
    /// child never shares the test runner's terminal, so "no terminal to ask" holds whatever
    /// runs the tests.
    public static func run(_ executable: String, _ args: [String], environment: [String: String] = [:],
                           removing: [String] = [], directory: String? = nil) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        for k in removing { env[k] = nil }
        for (k, v) in environment { env[k] = v }
        p.environment = env
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        p.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // read both pipes while the child runs, so a chatty child never blocks on a full pipe
        let errData = ErrorDrain(err.fileHandleForReading)
        let o = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let e = errData.finish()
        return Result(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self),
                      err: String(decoding: e, as: UTF8.self), outData: o)
    }

    /// A program found on PATH, or nil.
    public static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }
}

/// Reads a pipe on its own thread until its end.
private final class ErrorDrain: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func finish() -> Data { done.wait(); return data }
}

/// The `resgate` executable built beside the test bundle (`swift build --build-tests`
/// builds both into the same products folder), or `RESGATE_BINARY` when set (to compare
/// another build against the same tests).
public enum ResgateBinary {
    public static var path: String? {
        if let p = ProcessInfo.processInfo.environment["RESGATE_BINARY"], !p.isEmpty { return p }
        let candidates = [Bundle.main.bundlePath, CommandLine.arguments.first ?? ""]
            .map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
        for dir in candidates + candidates.map({ URL(fileURLWithPath: $0).deletingLastPathComponent().path }) {
            let p = dir + "/resgate"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    public struct Missing: Error, CustomStringConvertible {
        public var description: String { "the resgate executable must be built beside the tests (swift build --build-tests)" }
    }

    /// Runs `resgate ARGS` in an English locale (`LANG=en_US.UTF-8`, no `LC_ALL` or
    /// `LC_MESSAGES`): English unless `--lang` or `environment` says otherwise. (With no
    /// locale at all resgate speaks Portuguese: `runWithoutLocale`.)
    public static func run(_ args: [String], environment: [String: String] = [:]) throws -> ProcessRunner.Result {
        guard let bin = path else { throw Missing() }
        return try ProcessRunner.run(bin, args, environment: ["LANG": "en_US.UTF-8"].merging(environment) { $1 },
                                     removing: ["LC_ALL", "LC_MESSAGES", "LANGUAGE"])
    }

    /// Runs `resgate ARGS` with `LANG`, `LC_ALL`, `LC_MESSAGES` and `LANGUAGE` unset, as on a
    /// fresh machine or a service: resgate must speak Portuguese.
    public static func runWithoutLocale(_ args: [String], environment: [String: String] = [:]) throws -> ProcessRunner.Result {
        guard let bin = path else { throw Missing() }
        return try ProcessRunner.run(bin, args, environment: environment,
                                     removing: ["LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"])
    }
}
