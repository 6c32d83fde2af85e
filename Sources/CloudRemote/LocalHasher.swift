import Crypto
import Foundation

/// Hashes a local file in fixed-size chunks (bounded memory) with one of the hash kinds
/// remotes offer through rclone, to compare a transferred copy with the remote's own hash.
public enum LocalHasher {
    /// Kinds we can compute, strongest first; the first one a remote offers is used.
    public static let supported = ["sha256", "sha1", "md5"]

    /// The strongest kind both sides have, with the remote's value.
    public static func choose(from remote: [String: String]) -> (kind: String, value: String)? {
        for k in supported { if let v = remote[k], !v.isEmpty { return (k, v) } }
        return nil
    }

    /// Lowercase hex digest of the file, or nil for a kind not in `supported`.
    public static func hash(_ path: String, kind: String) throws(CloudError) -> String? {
        switch kind {
        case "sha256": var h = SHA256(); try feed(path) { h.update(data: $0) }; return hex(h.finalize())
        case "sha1": var h = Insecure.SHA1(); try feed(path) { h.update(data: $0) }; return hex(h.finalize())
        case "md5": var h = Insecure.MD5(); try feed(path) { h.update(data: $0) }; return hex(h.finalize())
        default: return nil
        }
    }

    private static func feed(_ path: String, _ body: (Data) -> Void) throws(CloudError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .local(path: path, .cannotRead) }
        defer { try? handle.close() }
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 1 << 20) } catch { throw .local(path: path, .foreign("\(error)")) }
            guard let chunk, !chunk.isEmpty else { return }
            body(chunk)
        }
    }

    private static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
