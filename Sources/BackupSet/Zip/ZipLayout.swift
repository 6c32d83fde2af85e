import ResgateLocale

/// Where each member's bytes lie in a zip, checked against its local header.
///
/// The central directory alone can point many names at one compressed block: each member
/// then passes every per-member limit while together they inflate to gigabytes (40 names
/// over one 64 MiB block made a 245 KB set restore a 2.57 GB table). In an honest zip every
/// member's local header and data come one after the other, never sharing a byte, all
/// before the central directory, and each local header names its member as the directory
/// does. A zip that breaks this is refused whole; a member whose local header is damaged is
/// set aside as a defect.
enum ZipLayout {
    struct Span {
        var entry: ZipEntry
        var start: Int
        var end: Int
    }

    /// The members that are laid out soundly, and defects for those set aside. Throws when
    /// members overlap one another or the central directory.
    static func check(_ entries: [ZipEntry], source: ByteSource, directoryStart: Int,
                      displayName: String) throws(BackupSetError) -> ([ZipEntry], [Defect]) {
        var spans: [Span] = []
        var refused: [Defect] = []
        var misnamed = Set<Int>()
        func corrupt(_ damage: ZipDamage) -> Defect {
            Defect(.corruptZip, file: displayName, .zip(.damaged(damage)))
        }
        spans.reserveCapacity(entries.count)
        for e in entries {
            // offset < size and csize <= size - offset were checked with the directory
            let h: [UInt8]
            do { h = try source.bytes(at: e.localHeaderOffset, count: 30 + e.nameBytes.count) } catch {
                refused.append(corrupt(.localHeaderUnreadable(e.name)))
                continue
            }
            guard h.count == 30 + e.nameBytes.count, le32(h, 0) == 0x0403_4B50 else {
                refused.append(corrupt(.localHeaderDamaged(e.name)))
                continue
            }
            let start = e.localHeaderOffset + 30 + le16(h, 26) + le16(h, 28)
            let end = start + e.compressedSize
            guard end <= directoryStart else {
                throw BackupSetError(Defect(.zipBomb, file: displayName, .zip(.memberOverlapsDirectory(member: e.name))))
            }
            spans.append(Span(entry: e, start: e.localHeaderOffset, end: end))
            if le16(h, 26) != e.nameBytes.count || !h[30...].elementsEqual(e.nameBytes) {
                misnamed.insert(e.localHeaderOffset)
            }
        }
        let ordered = spans.sorted { $0.start < $1.start }
        for (a, b) in zip(ordered, ordered.dropFirst()) where a.end > b.start {
            throw BackupSetError(Defect(.zipBomb, file: displayName, .zip(.membersShareBytes(a.entry.name, b.entry.name))))
        }
        for e in entries where misnamed.contains(e.localHeaderOffset) {
            refused.append(corrupt(.localHeaderNamesAnother(e.name)))
        }
        // the directory's order, as before
        let keep = Set(spans.map(\.entry.localHeaderOffset)).subtracting(misnamed)
        return (entries.filter { keep.contains($0.localHeaderOffset) }, refused)
    }
}
