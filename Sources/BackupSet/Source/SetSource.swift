import Crypto
import Foundation
import ResgateLocale
import XBase

/// Whether a set is a zip archive or an already extracted folder.
public enum SetKind: String, Sendable, Codable { case zip, folder }

/// One file of a set, wherever it lives.
public struct SetMember: Sendable, Hashable {
    /// The name inside the set (top folder removed), as stored.
    public var name: String
    public var size: Int
    public var modified: Date?
    var zipEntry: ZipEntry?
    var filePath: String?
    /// Lower-cased name, for case-insensitive matching.
    public var key: String { name.lowercased() }
}

/// The files of a set (zip or folder) and byte streams over them. Nothing is extracted.
final class SetSource: @unchecked Sendable {
    let path: String
    let kind: SetKind
    let displayName: String
    private(set) var members: [SetMember] = []
    /// Findings of opening the set (unsafe names, nested folders…).
    private(set) var defects: [Defect] = []
    let archive: ZipArchive?
    var limits = ZipLimits()

    init(path: String) throws(BackupSetError) {
        self.path = path
        displayName = (path as NSString).lastPathComponent
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw BackupSetError(Defect(.unreadableSet, file: path, .set(.doesNotExist)))
        }
        if isDir.boolValue {
            kind = .folder
            archive = nil
            members = try Self.listFolder(path)
            if !members.contains(where: { $0.name.contains(".") }) {
                // an extracted zip may hold one top folder with the files in it
                let subs = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                let dirs = subs.filter { var d: ObjCBool = false
                    return FileManager.default.fileExists(atPath: path + "/" + $0, isDirectory: &d) && d.boolValue }
                if dirs.count == 1, members.isEmpty { members = try Self.listFolder(path + "/" + dirs[0]) }
            }
        } else {
            kind = .zip
            let zip = try ZipArchive(path: path)
            archive = zip
            defects = zip.defects
            members = Self.strippingTopFolder(zip.entries.filter { !$0.isDirectory }, defects: &defects, set: displayName)
        }
    }

    private static func listFolder(_ dir: String) throws(BackupSetError) -> [SetMember] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: dir) } catch {
            throw BackupSetError(Defect(.unreadableSet, file: dir, .set(.cannotListFolder)))
        }
        var out: [SetMember] = []
        for n in names.sorted() {
            let full = dir + "/" + n
            guard let attrs = try? FileManager.default.attributesOfItem(atPath: full),
                  attrs[.type] as? FileAttributeType == .typeRegular else { continue }
            out.append(SetMember(name: n, size: (attrs[.size] as? NSNumber)?.intValue ?? 0,
                                 modified: attrs[.modificationDate] as? Date, zipEntry: nil, filePath: full))
        }
        return out
    }

    /// Members sit at the zip's root or under one top folder; deeper files are not members.
    private static func strippingTopFolder(_ entries: [ZipEntry], defects: inout [Defect], set: String) -> [SetMember] {
        let tops = Set(entries.map { e -> String in
            let parts = e.name.split(separator: "/", maxSplits: 1)
            return parts.count > 1 ? String(parts[0]) : ""
        })
        let prefix = (tops.count == 1 && !tops.contains("")) ? tops.first! + "/" : ""
        var out: [SetMember] = []
        for e in entries {
            let rel = String(e.name.dropFirst(prefix.count))
            if rel.contains("/") {
                defects.append(Defect(.unknownFile, file: set + ":" + e.name, .set(.fileInSubfolder)))
                continue
            }
            out.append(SetMember(name: rel, size: e.uncompressedSize, modified: e.modified, zipEntry: e, filePath: nil))
        }
        return out
    }

    func member(named name: String) -> SetMember? {
        let k = name.lowercased()
        return members.first { $0.key == k }
    }

    /// The name used in defects: the member's name inside the set.
    func fileName(_ m: SetMember) -> String { m.name }

    /// Streams a member's bytes in chunks of about 1 MB. `concurrent` inflates on a second
    /// thread (worth it for big members). `digest`, when given, gets the SHA-256 of the
    /// member's bytes (hex) once the whole member has been streamed and proven (size,
    /// CRC-32), computed on the way: `verify` checks the manifest without reading it again.
    func stream(_ m: SetMember, concurrent: Bool = false, digest: ((String) -> Void)? = nil,
                _ consume: (UnsafeRawBufferPointer) throws -> Void) throws {
        if let e = m.zipEntry, let archive {
            var r = ZipMemberReader(archive: archive, entry: e)
            r.limits = limits
            r.fileName = m.name
            let hashing = digest != nil
            let hex = concurrent && e.uncompressedSize > (4 << 20)
                ? try r.readConcurrently(hashing: hashing, consume) : try r.read(hashing: hashing, consume)
            if let hex { digest?(hex) }
            return
        }
        guard let p = m.filePath else { return }
        let reader: FileHandleReader
        do { reader = try FileHandleReader(path: p) } catch {
            throw BackupSetError(Defect(.unreadableSet, file: m.name, .set(.cannotOpen)))
        }
        let buf = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buf.deallocate() }
        var off = 0
        var sha: SHA256? = digest != nil ? SHA256() : nil
        while true {
            let n = try reader.read(into: buf, at: off)
            if n == 0 { break }
            sha?.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buf[0..<n]))
            try consume(UnsafeRawBufferPointer(rebasing: buf[0..<n]))
            off += n
        }
        if let sha { digest?(ZipMemberReader.hex(sha.finalize())) }
    }

    /// A whole member in memory, refused past `limit` bytes.
    func readAll(_ m: SetMember, limit: Int = 4 << 20) throws -> [UInt8] {
        if m.size > limit {
            throw BackupSetError(Defect(.zipBomb, file: m.name, .set(.largerThan(limit))))
        }
        var out: [UInt8] = []
        out.reserveCapacity(m.size)
        try stream(m) { chunk in
            guard out.count + chunk.count <= limit else {
                throw BackupSetError(Defect(.zipBomb, file: m.name, .set(.largerThan(limit))))
            }
            out.append(contentsOf: chunk)
        }
        return out
    }
}
