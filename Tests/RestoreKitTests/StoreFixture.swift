import Foundation
import ResgateTestSupport
import XBase

/// A small store made for one test: a DATA folder with live tables and a backup set
/// folder written by hand in the canonical variant (not by our backup writer).
struct StoreFixture {
    let root: String
    var data: String { root + "/DATA" }
    var backup: String { root + "/Quinta_07" }

    /// Removes the folder when the last copy of the fixture goes away.
    private let temp: TempFolder

    init() throws {
        temp = try TempFolder("rktest")
        root = temp.path
        for d in [root + "/DATA", root + "/Quinta_07"] {
            try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        }
    }

    static let clientesBackupFields: [FieldDescriptor] = [
        FieldDescriptor(name: "CODIGO", type: .integer, length: 4),
        FieldDescriptor(name: "NOME", type: .character, length: 40),
        FieldDescriptor(name: "LIMITE", type: .numeric, length: 12, decimals: 2),
        FieldDescriptor(name: "NASC", type: .date, length: 8),
        FieldDescriptor(name: "ATIVO", type: .logical, length: 1),
        FieldDescriptor(name: "OBS", type: .memo, length: 4),
    ]

    /// The live CLIENTES of a newer ERP version: one more field (EMAIL) than the backup.
    func writeLiveClientes(rows: Int = 3) throws {
        var fields = Self.clientesBackupFields
        fields.insert(FieldDescriptor(name: "EMAIL", type: .character, length: 30), at: 2)
        let w = try DBFWriter(path: data + "/CLIENTES.DBF",
                              structure: TableStructure(version: 0x30, codePage: .cp1252, fields: fields))
        for i in 0..<rows {
            try w.append([.integer(Int64(100 + i)), .string("Atual \(i)"), .string("x@y.com"),
                          .number(DecimalNumber(text: "1.00")), .date(nil), .logical(true), .string("memo atual")])
        }
        try w.finish()
    }

    /// Backup of CLIENTES: structure, data text (with a quote, separators and accents) and
    /// the memo archive (memo-only DBF + FPT, zipped with Info-ZIP).
    func writeBackupClientes(extraLine: String? = nil, extraMemo: String? = nil) throws {
        try write(backup + "/CLIENTES_Estr.TXT", """
        # table=CLIENTES codepage=1252 version=0x30 records=\(extraLine == nil ? 3 : 4) updated=2026-11-26\r
        FIELD_NAME;FIELD_TYPE;FIELD_LEN;FIELD_DEC;FIELD_NULL\r
        CODIGO;I;4;0;N\r
        NOME;C;40;0;N\r
        LIMITE;N;12;2;N\r
        NASC;D;8;0;N\r
        ATIVO;L;1;0;N\r
        OBS;M;4;0;N\r

        """, codePage: .cp1252)
        var text = "1,\"José da Silva\",1500.50,19800131,T\r\n"
        text += "2,\"Padaria \"Pão, Quente\"\",0.00,,F\r\n"
        text += "3,\"Ação; teste\",-12.25,20261126,T\r\n"
        if let extra = extraLine { text += extra + "\r\n" }
        try write(backup + "/CLIENTES.TXT", text, codePage: .cp1252)
        let memoDir = root + "/memo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: memoDir, withIntermediateDirectories: true)
        let w = try DBFWriter(path: memoDir + "/CLIENTES.DBF",
                              structure: TableStructure(version: 0x30, codePage: .cp1252,
                                                        fields: [FieldDescriptor(name: "OBS", type: .memo, length: 4)]))
        for m in ["Cliente antigo, paga em dia", "", "Observação com acento"] + (extraMemo.map { [$0] } ?? []) {
            try w.append([.string(m)])
        }
        try w.finish()
        try run("/usr/bin/zip", ["-q", "-X", backup + "/CLIENTES.ZIP", "CLIENTES.DBF", "CLIENTES.FPT"], in: memoDir)
    }

    func write(_ path: String, _ text: String, codePage: CodePage) throws {
        try Data(codePage.encode(text)).write(to: URL(fileURLWithPath: path))
    }

    /// Bytes of every file below `folder` (relative path → bytes), `.resgate` excluded.
    static func snapshot(_ folder: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name != ".resgate" {
            out[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        }
        return out
    }
}

/// Runs a program (added environment `env`) and returns its stdout; throws when it fails.
@discardableResult
func run(_ exe: String, _ args: [String], in dir: String? = nil, env: [String: String] = [:]) throws -> String {
    let r = try ProcessRunner.run(exe, args, environment: env, directory: dir)
    guard r.status == 0 else {
        throw NSError(domain: "run", code: Int(r.status),
                      userInfo: [NSLocalizedDescriptionKey: "\(exe) \(args) exited \(r.status): \(r.err)"])
    }
    return r.out
}

/// Records of a DBF as dbfread (an outside implementation) sees them.
func dbfreadRows(_ path: String) throws -> [[String: Any]] { try Oracle.dbfreadRows(path) }
