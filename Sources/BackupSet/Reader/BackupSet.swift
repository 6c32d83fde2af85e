import Foundation
import ResgateLocale
import XBase

/// One table of a set: its files, its structure, and what was wrong with them.
public struct BackupTable: Sendable {
    public var name: String
    public var members: TableMembers
    public var structure: BackupStructure?
    /// Bytes of text data (sum of the parts' sizes; `Int.max` when that does not fit).
    public var dataBytes: Int { members.dataParts.reduce(0) { TextLimits.adding($0, max(0, $1.size)) } }
    /// Set when the text is larger than the structure's record count allows (see
    /// `TextLimits`): the table is refused before a byte of it is read.
    public var oversized: Defect?
    public var hasMemoArchive: Bool { members.memoArchive != nil }
}

/// A record read from a set: every field of the structure in order (memo values from the
/// memo archive), and where it came from.
public struct BackupRecord {
    public var values: [DBFValue]
    /// The data file and the 1-based line the record starts on.
    public var file: String
    public var line: Int
    /// 1-based position among the table's records (all parts, bad lines counted).
    public var number: Int
}

/// Options for reading a table's records.
public struct ReadOptions: Sendable {
    /// Code page when the structure names none (e.g. the live table's); else Windows-1252.
    public var fallbackCodePage: CodePage?
    /// Forces a code page whatever the structure says.
    public var codePage: CodePage?
    /// Inflate on a second thread while parsing (two cores).
    public var concurrent = true
    /// Read the memo archive and fill memo fields.
    public var memo = true
    /// Throw at the first defect instead of listing it and going on.
    public var stopAtFirstDefect = false
    /// Defects kept in the report per table; the rest are counted (see
    /// `TableReadReport.omittedDefects`) and go only to `defectSink`.
    public var defectLimit = DefectList.defaultLimit
    /// Gets every defect, kept or not, as it is found (`verify --defects-file`).
    public var defectSink: DefectSink?
    /// Collects the SHA-256 of every member streamed whole (`SetVerifier`'s manifest check).
    var digests: MemberDigests?
    public init() {}
}

/// What reading a table found.
public struct TableReadReport: Sendable {
    public var table: String
    /// Records handed to the caller (good lines).
    public var records = 0
    /// Lines that were records but had defects (not handed over).
    public var badLines = 0
    /// The first `ReadOptions.defectLimit` defects, in the order found.
    public var defects: [Defect] = []
    /// Defects found but not kept in `defects` (all of them went to the defect sink).
    public var omittedDefects = 0
    /// Every defect found, kept or not, by kind.
    public var defectCounts: [Defect.Kind: Int] = [:]
    /// Detected variant of each data file.
    public var variants: [(file: String, variant: DataVariant)] = []
    public var codePage: CodePage = .cp1252
}

/// A backup set opened for reading: a zip or a folder, nothing extracted.
public final class BackupSet: @unchecked Sendable {
    public let path: String
    public let kind: SetKind
    /// File or folder name without `.zip`.
    public let name: String
    public let slot: Slot?
    public let manifest: Manifest?
    public private(set) var tables: [BackupTable] = []
    /// Defects found on opening: layout, names, structures, manifest sizes.
    public private(set) var defects: [Defect] = []
    /// Members that are neither tables nor the manifest.
    public let otherFiles: [String]
    let source: SetSource

    /// The set's date: the manifest's `created`, else its newest member's time.
    public var date: Date? {
        if let d = manifest?.createdDate { return d }
        return source.members.compactMap(\.modified).max()
    }
    /// Bytes on disk (zip size, or the sum of the folder's files).
    public var bytes: Int {
        if kind == .zip { return source.archive?.source.size ?? 0 }
        return source.members.reduce(0) { $0 + $1.size }
    }
    public var members: [SetMember] { source.members }

    /// A structure file describes at most 2,048 fields (a few hundred KB in any variant);
    /// a manifest lists a store's tables. Larger ones are refused, not held in memory.
    static let maxStructureBytes = 1 << 20
    static let maxManifestBytes = 4 << 20

    public static func open(_ path: String) throws(BackupSetError) -> BackupSet { try BackupSet(path: path) }

