import ResgateLocale
import Foundation

/// The last guard before an index is replaced: when the old tag and the keys we compute
/// share (almost) no entry, the likelier fault is ours (an expression detail, a field
/// resolved wrongly, a collation), not an index that FoxPro kept up to date. Such a tag
/// is neither judged damaged nor rebuilt; the file stays as it is and the reason is told.
///
/// An index that is merely out of date still shares most entries with the records; one
/// that is structurally broken fails its walk instead and is rebuilt as before.
public enum KeySafetyNet {
    /// Below this many entries on either side, agreement says too little to refuse.
    public static let minimumEntries = 3
    /// Refuse when fewer than 1 in `agreementDivisor` entries are shared (under 10 %).
    public static let agreementDivisor = 10

    /// The reason to refuse, or nil when the old index agrees enough to be judged.
    public static func refusal(indexEntries: Int, recordEntries: Int, shared: Int) -> IndexFinding? {
        let n = min(indexEntries, recordEntries)
        guard n >= minimumEntries, shared.multipliedReportingOverflow(by: agreementDivisor).partialValue < n else { return nil }
        return .keysDisagree(shared: shared, indexEntries: indexEntries, recordEntries: recordEntries)
    }

    /// A VFP 9 binary index tag: 1-byte logical key whose pages do not walk as compact
    /// pages (they are bitmaps). `walkFailed` is whether the compact walk failed.
    static func isBinaryIndex(_ builder: TagKeyBuilder, walkFailed: Bool, path: String) -> Bool {
        guard walkFailed && builder.kind == .logical && builder.tag.keyLength == 1, builder.tag.rootOffset >= 0,
              let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        // compact pages have attribute 0…3; a damaged compact page keeps its attribute
        try? h.seek(toOffset: UInt64(builder.tag.rootOffset))
        guard let d = try? h.read(upToCount: 2), d.count == 2 else { return false }
        return (Int(d[d.startIndex]) | Int(d[d.startIndex + 1]) << 8) > 3
    }
}

/// Key details that differ between the engines that write CDX files.
public enum KeyRules: Sendable, Equatable {
    /// DateTime keys rounded to the nearest second.
    case visualFoxPro
    /// DateTime keys to the millisecond, STR(field) as wide as the field (Harbour's DBFCDX).
    case harbour
    /// No file to tell: milliseconds kept, STR() 10 wide (both engines agree on whole
    /// seconds and explicit widths).
    case unspecified
}
