import Foundation
import ResgateLocale
import XBase

/// Variant B: the text of FoxPro's `LIST STRUCTURE TO FILE`, English or Portuguese:
///
///     Structure for table:    C:\PROSYSTEM\DADOS\CLIENTES.DBF
///     Number of data records: 1532
///     Date of last update:    11/26/26
///     Code Page:              1252
///     Field  Field Name      Type                Width    Dec   Index   Collate Nulls
///         1  CODIGO          Integer                 4                          No
///         2  NOME            Character              40                          No
///     ** Total **                                   45
enum ListStructureParser {
    /// Whether the text looks like LIST STRUCTURE output.
    static func recognizes(_ text: String) -> Bool {
        let f = StructureText.fold(text.prefix(4000))
        return f.contains("structure for table") || f.contains("estrutura da tabela")
            || f.contains("** total **") || f.contains("number of data records")
            || f.contains("numero de registros")
    }

    /// Type words (folded) to letters; the first word decides, `(binary)` sets NOCPTRANS.
    static let typeWords: [String: FieldType] = [
        "character": .character, "caractere": .character, "caracter": .character, "char": .character,
        "numeric": .numeric, "numerico": .numeric, "float": .float, "flutuante": .float,
        "date": .date, "data": .date, "logical": .logical, "logico": .logical,
        "memo": .memo, "general": .general, "geral": .general, "integer": .integer, "inteiro": .integer,
        "currency": .currency, "moeda": .currency, "double": .double, "duplo": .double, "dupla": .double,
        "datetime": .dateTime, "datahora": .dateTime, "data/hora": .dateTime,
        "varchar": .varchar, "varbinary": .varbinary, "blob": .blob, "picture": .picture, "figura": .picture,
    ]

    static func parse(_ text: String, table: String, file: String) -> (BackupStructure?, [Defect]) {
        var s = BackupStructure(fields: [], variant: .listStructure)
        var defects: [Defect] = []
        var fields: [FieldDescriptor] = []
        for (n, raw) in StructureText.lines(text) {
            let folded = StructureText.fold(raw)
            if let colon = raw.firstIndex(of: ":"), fields.isEmpty {
                let value = raw[raw.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if folded.hasPrefix("code page") || folded.hasPrefix("pagina de codigo") || folded.hasPrefix("codepage")
                    || folded.hasPrefix("codigo de pagina") {
                    s.codePage = Int(value).flatMap { (0...65_535).contains($0) ? $0 : nil }; continue
                }
                if folded.hasPrefix("number of data records") || folded.hasPrefix("numero de registros") {
                    s.records = StructureText.recordCount(value)
                    if s.records == nil {
                        defects.append(Defect(.badStructure, table: table, file: file, line: n,
                                              .structure(.badRecordCount(String(value.prefix(40))))))
                    }
                    continue
                }
                if folded.hasPrefix("date of last update") || folded.hasPrefix("data da ultima") {
                    s.updated = value; continue
                }
            }
            if folded.contains("** total") { break }
            let tokens = raw.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard tokens.count >= 4, Int(tokens[0]) != nil else { continue }
            let name = tokens[1]
            var i = 2
            var words: [String] = []
            while i < tokens.count, Int(tokens[i]) == nil { words.append(StructureText.fold(tokens[i])); i += 1 }
            guard i < tokens.count, let width = Int(tokens[i]), StructureText.widths.contains(width) else {
                defects.append(Defect(.badStructure, table: table, file: file, line: n, field: name,
                                      .structure(.noWidth))); continue
            }
            i += 1
            var dec = 0
            if i < tokens.count, let d = Int(tokens[i]) {
                guard StructureText.decimals.contains(d) else {
                    defects.append(Defect(.badStructure, table: table, file: file, line: n, field: name,
                                          .structure(.badDecimals(d)))); continue
                }
                dec = d; i += 1
            }
            let joined = words.joined(separator: " ")
            var type: FieldType? = words.first.flatMap { typeWords[$0] }
            if joined.hasPrefix("data e hora") || joined.hasPrefix("date time") || joined.hasPrefix("data hora") { type = .dateTime }
            guard let type else {
                defects.append(Defect(.badStructure, table: table, file: file, line: n, field: name,
                                      .structure(.unknownType(words.joined(separator: " "))))); continue
            }
            let binary = joined.contains("binary") || joined.contains("binario")
            let autoinc = joined.contains("autoinc")
            let rest = tokens[i...].map { StructureText.fold($0) }
            // Index (Asc/Desc), Collate (Machine…), Nulls (Yes/No), then Next/Step for AutoInc
            let nullable = rest.contains { $0 == "yes" || $0 == "sim" }
            fields.append(StructureText.field(name: name, type: type, length: width, decimals: dec,
                                              nullable: nullable, binary: binary, autoIncrement: autoinc))
        }
        if fields.isEmpty {
            defects.append(Defect(.badStructure, table: table, file: file, .structure(.noFieldLine)))
            return (nil, defects)
        }
        switch StructureText.layOut(fields, table: table, file: file) {
        case .success(let laid): s.fields = laid
        case .failure(let d): return (nil, defects + [d])
        }
        return (s, defects)
    }
}
