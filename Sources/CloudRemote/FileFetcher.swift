import Foundation

/// Downloads one remote file into a `.part` file with `rclone cat --offset`, so a broken
/// connection resumes where it stopped instead of starting over (a store's uplink may
/// take an hour for a big set). The part is checked for size and, when the remote offers
/// one, hash; a part that fails either is deleted, never renamed into use.
struct FileFetcher {
    var rclone: Rclone

    /// What a fetch did.
    struct Outcome {
        /// Bytes that were already in the part file when this fetch began.
        var resumedFrom: Int64
        /// The hash kind checked, nil when the remote offers none we can compute.
        var hashChecked: String?
    }

    /// Fills `part` with `remote`'s bytes and checks them; `progress` gets the bytes so far.
    /// The caller guarantees a part already there belongs to this same remote version.
    func fetch(_ remote: RemotePath, entry: RemoteEntry, part: String, progress: (Int64) -> Void) throws(CloudError) -> Outcome {
        let fm = FileManager.default
        var have = Self.size(of: part)
        if entry.size < 0 || have > entry.size {
            // unknown size cannot be resumed safely; a longer part is not ours
            try? fm.removeItem(atPath: part)
            have = 0
        }
        let resumedFrom = have
        var failures = 0
        // an empty remote file still gets its (empty) local file
        if !fm.fileExists(atPath: part) { _ = fm.createFile(atPath: part, contents: nil) }
        while entry.size < 0 || have < entry.size {
            if !fm.fileExists(atPath: part) { _ = fm.createFile(atPath: part, contents: nil) }
            guard let handle = FileHandle(forWritingAtPath: part) else { throw .local(path: part, .cannotWrite(reason: nil)) }
            let start = have
            var failure: CloudError?
            do {
                _ = try handle.seekToEnd()
                try rclone.stream("cat", have > 0 ? ["--offset", String(have)] : [], remote, into: handle) { n in
                    progress(start + n)
                }
            } catch let e as CloudError {
                failure = e
            } catch {
                failure = .local(path: part, .foreign("\(error)"))
            }
            try? handle.synchronize()
            try? handle.close()
            have = Self.size(of: part)
            if entry.size < 0 && failure == nil { break }
            if let failure {
                guard case .network = failure else { throw failure }
            } else if have < entry.size {
                // rclone ended cleanly but short: the connection dropped without an error
                failure = .network(remote: remote.remote, detail: "transfer ended at \(have) of \(entry.size) bytes")
            }
            guard let failure else { continue }
            // progress made resets the count: only attempts that moved nothing run out
            failures = have > start ? 1 : failures + 1
            guard failures < rclone.retry.attempts else { throw failure }
            Thread.sleep(forTimeInterval: rclone.retry.delay(after: failures))
        }
        if entry.size >= 0 && have != entry.size {
            try? fm.removeItem(atPath: part)
            throw .sizeMismatch(path: remote.description, expected: entry.size, actual: have)
        }
        var checked: String?
        if let (kind, expected) = LocalHasher.choose(from: entry.hashes) {
            let actual = try LocalHasher.hash(part, kind: kind)
            guard actual == expected else {
                try? fm.removeItem(atPath: part)
                throw .hashMismatch(path: remote.description, kind: kind)
            }
            checked = kind
        }
        return Outcome(resumedFrom: resumedFrom, hashChecked: checked)
    }

    static func size(of path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
