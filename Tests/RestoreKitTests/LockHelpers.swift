import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A lock held on a file by another process, the way the ERP under Wine or Samba holds
/// one: a POSIX record lock (`lockf`), an open file description lock, or a whole-file
/// `flock`. Released when `release()` is called (the helper process is ended).
final class ExternalLock {
    enum Kind: String { case posix, ofd, flock }
    let process = Process()

    init(_ path: String, kind: Kind) throws {
        let script = """
        import fcntl, os, struct, sys, time
        kind, path = sys.argv[1], sys.argv[2]
        fd = os.open(path, os.O_RDWR)
        if kind == 'posix':
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        elif kind == 'ofd':
            fcntl.fcntl(fd, fcntl.F_OFD_SETLK, struct.pack('hhqqi4x', fcntl.F_WRLCK, 0, 0, 0, 0))
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        print('locked', flush=True)
        time.sleep(120)
        """
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, kind.rawValue, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let line = pipe.fileHandleForReading.availableData
        guard String(decoding: line, as: UTF8.self).hasPrefix("locked") else {
            process.terminate()
            throw NSError(domain: "ExternalLock", code: 1, userInfo: [NSLocalizedDescriptionKey: "could not lock \(path)"])
        }
    }

    func release() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
    deinit { if process.isRunning { release() } }
}

/// The result of a command run in a child process.
struct ChildResult {
    var status: Int32
    var killedBySignal: Bool
    var stdout: String
    var stderr: String
}

/// Runs `args[0]` with the rest as arguments, optionally as another user (`setpriv`) or
/// with a file size limit (`ulimit -f`, in bytes) and SIGXFSZ at its default action and
/// unblocked (a test runner may ignore or block it; both survive exec).
func runChild(_ args: [String], asUser uid: Int? = nil, fileSizeLimit: Int? = nil,
              env: [String: String]? = nil) throws -> ChildResult {
    var argv = args
    if let limit = fileSizeLimit {
        let script = """
        import os, resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGXFSZ])
        resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), int(sys.argv[1])))
        os.execv(sys.argv[2], sys.argv[2:])
        """
        argv = ["/usr/bin/env", "python3", "-c", script, String(limit)] + argv
    }
    if let uid {
        argv = ["/usr/bin/setpriv", "--reuid=\(uid)", "--regid=\(uid)", "--clear-groups"] + argv
    }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: argv[0])
    p.arguments = Array(argv.dropFirst())
    if let env { p.environment = env }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return ChildResult(status: p.terminationStatus, killedBySignal: p.terminationReason == .uncaughtSignal,
                       stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

/// Owner, group and permission bits of a file.
func ownership(_ path: String) -> (uid: UInt32, gid: UInt32, mode: UInt32)? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return (st.st_uid, st.st_gid, st.st_mode & 0o7777)
}

/// Entries of `folder` (none when it does not exist).
func entries(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
}
