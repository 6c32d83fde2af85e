import Foundation

/// A fresh temporary folder for one test, removed when the last copy of it goes away, so a
/// suite run leaves nothing behind in /tmp (set `RESGATE_KEEP_TEMP=1` to keep them for a
/// post-mortem).
public final class TempFolder: @unchecked Sendable {
    public let path: String

    /// `prefix` names the test family in the folder name (`rktest-…`), for a human reading /tmp.
    public init(_ prefix: String = "resgate-test") throws {
        path = NSTemporaryDirectory() + prefix + "-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// `path/relative`, with the intermediate folders created.
    public func folder(_ relative: String) throws -> String {
        let p = path + "/" + relative
        try FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        return p
    }

    deinit {
        if ProcessInfo.processInfo.environment["RESGATE_KEEP_TEMP"] != "1" {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}

extension TempFolder {
    /// A fresh folder for a test that keeps only its path: it lives inside one folder per
    /// test process, removed when the process exits (unless `RESGATE_KEEP_TEMP=1`).
    public static func scratch(_ prefix: String = "t") throws -> String {
        let p = scratchPath(prefix)
        try FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        return p
    }

    /// Like `scratch`, but only the path: the caller creates the folder (or a file) there.
    public static func scratchPath(_ prefix: String = "t") -> String {
        Scratch.parent + "/" + prefix + "-" + UUID().uuidString
    }
}

private enum Scratch {
    static let parent: String = {
        let p = NSTemporaryDirectory() + "resgate-tests-\(getpid())"
        try? FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        if ProcessInfo.processInfo.environment["RESGATE_KEEP_TEMP"] != "1" {
            atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "resgate-tests-\(getpid())") }
        }
        return p
    }()
}
