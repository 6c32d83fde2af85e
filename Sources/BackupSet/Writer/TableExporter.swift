import Foundation
import ResgateLocale
import XBase

/// Writes one live table into a staging folder as the canonical members: `T_Estr.TXT`,
/// `T.TXT` (or `T_001.TXT`… past `partBytes`), and for memo tables `T.ZIP` holding a DBF
/// of the memo columns of the live records (deleted ones are not exported, so record *i*
/// matches line *i*) with the live memo file copied byte for byte.
struct TableExporter {
    let table: DBFTable
    let name: String
    let staging: String
    var partBytes = 32 << 20

    /// Each finished file: its member name and where it is. Called as soon as a file is
    /// complete, so it can be compressed while the next one is written.
    var onFile: (ZipWriter.Member) -> Void = { _ in }

    struct Result { var files: [ZipWriter.Member]; var records: Int; var codePage: Int }

    func export(progress: ((Int) -> Void)? = nil) throws -> Result {
        var quotes = CanonicalText.quotes[...]
        while let q = quotes.first {
            if let r = try exportText(quote: q, progress: progress) { return try finish(r, quote: q) }
            quotes = quotes.dropFirst()
        }
        throw BackupSetError(Defect(.badValue, table: name, .backup(.noFreeQuote)))
    }

    private func finish(_ text: (parts: [ZipWriter.Member], records: Int), quote: UInt8) throws -> Result {
        var files = text.parts
        let estr = ZipWriter.Member(name: name + "_Estr.TXT", path: staging + "/" + name + "_Estr.TXT")
        try Data(CanonicalText.structure(table: name, fields: table.header.fields, codePage: table.codePage,
                                         version: table.header.version, records: text.records,
                                         updated: table.header.lastUpdate, quote: quote))
            .write(to: URL(fileURLWithPath: estr.path))
        onFile(estr)
        files.insert(estr, at: 0)
        if table.header.hasMemoFields {
            let z = ZipWriter.Member(name: name + ".ZIP", path: try memoArchive())
            onFile(z)
            files.append(z)
        }
        return Result(files: files, records: text.records, codePage: table.codePage.number)
    }

    /// The text, or nil when a value holds `quote` (the caller tries the next one).
    /// Streams: at most about a megabyte of text is in memory, whatever `partBytes` is.
    private func exportText(quote: UInt8, progress: ((Int) -> Void)?) throws -> (parts: [ZipWriter.Member], records: Int)? {
        let fields = table.fields.filter { !$0.type.isMemoLike && !$0.isMemo }
        var parts: [ZipWriter.Member] = []
        var records = 0
        var clash = false
        struct Clash: Error {}
        // files of this attempt carry the quote in their path: a discarded attempt's files
        // may still be in the pipeline and are never overwritten
        let suffix = ".q" + String(quote, radix: 16)
        func newPart() throws -> PartFile {
            try PartFile(tempPath: staging + "/.part-\(parts.count + 1)-" + name + suffix)
        }
        var part = try newPart()
        func close(final: Bool) throws {
            // `X_ESTR.TXT` would be read as the structure of table X: such a table's data
            // always goes in numbered parts
            let single = final && parts.isEmpty && !name.lowercased().hasSuffix("_estr")
            let memberName = single ? name + ".TXT" : SetLayout.partName(name, parts.count + 1)
            let m = ZipWriter.Member(name: memberName, path: staging + "/" + memberName + suffix)
            try part.close(as: m.path)
            parts.append(m)
            onFile(m)
        }
        // what the fast path needs, with nothing reference-counted per field
        let specs = fields.map { f in (type: f.type, nullable: f.nullBit != nil, offset: f.offset, length: f.length) }
        let hasNullFlags = table.header.nullFlagsField != nil
        // dBASE 7 stores I big-endian with the sign flipped: only the value path knows
        let rawIntegers = table.header.dialect != .dBase7
        let codePage = table.codePage
        do {
            try fields.withUnsafeBufferPointer { fp in
                try specs.withUnsafeBufferPointer { sp in
                    try table.forEachRecord { r in
                        if r.isDeleted { return }
                        try part.append { buffer throws in
                            for i in 0..<sp.count {
                                if i > 0 { buffer.append(0x2C) }
                                let spec = sp[i]
                                // a nullable field may be NULL: only the value path reads _NullFlags
                                if !(spec.nullable && hasNullFlags) && (rawIntegers || spec.type != .integer) {
                                    let raw = UnsafeRawBufferPointer(rebasing: r.bytes[spec.offset..<(spec.offset + spec.length)])
                                    if RawFieldText.append(raw, type: spec.type, nullable: spec.nullable, quote: quote, to: &buffer) { continue }
                                }
                                let v = try r.value(fp[i])
                                let raw: UnsafeRawBufferPointer? = spec.type == .character ? r.raw(fp[i]) : nil
                                if !CanonicalText.append(v, field: fp[i], raw: raw, quote: quote, codePage: codePage, to: &buffer) {
                                    clash = true; throw Clash()
                                }
                            }
                            buffer.append(0x0D); buffer.append(0x0A)
                        }
                        records += 1
                        if records & 0xFFFF == 0 { progress?(records) }
                        if part.count >= partBytes {
                            try close(final: false)
                            part = try newPart()
                        }
                    }
                }
            }
        } catch is Clash {}
        if clash { part.discard(); return nil }
        if part.count > 0 || parts.isEmpty { try close(final: true) } else { part.discard() }
        return (parts, records)
    }

