import ResgateLocale
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// A tag to create for a table that has no index yet.
public struct TagDefinition: Sendable, Hashable {
    public var name: String
    public var keyExpression: String
    public var forExpression: String
    public var unique: Bool
    public var descending: Bool
    public init(name: String, keyExpression: String, forExpression: String = "", unique: Bool = false, descending: Bool = false) {
        self.name = name; self.keyExpression = keyExpression; self.forExpression = forExpression
        self.unique = unique; self.descending = descending
    }
}

/// Writes complete structural CDX files: directory header at 0, its leaf at 0x400, then
/// each tag's 1024-byte header followed by its leaves and interior pages, the layout VFP
/// produces. The file is written to the path given and fsync'ed; swapping it with the
/// table's current index is the caller's job.
public enum CDXWriter {
    /// Rebuilds every tag of `template` (same names, expressions, options, order; the
    /// header words we do not interpret are copied) from `table`'s records.
    ///
    /// Refuses, rather than writing a wrong index, a tag whose expression we cannot
    /// evaluate or whose original keys are not in byte order (a national collation).
    ///
    /// `memoryBudget` bounds the keys held at once; a tag larger than it is sorted in runs
    /// written beside `path` and merged.
    public static func rebuild(table: DBFTable, template: CDXFile, to path: String,
                               memoryBudget: Int = KeyPass.defaultBudget) throws(CDXError) {
        let builders = try Self.builders(for: template, table: table)
        let runs = try KeyPass.collect(table: table, builders: builders, budgetBytes: memoryBudget, spillBase: path)
        try write(table: table, template: template, builders: builders, runs: runs, to: path)
    }

    static func builders(for template: CDXFile, table: DBFTable) throws(CDXError) -> [TagKeyBuilder] {
        var builders: [TagKeyBuilder] = []
        let names = DBCFieldNames.load(for: table)
        for tag in template.tags {
            builders.append(try TagKeyBuilder(tag: tag, table: table, names: names, rules: template.keyRules, file: template.path))
        }
        return builders
    }

    /// Writes the rebuilt file from entries already gathered (`KeyPass.collect`), after
    /// the collation guard has cleared every character tag.
    /// `observed[i]`, when given, is what a walk of the original tag i already showed the
    /// collation guard.
    static func write(table: DBFTable, template: CDXFile, builders: [TagKeyBuilder], runs: [EntryRuns],
                      to path: String, observed: [CollationGuard.Observation]? = nil) throws(CDXError) {
        let styles = builders.map { LeafStyle.of($0.tag, in: template, fill: $0.kind.fill) }
        sortInParallel(runs)
        for i in builders.indices where builders[i].kind == .character {
            try CollationGuard.check(template: template, builder: builders[i], keys: runs[i], seen: observed?[i])
        }
        try write(directory: template.isCompound ? template.directory : nil, builders: builders,
                  styles: styles, maxRecno: table.recordCount, to: path, runs: runs)
    }

    /// Sorts the tags' in-memory runs, one tag per core.
    static func sortInParallel(_ runs: [EntryRuns]) {
        let order = runs.indices.sorted { runs[$0].count * runs[$0].width > runs[$1].count * runs[$1].width }
        DispatchQueue.concurrentPerform(iterations: order.count) { runs[order[$0]].finish() }
    }

    /// Builds a new structural CDX for a table that had none, from tag definitions. Key
    /// lengths follow FoxPro: the width of the key expression's value (8 for numbers and
    /// dates, 4 for a bare Integer field, 1 for logicals), plus one byte on VFP tables when
    /// the key reads a nullable field.
    public static func create(table: DBFTable, tags: [TagDefinition], to path: String,
                              memoryBudget: Int = KeyPass.defaultBudget) throws(CDXError) {
        var builders: [TagKeyBuilder] = []
        for t in tags {
            let header = try freshHeader(for: t, table: table, file: path)
            builders.append(try TagKeyBuilder(tag: header, fields: table.header.fields, codePage: table.codePage,
                                              names: DBCFieldNames.load(for: table), rules: .visualFoxPro, file: path))
        }
        let runs = try KeyPass.collect(table: table, builders: builders, budgetBytes: memoryBudget, spillBase: path)
        sortInParallel(runs)
        var dir = CDXTagHeader.fresh(name: "", keyExpression: "", forExpression: "", keyLength: 10, unique: false, descending: false)
        dir.raw[14] = 0xE0
        dir.options = CDXTagOptions(rawValue: 0xE0)
        try write(directory: dir, builders: builders, styles: builders.map { _ in LeafStyle() },
                  maxRecno: table.recordCount, to: path, runs: runs)
    }

