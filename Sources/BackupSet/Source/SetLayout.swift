import ResgateLocale
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
                    defects.append(Defect(.duplicateMember, table: name, file: m.name, .set(.twoStructureFiles(used: t.structure!.name))))
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
                                          .set(.dataWithoutStructure)))
                }
            } else if k.hasSuffix(".zip") {
                let base = String(k.dropLast(4))
                if byStem[base] != nil { byStem[base]!.memoArchive = m } else {
                    defects.append(Defect(.orphanMemoArchive, table: String(m.name.dropLast(4)), file: m.name,
                                          .set(.memoArchiveWithoutTable)))
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
                                          .set(.plainAndNumberedParts(t.dataParts[0].name))))
                }
                var expected = 1
                for (n, m) in p {
                    if n > expected {
                        let missing = (expected..<n).map { Self.partName(t.name, $0) }
                        defects.append(Defect(.missingPart, table: t.name, file: m.name, .set(.partsMissing(missing))))
                    } else if n < expected {
                        defects.append(Defect(.duplicateMember, table: t.name, file: m.name, .set(.partRepeated(n))))
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
        let why: TableNameFault?
        switch TableName.problem(with: stem) {
        case .empty?: why = .empty
        case .tooLong(let n)?: why = .tooLong(n)
        case .badCharacter(let b)?: why = .badCharacter(b)
        case nil: why = nil
        }
        return Defect(.badTableName, file: member, .set(.badTableName(member: member, stem: stem, why)))
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
