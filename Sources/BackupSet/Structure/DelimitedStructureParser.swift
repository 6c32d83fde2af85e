import XBase

/// Variant A: `NAME;TYPE;LEN;DEC[;NULL…]` lines, an optional header naming the columns,
/// `#` comment lines whose `key=value` pairs carry table facts.
enum DelimitedStructureParser {
    static func parse(_ text: String, table: String, file: String) -> (BackupStructure?, [Defect]) {
        var s = BackupStructure(fields: [], variant: .delimited)
        var defects: [Defect] = []
        var columns: [String: Int] = ["field_name": 0, "field_type": 1, "field_len": 2, "field_dec": 3, "field_null": 4]
        var sawHeader = false
        var sawComment = false
        var fields: [FieldDescriptor] = []
        func bad(_ line: Int, _ field: String?, _ fault: StructureFault) {
            defects.append(Defect(.badStructure, table: table, file: file, line: line, field: field, .structure(fault)))
        }
        for (n, raw) in StructureText.lines(text) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                for key in readComment(line.dropFirst(), into: &s) {
                    bad(n, nil, .badCommentValue(key))
                }
                sawComment = true; continue
            }
            let sep: Character = line.contains(";") ? ";" : (line.contains("\t") ? "\t" : ",")
            var cols = raw.split(separator: sep, omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            // a name keeps its own blanks (a DBF may have them); other columns are trimmed
            if let first = raw.split(separator: sep, omittingEmptySubsequences: false).first,
               !first.trimmingCharacters(in: .whitespaces).isEmpty, columns["field_name"] == 0 {
                cols[0] = String(first.drop(while: { $0 == " " || $0 == "\t" }))
            }
            if !sawHeader && fields.isEmpty, cols.contains(where: { $0.uppercased() == "FIELD_NAME" }) {
                columns = [:]
                for (i, c) in cols.enumerated() { columns[c.lowercased()] = i }
                sawHeader = true
                continue
            }
            func col(_ key: String) -> String? {
                guard let i = columns[key], i < cols.count else { return nil }
                return cols[i]
            }
            guard let name = col("field_name"), !name.isEmpty, let typeText = col("field_type") else {
                bad(n, nil, .incompleteLine); continue
            }
            guard let letter = typeText.first, let type = structureType(letter), typeText.count == 1 else {
                bad(n, name, .unknownFieldType(typeText)); continue
            }
            guard let len = Int(col("field_len") ?? ""), StructureText.widths.contains(len) else {
                bad(n, name, .badWidthText(col("field_len") ?? "")); continue
            }
            let decText = col("field_dec") ?? "0"
            guard let dec = Int(decText.isEmpty ? "0" : decText), StructureText.decimals.contains(dec) else {
                bad(n, name, .badDecimalsText(decText)); continue
            }
            let nullable = yes(col("field_null"))
            let binary = yes(col("field_nocp")) || yes(col("field_binary"))
            let autoinc = (Int(col("field_next") ?? "") ?? 0) > 0 || (Int(col("field_step") ?? "") ?? 0) > 0
            var f = StructureText.field(name: name, type: type, length: len, decimals: dec,
                                        nullable: nullable, binary: binary, autoIncrement: autoinc)
            if autoinc {
                f.autoIncrementNext = UInt32(col("field_next") ?? "") ?? 0
                f.autoIncrementStep = UInt8(col("field_step") ?? "") ?? 0
            }
            fields.append(f)
        }
        // a table without fields exists (its records are empty lines): only a file that
        // says nothing at all is refused
        if fields.isEmpty && defects.isEmpty && (sawHeader || sawComment) {
            return (s, defects)
        }
        if fields.isEmpty {
            defects.append(Defect(.badStructure, table: table, file: file, .structure(.noFields)))
            return (nil, defects)
        }
        switch StructureText.layOut(fields, table: table, file: file) {
        case .success(let laid): s.fields = laid
        case .failure(let d): return (nil, defects + [d])
        }
        return (s, defects)
    }

    static func yes(_ v: String?) -> Bool {
        guard let v = v?.uppercased().first else { return false }
        return v == "Y" || v == "T" || v == "S" || v == "1"
    }

    /// Type letters of structure files; `0` (`_NullFlags`) never appears in one.
    static func structureType(_ letter: Character) -> FieldType? {
        guard let t = FieldType(letter: String(letter)) else { return nil }
        if t == .nullFlags { return nil }
        return t
    }

    /// `# table=CLIENTES codepage=1252 version=0x30 records=1532 updated=2026-11-26`;
    /// returns the `key=value` pairs whose value is out of range (then left unset).
    @discardableResult
    static func readComment(_ text: Substring, into s: inout BackupStructure) -> [String] {
        var badKeys: [String] = []
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            let kv = token.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { continue }
            let v = String(kv[1])
            switch kv[0].lowercased() {
            case "codepage": s.codePage = Int(v).flatMap { (0...65_535).contains($0) ? $0 : nil }
            case "version": s.version = v.lowercased().hasPrefix("0x") ? UInt8(v.dropFirst(2), radix: 16) : UInt8(v)
            case "records":
                s.records = StructureText.recordCount(v)
                if s.records == nil { badKeys.append(String(token.prefix(40))) }
            case "updated": s.updated = v
            case "separator": s.separator = byteHint(v)
            case "quote": s.quote = byteHint(v)
            default: break
            }
        }
        return badKeys
    }

    /// A one-byte hint: the character itself, or `tab`, or `0xNN`.
    static func byteHint(_ v: String) -> UInt8? {
        if v.lowercased() == "tab" { return 9 }
        if v.lowercased().hasPrefix("0x"), let b = UInt8(v.dropFirst(2), radix: 16) { return b }
        if v.utf8.count == 1 { return v.utf8.first }
        return nil
    }
}

import Foundation
import ResgateLocale