    init(path: String) throws(BackupSetError) {
        self.path = path
        source = try SetSource(path: path)
        kind = source.kind
        var n = (path as NSString).lastPathComponent
        if n.lowercased().hasSuffix(".zip") { n = String(n.dropLast(4)) }
        name = n
        slot = Slot(parsing: n)
        var defects = source.defects
        let layout = SetLayout(members: source.members)
        defects += layout.defects
        otherFiles = layout.others.map(\.name)
        var manifest: Manifest?
        if let m = layout.manifest {
            do {
                let (parsed, d) = Manifest.parse(try source.readAll(m, limit: Self.maxManifestBytes), file: m.name)
                manifest = parsed
                if let d { defects.append(d) }
            } catch let e as BackupSetError { defects += e.defects } catch {}
        }
        self.manifest = manifest
        for t in layout.tables {
            var table = BackupTable(name: t.name, members: t, structure: nil)
            if let sm = t.structure {
                let (s, d) = Self.readStructure(source, sm, table: t.name)
                table.structure = s
                defects += d
                if let s {
                    table.oversized = Self.oversized(table, s, records: s.records ?? manifest?.table(named: t.name)?.records)
                    if let o = table.oversized { defects.append(o) }
                }
                if let s, !s.hasMemo, let z = t.memoArchive {
                    defects.append(Defect(.orphanMemoArchive, table: t.name, file: z.name,
                                          .set(.memoArchiveWithoutMemoFields)))
                }
                if let s, s.hasMemo, t.memoArchive == nil, t.dataParts.contains(where: { $0.size > 0 }) {
                    defects.append(Defect(.memoArchiveMissing, table: t.name, file: t.name + ".ZIP",
                                          .set(.memoArchiveMissing(table: t.name))))
                }
            }
            tables.append(table)
        }
        if let manifest { defects += ManifestCheck.sizes(manifest, members: source.members) }
        self.defects = defects
    }

    /// The defect when `table`'s text is larger than `records` records can take.
    static func oversized(_ table: BackupTable, _ s: BackupStructure, records: Int?) -> Defect? {
        let limit = TextLimits(fields: s.fields).maxDataBytes(records: records)
        let bytes = table.dataBytes
        guard bytes > limit, let records else { return nil }
        return Defect(.zipBomb, table: table.name, file: table.members.dataParts.first?.name,
                      .set(.textTooLarge(bytes: bytes, records: records, limit: limit)))
    }

    static func readStructure(_ source: SetSource, _ m: SetMember, table: String) -> (BackupStructure?, [Defect]) {
        let bytes: [UInt8]
        do { bytes = try source.readAll(m, limit: Self.maxStructureBytes) } catch let e as BackupSetError {
            return (nil, e.defects.map { $0.placed(table: table, file: m.name) })
        } catch { return (nil, [Defect(.badStructure, table: table, file: m.name, .error(Cause(error)))]) }
        if m.key.hasSuffix(".dbf") { return ExtendedStructureReader.read(bytes: bytes, table: table, file: m.name) }
        if let bad = bytes.firstIndex(where: { $0 == 0 }) {
            return (nil, [Defect(.notText, table: table, file: m.name, .structure(.notText(offset: bad)))])
        }
        let text = StructureText.decode(bytes)
        if ListStructureParser.recognizes(text) { return ListStructureParser.parse(text, table: table, file: m.name) }
        return DelimitedStructureParser.parse(text, table: table, file: m.name)
    }

    /// The table named `name` (case-insensitive).
    public func table(named name: String) -> BackupTable? {
        tables.first { $0.name.lowercased() == name.lowercased() }
    }

    public func structure(of table: String) -> BackupStructure? { self.table(named: table)?.structure }

    /// Streams the records of `table` in order, one at a time: a bad line is listed in the
    /// report (file, line, field) and not handed over. `record.values` is reused between
    /// calls; copy it to keep it.
    @discardableResult
    public func forEachRecord(table name: String, options: ReadOptions = ReadOptions(),
                              _ body: (BackupRecord) throws -> Void) throws -> TableReadReport {
        try forEachRecord(table: name, options: options, raw: nil, body)
    }

    /// As `forEachRecord(table:options:_:)`, but every line the typed reader would split
    /// plainly is offered to `raw` first (see `RawRecordSink`); `body` gets only the lines
    /// it declines. Defects, counts and the report are the same as without `raw`.
    @discardableResult
    public func forEachRecord(table name: String, options: ReadOptions = ReadOptions(), raw: RawRecordSink?,
                              _ body: (BackupRecord) throws -> Void) throws -> TableReadReport {
        guard let t = table(named: name) else {
            throw BackupSetError(Defect(.missingStructure, table: name, .set(.noSuchTable)))
        }
        let reader = try TableRecordReader(set: self, table: t, options: options, sink: raw)
        return try reader.run(body)
    }
}
