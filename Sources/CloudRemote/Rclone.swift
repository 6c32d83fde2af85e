import Foundation

/// Runs rclone as a child process with an argument vector (never through a shell), and
/// turns its failures into `CloudError`s. Network failures are retried with backoff;
/// every other failure is final at once, since retrying a wrong password only delays the
/// message the technician needs.
public struct Rclone: Sendable {
    /// The rclone executable; nil when not found (every call then throws `.rcloneMissing`).
    public var executable: String?
    /// rclone's config file; nil means rclone's own default (`~/.config/rclone/rclone.conf`).
    public var configPath: String?
    /// Extra environment for rclone (tests set `RCLONE_…` flags this way, never globally).
    public var environment: [String: String] = [:]
    public var retry = RetryPolicy()
    /// When set, a run still going at this moment is ended (SIGTERM) and fails as
    /// `.network(…, "timed out")`, and no retry starts after it: `status --remotes` bounds
    /// each store this way, so one store that hangs cannot stall the whole chain.
    public var deadline: Date?

    /// Finds rclone: `$RESGATE_RCLONE`, else `rclone` on `$PATH`.
    public init(executable: String? = Rclone.locate(), configPath: String? = nil) {
        self.executable = executable
        self.configPath = configPath
    }

    public static func locate(_ env: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit = env["RESGATE_RCLONE"], !explicit.isEmpty {
            return FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil
        }
        for dir in (env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let p = String(dir) + "/rclone"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// Runs `rclone <command> <flags> -- <operands>` and returns its stdout.
    public func output(_ command: String, _ flags: [String] = [], _ operands: [RemotePath]) throws(CloudError) -> Data {
        try retrying { () throws(CloudError) -> Data in
            try self.runOnce(command, flags, operands.map(\.description), stdout: .memory)
        }
    }

    /// Runs a command whose output is not needed, with local paths allowed among the
    /// operands (`copyto LOCAL REMOTE:…`); retried like `output`.
    public func run(_ command: String, _ flags: [String] = [], operands: [String]) throws(CloudError) {
        try retrying { () throws(CloudError) in
            _ = try self.runOnce(command, flags, operands, stdout: .discard)
        }
    }

    /// Runs once (no retry) with stdout written to `handle`, calling `progress` with the
    /// bytes written so far. Used for `cat --offset`: on failure the bytes already written
    /// stay, so the caller can resume from there.
    public func stream(_ command: String, _ flags: [String], _ operand: RemotePath, into handle: FileHandle,
                       progress: (Int64) -> Void) throws(CloudError) {
        try withoutActuallyEscaping(progress) { (progress) throws(CloudError) in
            _ = try runOnce(command, flags, [operand.description], stdout: .file(handle, progress))
        }
    }

    func retrying<T>(_ body: () throws(CloudError) -> T) throws(CloudError) -> T {
        var attempt = 0
        while true {
            do { return try body() } catch {
                attempt += 1
                guard case .network = error, attempt < retry.attempts else { throw error }
                let wait = retry.delay(after: attempt)
                if let deadline, Date().addingTimeInterval(wait) >= deadline { throw error }
                Thread.sleep(forTimeInterval: wait)
            }
        }
    }

    /// Where a run's stdout goes.
    enum OutputSink {
        case discard
        case memory
        case file(FileHandle, (Int64) -> Void)
    }

    /// The flags every call gets: config, quiet logs, rclone's own retries kept low (we
    /// retry whole operations ourselves, with resume), bounded waits.
    var commonFlags: [String] {
        var f = ["--log-level", "ERROR", "--retries", "1", "--low-level-retries", "3", "--contimeout", "15s", "--timeout", "2m"]
        if let configPath { f += ["--config", configPath] }
        return f
    }

    func runOnce(_ command: String, _ flags: [String], _ operands: [String], stdout: OutputSink) throws(CloudError) -> Data {
        guard let executable else { throw .rcloneMissing }
        let arguments = [command] + flags + commonFlags + ["--"] + operands
        let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("resgate-rclone-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        guard let errHandle = try? FileHandle(forWritingTo: errFile) else {
            throw .local(path: errFile.path, .cannotCreateTemporaryFile)
        }
        defer { try? errHandle.close() }
        process.standardError = errHandle
        if let deadline, deadline <= Date() { throw .network(remote: operands.first ?? "", detail: "timed out") }
        do { try process.run() } catch { throw .rcloneMissing }
        let timer = DeadlineTimer(deadline: deadline, process: process)
        defer { timer.cancel() }
        let reader = pipe.fileHandleForReading
        var written: Int64 = 0
        var collected = Data()
        var writeFailure: String?
        while true {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            switch stdout {
            case .discard: break
            case .memory: collected.append(chunk)
            case .file(let handle, let progress):
                guard writeFailure == nil else { continue }
                do { try handle.write(contentsOf: chunk) } catch {
                    writeFailure = "\(error)"; process.terminate(); continue
                }
                written += Int64(chunk.count)
                progress(written)
            }
        }
        process.waitUntilExit()
        if let writeFailure { throw .local(path: "cache", .cannotWrite(reason: writeFailure)) }
        if timer.fired { throw .network(remote: operands.first ?? "", detail: "timed out") }
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let stderr = (try? String(contentsOf: errFile, encoding: .utf8)) ?? ""
            throw RcloneFailure.classify(status: process.terminationReason == .exit ? process.terminationStatus : -1,
                                         stderr: stderr, command: command, operands: operands)
        }
        return collected
    }
}

/// Ends a child process when a deadline passes; `fired` says whether it did.
final class DeadlineTimer: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    private var didFire = false
    private var item: DispatchWorkItem?

    init(deadline: Date?, process: Process) {
        guard let deadline else { return }
        let work = DispatchWorkItem { [weak self] in
            guard let self else { return }
            self.lock.lock(); defer { self.lock.unlock() }
            guard !self.done, process.isRunning else { return }
            self.didFire = true
            process.terminate()
            // a child that blocks or ignores SIGTERM (inherited signal mask) gets SIGKILL
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + 2) {
                self.lock.lock(); defer { self.lock.unlock() }
                if !self.done, process.isRunning { kill(pid, SIGKILL) }
            }
        }
        item = work
        DispatchQueue.global().asyncAfter(deadline: .now() + max(0, deadline.timeIntervalSinceNow), execute: work)
    }

    var fired: Bool { lock.lock(); defer { lock.unlock() }; return didFire }

    func cancel() {
        lock.lock(); done = true; lock.unlock()
        item?.cancel()
    }
}
