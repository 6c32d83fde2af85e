import Foundation
import XBase

/// A small store made for one test: a DATA folder with live tables and a backup set
/// folder written by hand in the canonical variant (not by our backup writer).
struct StoreFixture {
    let root: String
    var data: String { root + "/DATA" }
    var backup: String { root + "/Quinta_07" }

    init() throws {
        root = NSTemporaryDirectory() + "rktest-" + UUID().uuidString
        for d in [root, root + "/DATA", root + "/Quinta_07"] {
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

@discardableResult
func run(_ exe: String, _ args: [String], in dir: String? = nil, env: [String: String]? = nil) throws -> String {
    let p = Process()
    if let env { p.environment = env }
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = args
    if let dir { p.currentDirectoryURL = URL(fileURLWithPath: dir) }
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let out = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
        throw NSError(domain: "run", code: Int(p.terminationStatus),
                      userInfo: [NSLocalizedDescriptionKey: "\(exe) \(args) exited \(p.terminationStatus)"])
    }
    return String(decoding: out, as: UTF8.self)
}

/// Records of a DBF as dbfread (an outside implementation) sees them, as JSON text rows.
func dbfreadRows(_ path: String) throws -> [[String: Any]] {
    let script = """
    import dbfread, json, sys, datetime, decimal
    def conv(v):
        if isinstance(v, (datetime.date, datetime.datetime)): return v.isoformat()
        if isinstance(v, decimal.Decimal): return str(v)
        if isinstance(v, bytes): return v.hex()
        return v
    t = dbfread.DBF(sys.argv[1], encoding='cp1252')
    print(json.dumps([{k: conv(v) for k, v in r.items()} for r in t]))
    """
    let out = try run("/usr/bin/env", ["python3", "-c", script, path])
    return try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]] ?? []
}
