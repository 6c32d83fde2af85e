import TOMLKit

/// `[recreate]` in `resgate.toml`: how an authorized note's XML becomes rows of the store's
/// tables (docs/checks.md, "resgate recreate").
///
/// ```toml
/// [recreate]
/// mark = { field = "ORIGEM", value = "RESGATE-XML" }   # written in every row re-created
///
/// [recreate.sales]
/// table = "VENDAS"
/// fields = { NUMERO = "ide/nNF", TOTAL = "total/ICMSTot/vNF", CHAVE = "protNFe/infProt/chNFe",
///            PAGTO = { xml = "pag/detPag/tPag", map = { "03" = "CC" } } }
///
/// [recreate.items]
/// table = "ITENSVENDA"
/// fields = { VENDA = "ide/nNF", PRODUTO = "det/prod/cProd", QTD = "det/prod/qCom" }
/// ```
///
/// A path is read below `infNFe` (`ide/nNF`), or below `nfeProc` when it starts with
/// `protNFe/`; in `[recreate.items]`, paths starting with `det/` are read once per item
/// (`det/@nItem` is the item number); `a|b` takes the first of two paths the note has
/// (`dest/CPF|dest/CNPJ`). When an element repeats (several payments), the
/// first one is used. The field's type decides the conversion: dates and date-times from
/// ISO text, numbers from the XML's decimal text, logicals from 1/0/true/false.
public struct RecreateMapping: Sendable, Codable, Hashable {
    public var sales: TableMapping
    public var items: TableMapping?
    /// The field and value that mark a re-created row, in every table (optional: the rows
    /// are listed in the report all the same).
    public var markField: String?
    public var markValue: String?

    public init(sales: TableMapping, items: TableMapping? = nil, markField: String? = nil, markValue: String? = nil) {
        self.sales = sales; self.items = items; self.markField = markField; self.markValue = markValue
    }
}

public struct TableMapping: Sendable, Codable, Hashable {
    public var table: String
    /// Target field → where its value comes from, in the config's order.
    public var fields: [FieldSource]
    public init(table: String, fields: [FieldSource]) { self.table = table; self.fields = fields }
}

/// Where one target field's value comes from.
public struct FieldSource: Sendable, Codable, Hashable {
    public var field: String
    /// An XML path (see `RecreateMapping`), or nil with a constant `value`.
    public var path: String?
    public var value: String?
    /// Code conversion: XML text → stored text (e.g. tPag "03" → "CC"); a code not in the
    /// map is refused, never guessed.
    public var map: [String: String]?

    public init(field: String, path: String? = nil, value: String? = nil, map: [String: String]? = nil) {
        self.field = field; self.path = path; self.value = value; self.map = map
    }

    /// Whether the value is read once per item (`det/…`).
    public var perItem: Bool { path?.hasPrefix("det/") ?? false }
}

/// Parses `[recreate]`; every error names the entry and the key.
enum RecreateConfigParser {
    static func parse(_ t: TOMLTable, entry: Entry) throws(FiscalError) -> RecreateMapping {
        try entry.onlyKeys(t, ["mark", "sales", "items"])
        guard let st = t["sales"]?.table else { throw entry.error("sales", .required(.salesSection)) }
        var m = RecreateMapping(sales: try table(st, Entry(file: entry.file, name: "[recreate.sales]", line: entry.line)))
        if let it = t["items"] {
            guard let itt = it.table else { throw entry.error("items", .mustBe(.itemsSection)) }
            m.items = try table(itt, Entry(file: entry.file, name: "[recreate.items]", line: entry.line))
        }
        if let mk = t["mark"] {
            guard let mt = mk.table, let f = mt["field"]?.string, let v = mt["value"]?.string, !f.isEmpty else {
                throw entry.error("mark", .mustBe(.mark))
            }
            m.markField = f; m.markValue = v
        }
        return m
    }

    private static func table(_ t: TOMLTable, _ e: Entry) throws(FiscalError) -> TableMapping {
        try e.onlyKeys(t, ["table", "fields"])
        let name = try e.string(t, "table", required: true)!
        guard let ft = t["fields"]?.table, !ft.keys.isEmpty else { throw e.error("fields", .required(.fieldsMap)) }
        var fields: [FieldSource] = []
        for k in ft.keys.sorted() {
            let v = ft[k]!
            if let path = v.string {
                fields.append(FieldSource(field: k, path: try checked(path, e, k)))
            } else if let vt = v.table {
                for key in vt.keys where !["xml", "value", "map"].contains(key) {
                    throw e.error("fields.\(k).\(key)", .unknownKey(known: ["xml", "value", "map"]))
                }
                var src = FieldSource(field: k)
                if let p = vt["xml"]?.string { src.path = try checked(p, e, k) }
                src.value = vt["value"]?.string ?? vt["value"]?.int.map(String.init)
                if (src.path == nil) == (src.value == nil) { throw e.error("fields.\(k)", .xmlOrValue) }
                if let mt = vt["map"] {
                    guard let table = mt.table else { throw e.error("fields.\(k).map", .mustBe(.codeMap)) }
                    var map: [String: String] = [:]
                    for mk in table.keys {
                        guard let s = table[mk]?.string else { throw e.error("fields.\(k).map.\(mk)", .mustBe(.text)) }
                        map[mk] = s
                    }
                    src.map = map
                }
                fields.append(src)
            } else {
                throw e.error("fields.\(k)", .mustBe(.fieldSource))
            }
        }
        return TableMapping(table: name, fields: fields)
    }

    private static func checked(_ path: String, _ e: Entry, _ k: String) throws(FiscalError) -> String {
        let ok = !path.isEmpty && !path.hasPrefix("/") && path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty }
        guard ok else { throw e.error("fields.\(k)", .notAPath(path)) }
        return path
    }
}
