import Crypto
import Foundation
import ResgateLocale
import XBase

/// Writes a backup set in the canonical variant from a data folder: every table's members
/// into a staging folder beside the destination, `manifest.json` with sizes, SHA-256 and
/// record counts, then either the folder renamed into place or a zip (members deflated in
/// parallel) written to a temporary name and renamed when complete.
public struct BackupWriter {
    public var dataFolder: String
    public var root: String
    public var name: String?
    public var tables: [String] = []
    public var asFolder = false
    public var partBytes = 32 << 20
    public var tool = "resgate 0.1.0"

    public struct Report: Sendable {
        public var path: String
        public var tables: [(name: String, records: Int)]
        public var skipped: [Defect]
    }

    /// No room to write the set (disk full, quota, `ulimit -f`) while `file` was being
    /// written into `root`: the whole backup stops, its staging and partial zip removed.
    public struct NoRoom: Error, Sendable, CustomStringConvertible {
        public var file: String
        public var root: String
        public var cause: OutOfSpace
        public var description: String { "\(file) in \(root): \(cause.cause)" }
    }

    public init(dataFolder: String, root: String) { self.dataFolder = dataFolder; self.root = root }

    /// `error` as `NoRoom` when it is a write that found no room; `file` names what was
    /// being written when the error itself does not.
    func noRoom(_ error: any Error, writing file: String) -> NoRoom? {
        if let e = error as? NoRoom { return e }
        guard let c = OutOfSpace.find(in: error) else { return nil }
        return NoRoom(file: c.file.map { ($0 as NSString).lastPathComponent } ?? file, root: root, cause: c)
    }

    /// The DBF files of the data folder, by table name (file name without extension).
    public static func liveTables(in folder: String) -> [(name: String, path: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.lowercased().hasSuffix(".dbf") }.sorted().map { (String($0.dropLast(4)), folder + "/" + $0) }
    }

    public func write(progress: ((String, Int, Int) -> Void)? = nil) throws -> Report {
        let setName = name ?? Slot(date: Date()).name
        let stagingDir = root + "/." + setName + ".staging-\(getpid())"
        try? FileManager.default.removeItem(atPath: stagingDir)
        try FileManager.default.createDirectory(atPath: stagingDir, withIntermediateDirectories: true)
        var keepStaging = false
        defer { if !keepStaging { try? FileManager.default.removeItem(atPath: stagingDir) } }
        var chosen = Self.liveTables(in: dataFolder)
        if !tables.isEmpty {
            let wanted = Set(tables.map { $0.lowercased() })
            chosen = chosen.filter { wanted.contains($0.name.lowercased()) }
            for t in tables where !chosen.contains(where: { $0.name.lowercased() == t.lowercased() }) {
                throw BackupSetError(Defect(.missingStructure, table: t, .backup(.tableNotFound(folder: dataFolder))))
            }
        }
        let pipeline = MemberPipeline(deflate: !asFolder)
        // no room: wait for the deflates still running into the staging folder (the defer
        // above then removes all of it), and stop the whole backup
        func stop(_ error: any Error, writing file: String) -> any Error {
            _ = try? pipeline.finish()
            return noRoom(error, writing: file) ?? error
        }
        var exported: [(name: String, result: TableExporter.Result)] = []
        var done: [(String, Int)] = []
        var skipped: [Defect] = []
        for (tname, path) in chosen {
            let table: DBFTable
            do { table = try DBFTable.open(path: path) } catch {
                skipped.append(Defect(.unreadableSet, table: tname, file: path,
                                      .backup(.unreadableTableLeftOut(reason: Cause(error)))))
                continue
            }
            var exporter = TableExporter(table: table, name: tname, staging: stagingDir)
            exporter.partBytes = partBytes
            exporter.onFile = { pipeline.submit($0) }
            let total = table.recordCount
            let r: TableExporter.Result
            do { r = try exporter.export { progress?(tname, $0, total) } } catch let e as BackupSetError {
                skipped += e.defects; continue
            } catch {
                // a full disk is not the table's fault: no set with tables missing
                if let full = noRoom(error, writing: tname + ".TXT") { throw stop(full, writing: full.file) }
                skipped.append(Defect(.badValue, table: tname, file: path,
                                      .backup(.tableLeftOut(reason: Cause(error)))))
                continue
            }
            progress?(tname, r.records, total)
            exported.append((tname, r))
            done.append((tname, r.records))
        }
        let compressed: [String: ZipWriter.Compressed]
        do { compressed = try pipeline.finish() } catch { throw stop(error, writing: setName + ".zip") }
        var manifestTables: [Manifest.Table] = []
        var members: [ZipWriter.Compressed] = []
        for (tname, r) in exported {
            var files: [Manifest.File] = []
            for f in r.files {
                guard let c = compressed[f.path] else { throw CocoaError(.fileWriteUnknown) }
                files.append(.init(name: f.name, bytes: c.size, sha256: c.sha256))
                members.append(c)
                if asFolder, f.path != stagingDir + "/" + f.name {
                    try FileManager.default.moveItem(atPath: f.path, toPath: stagingDir + "/" + f.name)
                }
            }
            manifestTables.append(.init(name: tname, records: r.records, codepage: r.codePage, files: files))
        }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = .current
        let manifest = Manifest(format: Manifest.formatName, created: formatter.string(from: Date()),
                                source: dataFolder, tool: tool, tables: manifestTables)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do { try encoder.encode(manifest).write(to: URL(fileURLWithPath: stagingDir + "/manifest.json")) } catch {
            throw stop(error, writing: "manifest.json")
        }
        let dest: String
        if asFolder {
            // only the set's own files stay: discarded attempts and work files go
            let keep = Set(members.map(\.name) + ["manifest.json"])
            for f in (try? FileManager.default.contentsOfDirectory(atPath: stagingDir)) ?? [] where !keep.contains(f) {
                try? FileManager.default.removeItem(atPath: stagingDir + "/" + f)
            }
            dest = root + "/" + setName
            let old = dest + ".old-\(getpid())"
            if FileManager.default.fileExists(atPath: dest) { try FileManager.default.moveItem(atPath: dest, toPath: old) }
            try FileManager.default.moveItem(atPath: stagingDir, toPath: dest)
            keepStaging = true
            try? FileManager.default.removeItem(atPath: old)
        } else {
            dest = root + "/" + setName + ".zip"
            do {
                let manifestMember = try ZipWriter.deflateFile(.init(name: "manifest.json", path: stagingDir + "/manifest.json"),
                                                               level: 6, tempBase: stagingDir + "/manifest.json.deflated")
                try ZipWriter.assemble(members + [manifestMember], to: dest)
            } catch {
                throw noRoom(error, writing: setName + ".zip") ?? error
            }
        }
        return Report(path: dest, tables: done, skipped: skipped)
    }

    static func sha256(file: String) throws -> String {
        guard let h = FileHandle(forReadingAtPath: file) else { throw CocoaError(.fileReadNoSuchFile) }
        defer { try? h.close() }
        var sha = SHA256()
        while let d = try h.read(upToCount: 4 << 20), !d.isEmpty { sha.update(data: d) }
        return sha.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
