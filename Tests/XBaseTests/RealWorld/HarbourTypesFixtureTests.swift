import Foundation
import Testing
@testable import XBase

/// Tables written by Harbour's own DBFCDX with its extended field types (`+` auto-increment,
/// `@` timestamp, `=` modification time, `^` row version, `I`), and Harbour's own dump of
/// every value (`hb_TToS`, `hb_ntos`, `Str`, `DToS`): the outside oracle for issue 13's
/// class 1 on real files, not byte-built ones. See Fixtures/harbour-types/README.md.
@Suite struct HarbourTypesFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/harbour-types").path

    /// Harbour's dump: one line per record, fields split by `|`, Latin-1 like the table.
    static func dump(_ name: String) throws -> [[String]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        let text = String(data.map { Character(Unicode.Scalar($0)) })
        return text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
    }

    /// A value as Harbour's dump spells it.
    static func harbourText(_ v: DBFValue, width: Int? = nil) -> String {
        switch v {
        case .null: return ""
        case .string(let s): return s
        case .integer(let i): return String(i)
        case .number(let d): return d.map { $0.description } ?? ""
        case .date(let d): return d?.dtos ?? ""
        case .dateTime(let t):
            // hb_TToS: YYYYMMDDhhmmssfff, all zeros when empty
            guard let t else { return String(repeating: "0", count: 17) }
            return t.compact + String(format: "%03d", t.millisecond)
        case .logical(let b): return b.map { $0 ? "T" : "F" } ?? ""
        default: return "\(v)"
        }
    }

    func compare(table: String, dump: String, columns: [String?], deletedColumn: Int?) throws {
        let t = try DBFTable.open(path: Self.folder + "/" + table)
        let lines = try Self.dump(dump)
        #expect(lines.count == t.header.recordCount && !lines.isEmpty)
        var compared = 0
        try t.forEachRecord { r in
            let line = lines[r.index]
            #expect(line[0] == String(r.number))
            if let dc = deletedColumn { #expect((line[dc] == "*") == r.isDeleted, "record \(r.number)") }
            for (i, name) in columns.enumerated() {
                guard let name, let f = t.fields.first(where: { $0.name == name }) else { continue }
                let ours = Self.harbourText(try r.value(f)).trimmingCharacters(in: .whitespaces)
                #expect(ours == line[i].trimmingCharacters(in: .whitespaces), "\(table) record \(r.number) field \(name)")
                compared += 1
            }
        }
        #expect(compared >= lines.count * columns.compactMap { $0 }.count)
    }

    @Test func everyValueOfAMemoTableEqualsHarbours() throws {
        // recno|deleted|ID|NOME|QTD|PRECO|CRIADO|ALTERADO|VERSAO|INTEIRO|DIA|OBS
        try compare(table: "htypes.dbf", dump: "htypes.txt",
                    columns: [nil, nil, "ID", "NOME", "QTD", "PRECO", "CRIADO", "ALTERADO", "VERSAO", "INTEIRO", "DIA", "OBS"],
                    deletedColumn: 1)
    }

    @Test func everyValueOfATableWithoutMemoEqualsHarbours() throws {
        // recno|ID|CRIADO|VERSAO|VALOR|ATIVO
        try compare(table: "hsemmemo.dbf", dump: "hsemmemo.txt",
                    columns: [nil, "ID", "CRIADO", "VERSAO", "VALOR", "ATIVO"], deletedColumn: nil)
    }

    @Test func harbourTablesAreHealthyAndTheirIndexesAgree() throws {
        for name in ["htypes", "hsemmemo"] {
            let dbf = Self.folder + "/" + name + ".dbf"
            let table = try DBFTable.open(path: dbf)
            #expect(table.header.fields.contains { $0.type == .timestamp }, "\(name): @ read as Harbour's timestamp")
            let defects = IndexVerifier.verify(table: table, indexPath: Self.folder + "/" + name + ".cdx")
            // every tag, those keyed on Harbour's `@` and `+` fields included, holds exactly
            // the keys we compute for every record
            #expect(defects.isEmpty, "\(name): \(defects)")
        }
    }
}
