/// Decides whether a character tag may be rebuilt in byte (MACHINE) order.
///
/// Harbour under PTISO/PT850 and VFP under GENERAL keep character keys in a national
/// order. Rebuilding such a tag in byte order would make that engine mis-seek, so we only
/// rebuild when the original proves byte order, or when nothing national can be at stake.
enum CollationGuard {
    /// What a walk of the original tag showed: whether it could be walked at all, and
    /// whether its (key, record) entries ever go backwards in byte order.
    struct Observation: Sendable {
        var readable = true
        var backwards = false
    }

    /// `seen` is the observation of a walk already made (the old-index check's); without
    /// it the original tag is walked here.
    static func check(template: CDXFile, builder: TagKeyBuilder, keys: EntryRuns,
                      seen observed: Observation? = nil) throws(CDXError) {
        let o = observed ?? observe(template: template, builder: builder)
        let tag = builder.tag
        if !o.readable {
            // The original cannot be read. A Harbour-written file with accented keys may
            // have been national; VFP and plain-ASCII keys sort the same either way.
            let harbour = template.directory.raw[20..<24].elementsEqual([0x52, 0x43, 0x48, 0x42])
            if harbour, try keys.hasHighBytes() {
                throw .unsupportedCollation(file: template.path, tag: tag.name,
                                            collation: "unknown (the Harbour-written tag is damaged and its keys hold accented letters)")
            }
            return
        }
        if o.backwards {
            throw .unsupportedCollation(file: template.path, tag: tag.name, collation: "national (the original keys are not in byte order)")
        }
    }

    static func observe(template: CDXFile, builder: TagKeyBuilder) -> Observation {
        let tag = builder.tag
        let len = tag.keyLength
        let previous = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, len))
        defer { previous.deallocate() }
        var previousRecno: UInt32 = 0
        var seen = false
        var disorder = false
        do {
            try template.forEachEntryRaw(of: tag, fill: builder.kind.fill) { k, r in
                if seen {
                    let c = memcmpRaw(previous, k, len)
                    if c > 0 || (c == 0 && previousRecno > r) { disorder = true }
                }
                previous.update(from: k, count: len); previousRecno = r; seen = true
            }
        } catch {
            return Observation(readable: false, backwards: disorder)
        }
        return Observation(readable: true, backwards: disorder)
    }

    static func compareBytes(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}
