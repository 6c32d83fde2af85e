import Foundation
import ResgateLocale
import XBase

/// A zip archive read from its central directory, without extracting anything.
///
/// Written for hostile input: every offset and size is checked against the archive's size
/// before use, member names that would escape a folder are set aside as defects, and
/// members are inflated through `ZipMemberReader`, which stops at the declared size.
final class ZipArchive: @unchecked Sendable {
    let source: ByteSource
    /// The name used in defects (the zip's file name, or `OUTER.zip/T.ZIP` when nested).
    let displayName: String
    private(set) var entries: [ZipEntry] = []
    /// Names refused as unsafe and other findings that do not stop reading.
    private(set) var defects: [Defect] = []

    /// A set holds a few files per table: more members, or a larger directory, is refused
    /// before anything is held in memory for them.
    static let maxMembers = 65_535
    static let maxDirectoryBytes = 16 << 20
    static let maxDefects = 1_000

    init(source: ByteSource, displayName: String) throws(BackupSetError) {
        self.source = source
        self.displayName = displayName
        do { try readDirectory() } catch let e as BackupSetError { throw e } catch {
            throw BackupSetError(corrupt(.described(Cause(error))))
        }
    }

    convenience init(path: String, displayName: String? = nil) throws(BackupSetError) {
        let src: FileByteSource
        do { src = try FileByteSource(path: path) } catch {
            throw BackupSetError(Defect(.unreadableSet, file: path, .zip(.cannotOpen(reason: Cause(error)))))
        }
        try self.init(source: src, displayName: displayName ?? (path as NSString).lastPathComponent)
    }

    func corrupt(_ damage: ZipDamage) -> Defect {
        Defect(.corruptZip, file: displayName, .zip(.damaged(damage)))
    }

