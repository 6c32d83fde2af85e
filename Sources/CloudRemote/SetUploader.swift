import Foundation

/// Puts a local set on a remote root without ever showing a half set under a set's name:
/// upload under a hidden temporary name, compare sizes (and hashes when the remote has
/// them) file by file, then rename into place. Last week's set of the same slot stays
/// whole until the new one is checked.
public struct SetUploader: Sendable {
    public var rclone: Rclone
    public init(rclone: Rclone = Rclone()) { self.rclone = rclone }

    public struct Report: Sendable {
        public var path: RemotePath
        public var bytes: Int64
        /// Hash kinds compared (empty: the remote offers none we compute, sizes only).
        public var hashesChecked: [String]
    }

    /// Uploads the set at `local` (a `.zip` file or a folder) into `root`, keeping its name.
    public func upload(_ local: String, to root: RemotePath) throws(CloudError) -> Report {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: local, isDirectory: &isDir) else {
            throw .local(path: local, .doesNotExist)
        }
        let name = (local as NSString).lastPathComponent
        let final = try root.appending(name)
        let temporary = try root.appending("." + name + ".partial")
        let sets = RemoteSets(rclone: rclone)
        // a temporary left by an interrupted upload is ours to replace
        try remove(temporary, folder: isDir.boolValue, ifPresent: true)
        // absolute, so rclone never reads a local `name:with/colon` as a remote
        let absolute = URL(fileURLWithPath: local).standardizedFileURL.path
        try rclone.run(isDir.boolValue ? "copy" : "copyto", [], operands: [absolute, temporary.description])
        let localFiles = isDir.boolValue ? try Self.files(in: local) : [("", local)]
        var kinds = Set<String>()
        do throws(CloudError) {
            let remoteFiles: [RemoteEntry] = isDir.boolValue
                ? try sets.list(temporary, recursive: true, hashes: true, filesOnly: true)
                : [try sets.stat(temporary, hashes: true)].compactMap { $0 }
            let byPath = Dictionary(remoteFiles.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
            for (relative, path) in localFiles {
                let shown = relative.isEmpty ? final.description : final.description + "/" + relative
                let remoteEntry = isDir.boolValue ? byPath[relative] : remoteFiles.first
                guard let remoteEntry else { throw CloudError.notFound(path: shown) }
                let size = FileFetcher.size(of: path)
                guard remoteEntry.size == size else { throw CloudError.sizeMismatch(path: shown, expected: size, actual: remoteEntry.size) }
                if let (kind, value) = LocalHasher.choose(from: remoteEntry.hashes) {
                    guard try LocalHasher.hash(path, kind: kind) == value else { throw CloudError.hashMismatch(path: shown, kind: kind) }
                    kinds.insert(kind)
                }
            }
            if isDir.boolValue, remoteFiles.count != localFiles.count {
                throw CloudError.rcloneFailed(arguments: "copy", detail: "\(remoteFiles.count) files arrived, \(localFiles.count) sent")
            }
        } catch {
            try? remove(temporary, folder: isDir.boolValue, ifPresent: true)
            throw error
        }
        if isDir.boolValue {
            // a folder cannot be replaced by a rename onto it: old one aside, new in, old out
            let aside = try root.appending("." + name + ".old")
            try remove(aside, folder: true, ifPresent: true)
            if try sets.stat(final) != nil { try rclone.run("moveto", [], operands: [final.description, aside.description]) }
            try rclone.run("moveto", [], operands: [temporary.description, final.description])
            try remove(aside, folder: true, ifPresent: true)
        } else {
            try rclone.run("moveto", [], operands: [temporary.description, final.description])
        }
        let bytes = localFiles.reduce(Int64(0)) { $0 + FileFetcher.size(of: $1.1) }
        guard let placed = try sets.stat(final), placed.isDir || placed.size == bytes else {
            throw .notFound(path: final.description)
        }
        return Report(path: final, bytes: bytes, hashesChecked: kinds.sorted())
    }

    func remove(_ path: RemotePath, folder: Bool, ifPresent: Bool) throws(CloudError) {
        if ifPresent, try RemoteSets(rclone: rclone).stat(path) == nil { return }
        do {
            try rclone.run(folder ? "purge" : "deletefile", [], operands: [path.description])
        } catch {
            if case .notFound = error, ifPresent { return }
            throw error
        }
    }

    /// Every file under a local folder: (relative path, full path).
    static func files(in folder: String) throws(CloudError) -> [(String, String)] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { throw .local(path: folder, .cannotRead) }
        var result: [(String, String)] = []
        while let relative = walker.nextObject() as? String {
            var isDir: ObjCBool = false
            let full = folder + "/" + relative
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue { result.append((relative, full)) }
        }
        return result.sorted { $0.0 < $1.0 }
    }
}
