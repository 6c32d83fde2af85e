import XBase

/// The files that make up one table of a set.
public struct TableMembers: Sendable, Hashable {
    /// The table's name as its structure file spells it (`CLIENTES` from `CLIENTES_Estr.TXT`);
    /// always a valid `TableName` (a stem that is not one is a `badTableName` defect).
    public var name: String
    public var tableName: TableName
    public var structure: SetMember?
    /// Data files in reading order: `T.TXT`, or `T_001.TXT`, `T_002.TXT`, …
    public var dataParts: [SetMember] = []
    public var memoArchive: SetMember?
}

/// Sorts a set's members into tables (section 2 of the format): structure, data parts,
/// memo archive; and reports data without structure, gaps in part numbers, and the rest.
struct SetLayout {
    var tables: [TableMembers] = []
    var manifest: SetMember?
    var others: [SetMember] = []
    var defects: [Defect] = []

    init(members: [SetMember]) {
        var byStem: [String: TableMembers] = [:]
        var order: [String] = []
        func stem(_ name: String, dropping suffix: Int) -> String { String(name.dropLast(suffix)) }
        // structures first: they decide what a part is
        for m in members {
            let k = m.key
            if k.hasSuffix("_estr.txt") || k.hasSuffix("_estr.dbf") {
                let name = stem(m.name, dropping: 9)
                // the stem becomes a file name in DATA: only what FoxPro allows in a name
                guard let tableName = TableName(name) else {
                    defects.append(Self.badName(m.name, stem: name))
                    continue
                }
                let key = name.lowercased()
                if var t = byStem[key] {
                    // both a .TXT and a .DBF structure: keep the text, say so
                    defects.append(Defect(.duplicateMember, table: name, file: m.name,
                                          pt: "a tabela tem dois arquivos de estrutura; usado \(t.structure!.name)",
                                          en: "the table has two structure files; \(t.structure!.name) is used"))
                    if k.hasSuffix(".txt") { t.structure = m; byStem[key] = t }
                } else {
                    byStem[key] = TableMembers(name: name, tableName: tableName, structure: m)
                    order.append(key)
                }
            }
        }
        var parts: [String: [(Int, SetMember)]] = [:]
        for m in members {
            let k = m.key
            if k.hasSuffix("_estr.txt") || k.hasSuffix("_estr.dbf") { continue }
            if k == "manifest.json" { manifest = m; continue }
            if k.hasSuffix(".txt") {
                let base = String(k.dropLast(4))
                if byStem[base] != nil {
                    byStem[base]!.dataParts.insert(m, at: 0)
                } else if let (owner, n) = Self.partOf(base), byStem[owner] != nil {
                    parts[owner, default: []].append((n, m))
                } else {
                    defects.append(Defect(.missingStructure, table: String(m.name.dropLast(4)), file: m.name,
                                          pt: "arquivo de dados sem arquivo de estrutura (_Estr)",
                                          en: "data file without a structure file (_Estr)"))
                }
            } else if k.hasSuffix(".zip") {
                let base = String(k.dropLast(4))
                if byStem[base] != nil { byStem[base]!.memoArchive = m } else {
                    defects.append(Defect(.orphanMemoArchive, table: String(m.name.dropLast(4)), file: m.name,
                                          pt: "arquivo de memos sem tabela (nenhum _Estr com esse nome)",
                                          en: "memo archive without a table (no _Estr of that name)"))
                }
            } else {
                others.append(m)
            }
        }
        for key in order {
            var t = byStem[key]!
            if let p = parts[key]?.sorted(by: { $0.0 < $1.0 }) {
                if !t.dataParts.isEmpty {
                    defects.append(Defect(.duplicateMember, table: t.name, file: t.dataParts[0].name,
                                          pt: "a tabela tem \(t.dataParts[0].name) e também partes numeradas; lidos em sequência",
                                          en: "the table has \(t.dataParts[0].name) and numbered parts too; read one after the other"))
                }
                var expected = 1
                for (n, m) in p {
                    if n > expected {
                        let missing = (expected..<n).map { Self.partName(t.name, $0) }.joined(separator: ", ")
                        defects.append(Defect(.missingPart, table: t.name, file: m.name,
                                              pt: "faltam partes antes desta: \(missing)",
                                              en: "parts are missing before this one: \(missing)"))
                    } else if n < expected {
                        defects.append(Defect(.duplicateMember, table: t.name, file: m.name,
                                              pt: "parte número \(n) repetida", en: "part number \(n) repeated"))
                    }
                    expected = n + 1
                    t.dataParts.append(m)
                }
            }
            tables.append(t)
        }
    }

    /// A member named after something that is not a table name: a set-level defect (the
    /// whole set is suspect), the name shown escaped.
    static func badName(_ member: String, stem: String) -> Defect {
        let why: (pt: String, en: String)
        switch TableName.problem(with: stem) {
        case .empty?: why = ("nome vazio", "empty name")
        case .tooLong(let n)?: why = ("\(n) bytes, o máximo é 128", "\(n) bytes, at most 128")
        case .badCharacter(let b)?:
            let c = b >= 0x21 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : String(format: "0x%02X", b)
            why = ("caractere \(c) não permitido", "character \(c) not allowed")
        case nil: why = ("", "")
        }
        return Defect(.badTableName, file: member,
                      pt: "membro \"\(member)\" recusado: \"\(stem)\" não é nome de tabela (só letras, dígitos e _: \(why.pt))",
                      en: "member \"\(member)\" refused: \"\(stem)\" is not a table name (letters, digits and _ only: \(why.en))")
    }

    /// `x_001` → (`x`, 1) when the tail is all digits.
    static func partOf(_ base: String) -> (String, Int)? {
        guard let us = base.lastIndex(of: "_") else { return nil }
        let digits = base[base.index(after: us)...]
        guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits) else { return nil }
        return (String(base[..<us]), n)
    }

    static func partName(_ table: String, _ n: Int) -> String {
        let d = String(n)
        return table + "_" + String(repeating: "0", count: max(0, 3 - d.count)) + d + ".TXT"
    }
}