    /// `T.ZIP`: memo columns of the live records + the memo file as is. A nullable memo
    /// field needs `_NullFlags`, whose bits belong to the whole table: then every column is
    /// kept (the format allows a full-table memo DBF, and the reader cross-checks it).
    private func memoArchive() throws -> String {
        let h = table.header
        let keepAll = h.fields.contains { $0.isMemo && $0.isNullable } || ![.dBaseIII, .dBaseIV, .foxPro, .visualFoxPro].contains(h.dialect)
        let kept = keepAll ? h.fields : h.fields.filter(\.isMemo)
        let isVFP = h.isVisualFoxPro
        let headerLength = keepAll ? h.headerLength : 32 + 32 * kept.count + 1 + (isVFP ? 263 : 0)
        let recordLength = keepAll ? h.recordLength : 1 + kept.reduce(0) { $0 + $1.length }
        var header = try table.rawBytes(at: 0, count: keepAll ? h.headerLength : 32)
        if !keepAll {
            var pos = 1
            for f in kept {
                guard let idx = h.fields.firstIndex(of: f) else { continue }
                var d = try table.rawBytes(at: 32 + 32 * idx, count: 32)
                if isVFP { d[12] = UInt8(pos & 0xFF); d[13] = UInt8(pos >> 8 & 0xFF); d[14] = 0; d[15] = 0 }
                pos += f.length
                header += d
            }
            header.append(0x0D)
            if isVFP { header += [UInt8](repeating: 0, count: 263) }
        }
        header[8] = UInt8(headerLength & 0xFF); header[9] = UInt8(headerLength >> 8)
        header[10] = UInt8(recordLength & 0xFF); header[11] = UInt8(recordLength >> 8)
        header[28] &= ~0x01   // no structural CDX travels with it
        let dir = staging + "/.memo-" + name
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // streamed: with a nullable memo every column is kept, i.e. a copy of the table
        let dbfPath = dir + "/" + name + ".DBF"
        var file = try PartFile(tempPath: dbfPath)
        do {
            try header.withUnsafeBytes { try file.append(contentsOf: $0) }
            var count = 0
            let offsets = kept.map { (offset: $0.offset, length: $0.length) }
            try table.forEachRecord { r in
                if r.isDeleted { return }
                count += 1
                try file.append { body in
                    if keepAll { body.append(contentsOf: r.bytes); return }
                    body.append(0x20)
                    for f in offsets { body.append(contentsOf: UnsafeRawBufferPointer(rebasing: r.bytes[f.offset..<(f.offset + f.length)])) }
                }
            }
            try file.append { $0.append(0x1A) }
            try file.close(as: dbfPath)
            // the record count goes into the header once known
            let h = try FileHandle(forUpdating: URL(fileURLWithPath: dbfPath))
            defer { try? h.close() }
            try h.seek(toOffset: 4)
            try h.write(contentsOf: [UInt8(count & 0xFF), UInt8(count >> 8 & 0xFF), UInt8(count >> 16 & 0xFF), UInt8(count >> 24 & 0xFF)])
        } catch {
            file.discard()
            throw error
        }
        var members = [ZipWriter.Member(name: name + ".DBF", path: dir + "/" + name + ".DBF")]
        if let memo = table.memo {
            let ext = memo.kind == .fpt ? ".FPT" : ".DBT"
            try FileManager.default.copyItem(atPath: memo.path, toPath: dir + "/" + name + ext)
            members.append(.init(name: name + ext, path: dir + "/" + name + ext))
        }
        try ZipWriter.write(members, to: staging + "/" + name + ".ZIP")
        return staging + "/" + name + ".ZIP"
    }
}
