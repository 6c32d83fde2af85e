import ResgateLocale
import XBase

/// Turns one note's XML values into a row of a table, field by field, through the
/// mapping; the target field's type decides the conversion. A value that cannot be
/// converted is an error naming the XML file, the table, the field and the path — never a
/// guess. Text longer than a character field is cut to it and listed in `truncated`.
struct RowMapper {
    let note: NoteContent
    let mapping: RecreateMapping
    var truncated: [String] = []

    init(note: NoteContent, mapping: RecreateMapping) { self.note = note; self.mapping = mapping }

    mutating func row(_ table: TableMapping, fields: [FieldDescriptor], item: Int?) throws(FiscalError) -> [String: DBFValue] {
        var row: [String: DBFValue] = [:]
        for src in table.fields {
            guard let f = fields.first(where: { $0.name.uppercased() == src.field.uppercased() }) else {
                throw .fieldNotFound(table: table.table, field: src.field, file: table.table, configFile: nil)
            }
            // "dest/CPF|dest/CNPJ": the first alternative the note has
            let content = note
            let raw = src.value ?? src.path.flatMap { p in
                p.split(separator: "|").lazy.compactMap { content.value(String($0), item: item) }.first
            }
            guard var text = raw else { continue }   // absent in this note: the field stays blank
            if let map = src.map {
                guard let mapped = map[text] else {
                    throw .cannotMap(xml: note.file, table: table.table, field: f.name, path: src.path, text: text,
                                     reason: .notInMap(known: map.keys.sorted()))
                }
                text = mapped
            }
            row[f.name.uppercased()] = try convert(text, to: f, table: table.table, path: src.path)
        }
        if let mf = mapping.markField, let mv = mapping.markValue,
           let f = fields.first(where: { $0.name.uppercased() == mf.uppercased() }) {
            row[f.name.uppercased()] = try convert(mv, to: f, table: table.table, path: nil)
        }
        return row
    }

    mutating func convert(_ text: String, to f: FieldDescriptor, table: String, path: String?) throws(FiscalError) -> DBFValue {
        func fail(_ reason: MapProblem) -> FiscalError {
            .cannotMap(xml: note.file, table: table, field: f.name, path: path, text: text, reason: reason)
        }
        switch f.type {
        case .character, .varchar:
            let scalars = Array(text.unicodeScalars)
            if scalars.count > f.length {
                truncated.append("\(table).\(f.name) ← \(path ?? "value") (\(scalars.count) > \(f.length)): \(note.file)")
                var cut = String.UnicodeScalarView()
                cut.append(contentsOf: scalars.prefix(f.length))
                return .string(String(cut))
            }
            return .string(text)
        case .memo:
            return .string(text)
        case .numeric, .float:
            guard let d = DecimalNumber(text: text) else { throw fail(.notADecimal) }
            return .number(d)
        case .currency:
            guard let d = DecimalNumber(text: text) else { throw fail(.notADecimal) }
            return .currency(d)
        case .integer:
            guard let i = Int32(text) else { throw fail(.notAnIntegerField) }
            return .integer(Int64(i))
        case .double:
            guard let d = Double(text), d.isFinite else { throw fail(.notANumber) }
            return .double(d)
        case .date:
            guard let d = Verdicts.isoDate(text) else { throw fail(.notAnISODate) }
            return .date(d)
        case .dateTime:
            guard let d = Verdicts.isoDate(text) else { throw fail(.notAnISODateTime) }
            let b = Array(text.utf8)
            var h = 0, m = 0, s = 0
            if b.count >= 19, b[10] == UInt8(ascii: "T") {
                func two(_ i: Int) -> Int? {
                    guard (48...57).contains(b[i]), (48...57).contains(b[i + 1]) else { return nil }
                    return Int(b[i] - 48) * 10 + Int(b[i + 1] - 48)
                }
                guard let hh = two(11), let mm = two(14), let ss = two(17), hh < 24, mm < 60, ss < 60 else { throw fail(.badTimeOfDay) }
                h = hh; m = mm; s = ss
            }
            return .dateTime(DBFDateTime(date: d, hour: h, minute: m, second: s))
        case .logical:
            switch text.lowercased() {
            case "1", "true", "s", "t", "y": return .logical(true)
            case "0", "false", "n", "f": return .logical(false)
            default: throw fail(.notALogical)
            }
        default:
            throw fail(.typeNotWritten("\(f.type)"))
        }
    }
}