    private func readDirectory() throws {
        let size = source.size
        guard size >= 22 else { throw BackupSetError(corrupt(.tooShort(bytes: size))) }
        let tailLength = min(size, 22 + 65_535 + 20)
        let tail = try source.bytes(at: size - tailLength, count: tailLength)
        var eocd = -1
        var i = tail.count - 22
        while i >= 0 {
            if tail[i] == 0x50, tail[i + 1] == 0x4B, tail[i + 2] == 0x05, tail[i + 3] == 0x06 { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0 else {
            throw BackupSetError(corrupt(.noEndRecord))
        }
        var count = le16(tail, eocd + 10)
        var cdSize = le32(tail, eocd + 12)
        var cdOffset = le32(tail, eocd + 16)
        // ZIP64: a locator sits just before the end record
        if eocd >= 20, tail[eocd - 20] == 0x50, tail[eocd - 19] == 0x4B, tail[eocd - 18] == 0x06, tail[eocd - 17] == 0x07 {
            let z64 = le64(tail, eocd - 20 + 8)
            let rec = try source.bytes(at: z64, count: 56)
            guard rec.count == 56, le32(rec, 0) == 0x0606_4B50 else {
                throw BackupSetError(corrupt(.badZip64EndRecord))
            }
            count = le64(rec, 32); cdSize = le64(rec, 40); cdOffset = le64(rec, 48)
        }
        guard cdOffset >= 0, cdSize >= 0, cdOffset <= size, cdSize <= size - cdOffset, count >= 0, count <= cdSize / 46 + 1,
              cdSize <= Self.maxDirectoryBytes else {
            throw BackupSetError(corrupt(.directoryOutside(offset: cdOffset, size: cdSize, fileSize: size)))
        }
        guard count <= Self.maxMembers else {
            throw BackupSetError(corrupt(.tooManyMembers(count: count, max: Self.maxMembers)))
        }
        let cd = try source.bytes(at: cdOffset, count: cdSize)
        var p = 0
        var seen = Set<String>()
        for n in 0..<count {
            guard p + 46 <= cd.count, le32(cd, p) == 0x0201_4B50 else {
                throw BackupSetError(corrupt(.directoryEntryDamaged(n + 1)))
            }
            let flags = le16(cd, p + 8)
            let nameLen = le16(cd, p + 28), extraLen = le16(cd, p + 30), commentLen = le16(cd, p + 32)
            guard p + 46 + nameLen + extraLen + commentLen <= cd.count else {
                throw BackupSetError(corrupt(.directoryEntryCut(n + 1)))
            }
            let nameBytes = Array(cd[(p + 46)..<(p + 46 + nameLen)])
            var name = flags & 0x800 != 0 ? String(decoding: nameBytes, as: UTF8.self) : CodePage.cp437.decode(nameBytes)
            name = name.replacingOccurrences(of: "\\", with: "/")
            var usize = le32(cd, p + 24), csize = le32(cd, p + 20), offset = le32(cd, p + 42)
            // ZIP64 extra field: the 0xFFFFFFFF values, in this order
            var e = p + 46 + nameLen
            let eEnd = e + extraLen
            while e + 4 <= eEnd {
                let id = le16(cd, e), len = le16(cd, e + 2)
                if id == 0x0001 {
                    var q = e + 4
                    if usize == 0xFFFF_FFFF, q + 8 <= e + 4 + len { usize = le64(cd, q); q += 8 }
                    if csize == 0xFFFF_FFFF, q + 8 <= e + 4 + len { csize = le64(cd, q); q += 8 }
                    if offset == 0xFFFF_FFFF, q + 8 <= e + 4 + len { offset = le64(cd, q); q += 8 }
                }
                e += 4 + len
            }
            let entry = ZipEntry(name: name, method: le16(cd, p + 10), compressedSize: csize,
                                 uncompressedSize: usize, crc32: UInt32(le32(cd, p + 16)),
                                 localHeaderOffset: offset,
                                 modified: ZipEntry.dosDate(date: le16(cd, p + 14), time: le16(cd, p + 12)),
                                 isEncrypted: flags & 1 != 0, nameBytes: nameBytes)
            p += 46 + nameLen + extraLen + commentLen
            if let why = ZipEntry.unsafeReason(name) {
                note(Defect(.unsafeMemberName, file: displayName, .zip(.unsafeName(member: name, why))))
                continue
            }
            if usize < 0 || csize < 0 || offset < 0 || offset >= size || csize > size - offset {
                note(corrupt(.memberOutside(name)))
                continue
            }
            if !seen.insert(name.lowercased()).inserted {
                note(Defect(.duplicateMember, file: displayName, .zip(.duplicateMember(name))))
                continue
            }
            entries.append(entry)
        }
        let (kept, refused) = try ZipLayout.check(entries, source: source, directoryStart: cdOffset, displayName: displayName)
        entries = kept
        for d in refused { note(d) }
        if omittedDefects > 0 {
            defects.append(corrupt(.moreRefused(omitted: omittedDefects, listed: Self.maxDefects)))
        }
    }

    /// Members refused beyond `maxDefects`, counted only.
    private var omittedDefects = 0

    private func note(_ d: Defect) {
        if defects.count < Self.maxDefects { defects.append(d) } else { omittedDefects += 1 }
    }

    /// Where a member's compressed bytes start (after its local header).
    func dataOffset(of entry: ZipEntry) throws(BackupSetError) -> Int {
        let h: [UInt8]
        do { h = try source.bytes(at: entry.localHeaderOffset, count: 30) } catch {
            throw BackupSetError(corrupt(.localHeaderUnreadable(entry.name)))
        }
        guard h.count == 30, le32(h, 0) == 0x0403_4B50 else {
            throw BackupSetError(corrupt(.localHeaderDamaged(entry.name)))
        }
        let start = entry.localHeaderOffset + 30 + le16(h, 26) + le16(h, 28)
        guard start <= source.size, entry.compressedSize <= source.size - start else {
            throw BackupSetError(corrupt(.dataPastEnd(entry.name)))
        }
        return start
    }
}
