import Foundation
import ResgateLocale
import XBase

/// Variant C: `T_Estr.DBF`, the table `COPY STRUCTURE EXTENDED` writes (FIELD_NAME,
/// FIELD_TYPE, FIELD_LEN, FIELD_DEC, and in VFP also FIELD_NULL, FIELD_NOCP, …), read with
/// XBase's `DBFTable` from a private temporary copy.
enum ExtendedStructureReader {
    static func read(bytes: [UInt8], table: String, file: String) -> (BackupStructure?, [Defect]) {
        var defects: [Defect] = []
        func bad(_ line: Int?, _ field: String?, _ fault: StructureFault) {
            defects.append(Defect(.badStructure, table: table, file: file, line: line, field: field, .structure(fault)))
        }
        do {
            return try PrivateFolder.with { dir in
                let path = dir + "/estr.dbf"
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                let t = try DBFTable.open(path: path)
                guard let fName = t.field(named: "FIELD_NAME"), let fType = t.field(named: "FIELD_TYPE"),
                      let fLen = t.field(named: "FIELD_LEN") else {
                    bad(nil, nil, .lacksColumns)
                    return (nil, defects)
                }
                let fDec = t.field(named: "FIELD_DEC"), fNull = t.field(named: "FIELD_NULL"), fNocp = t.field(named: "FIELD_NOCP")
                var s = BackupStructure(fields: [], variant: .extendedDBF)
                if let cp = CodePage.forMark(t.header.codePageMark) { s.codePage = cp.number }
                var fields: [FieldDescriptor] = []
                try t.forEachRecord { r in
                    if r.isDeleted { return }
                    let n = r.number
                    guard case .string(let name) = try r.value(fName), !name.isEmpty else {
                        bad(n, nil, .recordWithoutFieldName); return
                    }
                    guard case .string(let letter) = try r.value(fType), let first = letter.first,
                          let type = extendedType(first) else {
                        bad(n, name, .badFieldType); return
                    }
                    guard let len = integer(try r.value(fLen)), StructureText.widths.contains(len) else {
                        bad(n, name, .badFieldLen); return
                    }
                    var dec = fDec.flatMap { try? integer(r.value($0)) } ?? 0
                    guard StructureText.decimals.contains(dec) else {
                        bad(n, name, .badFieldDec); return
                    }
                    var width = len
                    // C wider than 255: FoxPro keeps the high byte of the width in FIELD_DEC
                    if type == .character, dec > 0 {
                        width = len + 256 * dec; dec = 0   // both bounded above: at most 65,535 + 65,280
                        guard StructureText.widths.contains(width) else {
                            bad(n, name, .badWidth(width)); return
                        }
                    }
                    let nullable = fNull.map { (try? r.value($0)) == .logical(true) } ?? false
                    let nocp = fNocp.map { (try? r.value($0)) == .logical(true) } ?? false
                    fields.append(StructureText.field(name: name, type: type, length: width, decimals: dec,
                                                      nullable: nullable, binary: nocp))
                }
                guard !fields.isEmpty else {
                    bad(nil, nil, .noRecords)
                    return (nil, defects)
                }
                switch StructureText.layOut(fields, table: table, file: file) {
                case .success(let laid): s.fields = laid
                case .failure(let d): return (nil, defects + [d])
                }
                return (s, defects)
            }
        } catch {
            bad(nil, nil, .unreadableTable(reason: Cause(error)))
            return (nil, defects)
        }
    }

    /// Letters of COPY STRUCTURE EXTENDED; Harbour writes `@` for VFP DateTime.
    static func extendedType(_ c: Character) -> FieldType? {
        if c == "@" { return .dateTime }
        return DelimitedStructureParser.structureType(c)
    }

    static func integer(_ v: DBFValue) -> Int? {
        switch v {
        case .number(let n?): return Int(n.normalized.mantissa) * (n.normalized.scale == 0 ? 1 : 0)
        case .integer(let i): return Int(i)
        case .string(let s): return Int(s.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }
}

/// A private temporary folder (mode 0700), removed with everything in it afterwards.
enum PrivateFolder {
    static func with<T>(_ body: (String) throws -> T) throws -> T {
        var template = Array((NSTemporaryDirectory() + "/resgate-XXXXXX").utf8CString)
        guard let p = mkdtemp(&template) else {
            throw BackupSetError(Defect(.unreadableSet, .set(.cannotCreateTemporaryFolder)))
        }
        let dir = String(cString: p)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        return try body(dir)
    }
}