    static func freshHeader(for t: TagDefinition, table: DBFTable, file: String) throws(CDXError) -> CDXTagHeader {
        let nullable = table.header.isVisualFoxPro && table.header.fields.contains { f in
            f.isNullable && t.keyExpression.uppercased().contains(f.name.uppercased())
        }
        let width = try TagKeyBuilder.naturalWidth(of: t.keyExpression, tag: t.name, fields: table.header.fields,
                                                   recordLength: table.header.recordLength, names: DBCFieldNames.load(for: table), file: file)
        return CDXTagHeader.fresh(name: t.name, keyExpression: t.keyExpression, forExpression: t.forExpression,
                                  keyLength: width + (nullable ? 1 : 0), unique: t.unique, descending: t.descending,
                                  extraOptions: nullable ? .nullableKey : [])
    }

    /// Writes the file from each tag's sorted entries, pages buffered into large writes.
    static func write(directory: CDXTagHeader?, builders: [TagKeyBuilder], styles: [LeafStyle], maxRecno: Int,
                      to path: String, runs: [EntryRuns]) throws(CDXError) {
        let sink = try PageSink(path: path)
        defer { sink.close() }
        // Tag headers go right after the directory (0x600) or at 0 for a lone compact index.
        var offset = directory == nil ? 0 : CDXTagHeader.size + CDXNode.pageSize
        var placed: [(name: String, offset: Int)] = []
        for (i, b) in builders.enumerated() {
            var cursor = try runs[i].cursor()
            let headerOffset = offset
            var pages = CDXPageBuilder(keyLength: b.tag.keyLength, fill: b.kind.fill, maxRecno: maxRecno,
                                       firstOffset: headerOffset + CDXTagHeader.size, style: styles[i])
            let root = try pages.build(&cursor) { (o: Int, page: UnsafeRawBufferPointer) throws(CDXError) in try sink.write(o, page) }
            var raw = b.tag.raw
            CDXBytes.put32le(UInt32(root), into: &raw, at: 0)
            CDXBytes.put32le(UInt32.max, into: &raw, at: 4)
            try sink.write(headerOffset, raw)
            placed.append((b.tag.name, headerOffset))
            offset = pages.nextOffset
        }
        if let directory {
            var names = KeyList(keyLength: 10, capacity: placed.count)
            for (name, o) in placed.sorted(by: { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }) {
                let bytes = Array(name.uppercased().utf8.prefix(10))
                names.append(key: bytes + [UInt8](repeating: 0x20, count: 10 - bytes.count), recno: UInt32(o))
            }
            var pages = CDXPageBuilder(keyLength: 10, fill: 0x20, maxRecno: placed.map(\.offset).max() ?? 0,
                                       firstOffset: CDXTagHeader.size)
            let root = try pages.build(names) { (o: Int, page: UnsafeRawBufferPointer) throws(CDXError) in
                guard o == CDXTagHeader.size else {
                    throw .malformed(file: path, tag: nil, offset: o, reason: .tooManyTags)
                }
                try sink.write(o, page)
            }
            var raw = directory.raw
            CDXBytes.put32le(UInt32(root), into: &raw, at: 0)
            CDXBytes.put32le(UInt32.max, into: &raw, at: 4)
            try sink.write(0, raw)
        }
        try sink.flush()
        guard fsync(sink.fd) == 0 else { throw .io(file: path, reason: .lastError) }
    }
}

/// Collects pages written at increasing offsets into 1 MiB blocks, so a tag of thousands
/// of pages costs a few dozen `pwrite` calls; anything out of sequence flushes first.
final class PageSink {
    let fd: Int32
    let path: String
    private let capacity = 1 << 20
    private let buffer: UnsafeMutableRawPointer
    private var start = 0
    private var used = 0

    init(path: String) throws(CDXError) {
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .cannotOpen(file: path, reason: .lastError) }
        self.path = path
        buffer = .allocate(byteCount: capacity, alignment: 8)
    }

    func close() {
        buffer.deallocate()
        _ = Glibc.close(fd)
    }

    func write(_ offset: Int, _ bytes: UnsafeRawBufferPointer) throws(CDXError) {
        if used > 0, offset != start + used || used + bytes.count > capacity { try flush() }
        if used == 0 { start = offset }
        if bytes.count > capacity { return try put(offset, bytes) }
        (buffer + used).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        used += bytes.count
    }

    func write(_ offset: Int, _ bytes: [UInt8]) throws(CDXError) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, bytes.count), alignment: 8)
        defer { copy.deallocate() }
        copy.copyBytes(from: bytes)
        try write(offset, UnsafeRawBufferPointer(rebasing: copy[0..<bytes.count]))
    }

    func flush() throws(CDXError) {
        guard used > 0 else { return }
        try put(start, UnsafeRawBufferPointer(start: buffer, count: used))
        used = 0
    }

    private func put(_ offset: Int, _ bytes: UnsafeRawBufferPointer) throws(CDXError) {
        var done = 0
        while done < bytes.count {
            let n = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            guard n > 0 else { throw .io(file: path, reason: .lastError) }
            done += n
        }
    }
}
