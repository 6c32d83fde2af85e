import Foundation
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
        throw BackupSetError(Defect(.badValue, table: name, pt: "nenhum caractere de aspas livre para os valores", en: "no free quote character for the values"))
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
    private func exportText(quote: UInt8, progress: ((Int) -> Void)?) throws -> (parts: [ZipWriter.Member], records: Int)? {
        let fields = table.fields.filter { !$0.type.isMemoLike && !$0.isMemo }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(min(partBytes, 1 << 20) + 4096)
        var parts: [ZipWriter.Member] = []
        var records = 0
        var clash = false
        struct Clash: Error {}
        // files of this attempt carry the quote in their path: a discarded attempt's files
        // may still be in the pipeline and are never overwritten
        let suffix = ".q" + String(quote, radix: 16)
        func flush(final: Bool) throws {
            // `X_ESTR.TXT` would be read as the structure of table X: such a table's data
            // always goes in numbered parts
            let single = final && parts.isEmpty && !name.lowercased().hasSuffix("_estr")
            let memberName = single ? name + ".TXT" : SetLayout.partName(name, parts.count + 1)
            let m = ZipWriter.Member(name: memberName, path: staging + "/" + memberName + suffix)
            try Data(buffer).write(to: URL(fileURLWithPath: m.path))
            parts.append(m)
            onFile(m)
            buffer.removeAll(keepingCapacity: true)
        }
        // what the fast path needs, with nothing reference-counted per field
        let specs = fields.map { f in (type: f.type, nullable: f.nullBit != nil, offset: f.offset, length: f.length) }
        let hasNullFlags = table.header.nullFlagsField != nil
        // dBASE 7 stores I big-endian with the sign flipped: only the value path knows
        let rawIntegers = table.header.dialect != .dBase7
        do {
            try fields.withUnsafeBufferPointer { fp in
                try specs.withUnsafeBufferPointer { sp in
                    try table.forEachRecord { r in
                        if r.isDeleted { return }
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
                            if !CanonicalText.append(v, field: fp[i], raw: raw, quote: quote, codePage: table.codePage, to: &buffer) {
                                clash = true; throw Clash()
                            }
                        }
                        buffer.append(0x0D); buffer.append(0x0A)
                        records += 1
                        if records & 0xFFFF == 0 { progress?(records) }
                        if buffer.count >= partBytes { try flush(final: false) }
                    }
                }
            }
        } catch is Clash {}
        if clash { return nil }
        if !buffer.isEmpty || parts.isEmpty { try flush(final: true) }
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
        var body: [UInt8] = []
        var count = 0
        try table.forEachRecord { r in
            if r.isDeleted { return }
            count += 1
            if keepAll { body.append(contentsOf: r.bytes); return }
            body.append(0x20)
            for f in kept { body.append(contentsOf: r.raw(f)) }
        }
        header[4] = UInt8(count & 0xFF); header[5] = UInt8(count >> 8 & 0xFF)
        header[6] = UInt8(count >> 16 & 0xFF); header[7] = UInt8(count >> 24 & 0xFF)
        try Data(header + body + [0x1A]).write(to: URL(fileURLWithPath: dir + "/" + name + ".DBF"))
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
