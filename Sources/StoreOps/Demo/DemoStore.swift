import BackupSet
import Fiscal
import Foundation
import XBase

/// A small, realistic store for the demo: a dozen VFP tables (clients, products, sales
/// with NFC-e numbers and valid access keys, an audit log big enough to span data parts,
/// memo fields, accented text), the authorized XML the ERP keeps, and a `resgate.toml`.
/// Deterministic: the same folder every time.
public struct DemoStore: Sendable {
    public let root: String
    public var data: String { root + "/dados" }
    public var backups: String { root + "/backup" }
    public var xml: String { root + "/xml" }
    static let cnpj = "12345678000195"

    public init(root: String) { self.root = root }

    static let firstNames = ["José", "Maria", "João", "Ana", "Antônio", "Francisca", "Luís", "Conceição", "Sebastião", "Lúcia"]
    static let lastNames = ["da Silva", "Souza", "Araújo", "Gonçalves", "Conceição", "Patrício", "Magalhães", "Assunção"]
    static let products = ["Pão francês", "Café torrado 500g", "Açúcar cristal 1kg", "Feijão carioca", "Óleo de soja",
                           "Macarrão espaguete", "Leite UHT", "Sabão em pó", "Biscoito maisena", "Guaraná 2L",
                           "Farinha de mandioca", "Queijo minas", "Presunto fatiado", "Maçã gala", "Limão taiti"]

    func field(_ n: String, _ t: FieldType, _ l: Int, _ d: Int = 0, _ flags: FieldFlags = []) -> FieldDescriptor {
        FieldDescriptor(name: n, type: t, length: l, decimals: d, flags: flags)
    }

    func table(_ name: String, _ fields: [FieldDescriptor], rows: [[DBFValue]]) throws {
        let w = try DBFWriter(path: data + "/\(name).DBF",
                              structure: TableStructure(version: 0x30, codePage: .cp1252, fields: fields))
        for r in rows { try w.append(r) }
        try w.finishAndSync()
    }

    public static func key(number: Int, series: Int, date: DBFDate, code: Int, emission: Int = 1) -> String {
        let yymm = String(format: "%02d%02d", date.year % 100, date.month)
        let body = "35" + yymm + cnpj + "65" + String(format: "%03d", series) + String(format: "%09d", number)
            + String(emission) + String(format: "%08d", code)
        return body + String(AccessKey.checkDigit(of: Array(body.utf8)) ?? 0)
    }

    /// The items of sale `n`: product code, quantity, unit price in cents.
    public static func items(of n: Int) -> [(product: Int, quantity: Int, priceCents: Int)] {
        (0..<(1 + n % 3)).map { k in (1 + (n + k) % products.count, 1 + k, 500 + k * 250) }
    }

    /// The store as it was at the backup (`sales` notes issued so far).
    public func build(sales: Int) throws {
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let clients = (1...60).map { i -> [DBFValue] in
            let name = Self.firstNames[i % 10] + " " + Self.lastNames[(i * 7) % 8]
            return [.integer(Int64(i)), .string(name), .string(String(format: "%011d", 10_000_000_000 + i * 7919)),
                    .number(DecimalNumber(mantissa: Int64(50_000 + i * 1250), scale: 2)),
                    .date(DBFDate(year: 1960 + i % 40, month: 1 + i % 12, day: 1 + i % 28)), .logical(i % 9 != 0),
                    .string(i % 4 == 0 ? "Cliente desde \(2000 + i % 20). Prefere pagar no cartão; \"bom pagador\"." : "")]
        }
        try table("CLIENTES", [field("CODIGO", .integer, 4), field("NOME", .character, 40), field("CPF", .character, 11),
                               field("LIMITE", .numeric, 12, 2), field("NASC", .date, 8), field("ATIVO", .logical, 1),
                               field("OBS", .memo, 4)], rows: clients)
        try table("PRODUTOS", [field("CODIGO", .integer, 4), field("DESCRICAO", .character, 40), field("PRECO", .currency, 8),
                               field("ESTOQUE", .numeric, 10, 3), field("UNIDADE", .character, 2), field("NCM", .character, 8)],
                  rows: Self.products.enumerated().map { i, p in
                      [.integer(Int64(i + 1)), .string(p), .currency(DecimalNumber(mantissa: Int64(199 + i * 137) * 100, scale: 4)),
                       .number(DecimalNumber(mantissa: Int64(10_000 + i * 3_250), scale: 3)), .string(i == 0 ? "KG" : "UN"),
                       .string(String(format: "%08d", 19_059_000 + i))]
                  })
        var vendas: [[DBFValue]] = []
        var itens: [[DBFValue]] = []
        let day = DBFDate(year: 2026, month: 11, day: 26)
        for n in 1...sales {
            let items = Self.items(of: n)
            let gross = items.reduce(0) { $0 + $1.quantity * $1.priceCents }
            let discount = n % 5 == 0 ? 50 : 0
            let total = DecimalNumber(mantissa: Int64(gross - discount), scale: 2)
            let t = DBFDateTime(date: day, hour: 7 + n / 12, minute: (n * 5) % 60, second: 0)
            vendas.append([.number(DecimalNumber(Int64(n))), .string("1"), .string("65"), .date(day), .dateTime(t),
                           .integer(Int64(1 + n % 60)), .number(total), .string(n % 3 == 0 ? "03" : "01"),
                           .logical(false), .string(Self.key(number: n, series: 1, date: day, code: 10_000 + n)),
                           .string(n % 4 == 0 ? String(format: "%011d", 10_000_000_000 + n * 7919) : ""),
                           .number(DecimalNumber(mantissa: Int64(discount), scale: 2)), .number(total),
                           .string(String(format: "1352600000%05d", n)), .string("")])
            for it in items {
                let p = Self.products[(it.product - 1) % Self.products.count]
                itens.append([.number(DecimalNumber(Int64(n))), .integer(Int64(it.product)),
                              .number(DecimalNumber(mantissa: Int64(it.quantity), scale: 0)),
                              .number(DecimalNumber(mantissa: Int64(it.priceCents), scale: 2)), .string(p),
                              .number(DecimalNumber(mantissa: Int64(it.quantity * it.priceCents), scale: 2)),
                              .string("5102"), .string(String(format: "%08d", 19_059_000 + it.product - 1)), .string("")])
            }
        }
        try table("VENDAS", [field("NUMERO", .numeric, 9), field("SERIE", .character, 3), field("MODELO", .character, 2),
                             field("EMISSAO", .date, 8), field("DTHORA", .dateTime, 8), field("CLIENTE", .integer, 4),
                             field("TOTAL", .numeric, 12, 2), field("PAGTO", .character, 2), field("CANCELADO", .logical, 1),
                             field("CHAVE", .character, 44), field("CPFCNPJ", .character, 14), field("DESCONTO", .numeric, 12, 2),
                             field("VALPAGO", .numeric, 12, 2), field("PROTOCOLO", .character, 15), field("ORIGEM", .character, 12)],
                  rows: vendas)
        try table("ITENSVENDA", [field("VENDA", .numeric, 9), field("PRODUTO", .integer, 4), field("QTD", .numeric, 10, 3),
                                 field("PRECO", .numeric, 12, 2), field("DESCRICAO", .character, 40), field("TOTAL", .numeric, 12, 2),
                                 field("CFOP", .character, 4), field("NCM", .character, 8), field("ORIGEM", .character, 12)],
                  rows: itens)
        try table("PARAM", [field("CHAVE", .character, 20), field("VALOR", .character, 60)],
                  rows: [[.string("ULTNFCE"), .string(String(sales))], [.string("SERIENFCE"), .string("1")],
                         [.string("CNPJ"), .string(Self.cnpj)], [.string("RAZAO"), .string("Mercadinho São João Ltda.")]])
        try table("FORNECEDORES", [field("CODIGO", .integer, 4), field("RAZAO", .character, 50), field("CNPJ", .character, 14),
                                   field("CONTATO", .memo, 4)],
                  rows: (1...8).map { [.integer(Int64($0)), .string("Distribuidora Ação \($0) Ltda."),
                                       .string(String(format: "%014d", 98_765_432_000_100 + $0)),
                                       .string("Falar com \(Self.firstNames[$0 % 10]); entrega às terças.\r\nTel. (11) 5555-01\($0)")] })
        try table("FUNCIONARIOS", [field("CODIGO", .integer, 4), field("NOME", .character, 40), field("FUNCAO", .character, 20),
                                   field("ADMISSAO", .date, 8), field("SALARIO", .currency, 8)],
                  rows: (1...6).map { [.integer(Int64($0)), .string(Self.firstNames[$0] + " " + Self.lastNames[$0]),
                                       .string($0 == 1 ? "Gerente" : "Operador de caixa"),
                                       .date(DBFDate(year: 2015 + $0, month: $0, day: 10)),
                                       .currency(DecimalNumber(mantissa: Int64(1_800_00 + $0 * 15_000) * 100, scale: 4))] })
        try table("CAIXA", [field("DATA", .date, 8), field("OPERADOR", .integer, 4), field("ABERTURA", .numeric, 12, 2),
                            field("FECHAMENTO", .numeric, 12, 2), field("FECHADO", .logical, 1)],
                  rows: (1...20).map { [.date(DBFDate(year: 2026, month: 11, day: 6 + $0)), .integer(Int64(2 + $0 % 5)),
                                        .number(DecimalNumber(mantissa: 20_000, scale: 2)),
                                        .number(DecimalNumber(mantissa: Int64(150_000 + $0 * 3_131), scale: 2)), .logical(true)] })
        try table("CATEGORIAS", [field("CODIGO", .integer, 4), field("NOME", .character, 30)],
                  rows: ["Padaria", "Mercearia", "Bebidas", "Limpeza", "Hortifrúti", "Frios e laticínios"].enumerated()
                      .map { [.integer(Int64($0.offset + 1)), .string($0.element)] })
        try table("CONTAS", [field("DOCUMENTO", .character, 15), field("VENCIMENTO", .date, 8), field("VALOR", .numeric, 12, 2),
                             field("PAGO", .logical, 1), field("HISTORICO", .memo, 4)],
                  rows: (1...15).map { [.string("NF \(1000 + $0)"), .date(DBFDate(year: 2026, month: 12, day: $0)),
                                        .number(DecimalNumber(mantissa: Int64(45_000 + $0 * 999), scale: 2)), .logical($0 < 5),
                                        .string($0 % 2 == 0 ? "Boleto \($0)/12 — fornecedor de bebidas" : "")] })
        try table("MOVESTOQUE", [field("PRODUTO", .integer, 4), field("DATA", .date, 8), field("TIPO", .character, 1),
                                 field("QTD", .numeric, 10, 3), field("MOTIVO", .character, 30)],
                  rows: (1...45).map { [.integer(Int64(1 + $0 % Self.products.count)), .date(DBFDate(year: 2026, month: 11, day: 1 + $0 % 26)),
                                        .string($0 % 4 == 0 ? "S" : "E"), .number(DecimalNumber(mantissa: Int64($0 * 1_500), scale: 3)),
                                        .string($0 % 4 == 0 ? "Perda/avaria" : "Compra de mercadoria")] })
        // the audit log: big enough that the backup writes it in numbered parts
        var audit: [[DBFValue]] = []
        for i in 1...6_000 {
            audit.append([.integer(Int64(i)), .dateTime(DBFDateTime(date: day, milliseconds: (i * 997) % 86_400_000)),
                          .string(["VENDA", "CAIXA", "ESTOQUE", "LOGIN"][i % 4]),
                          .string("Operação \(i) registrada pelo usuário \(Self.firstNames[i % 10])")])
        }
        try table("AUDITORIA", [field("ID", .integer, 4), field("MOMENTO", .dateTime, 8), field("ROTINA", .character, 10),
                                field("DESCRICAO", .character, 80)], rows: audit)
    }

    /// The fiscal XML of the store (see `DemoFiscal` for every case it holds) and the
    /// store's `resgate.toml`.
    public func writeXML() throws {
        try DemoFiscal(store: self).write()
        try DemoFiscal.config.write(toFile: data + "/resgate.toml", atomically: true, encoding: .utf8)
    }

    /// The whole demo: the store at Wednesday 19h and Thursday 07h, a backup of each, then
    /// 12 more sales with their authorized XML, then VENDAS damaged by a crash.
    public func buildWithBackups() throws {
        try build(sales: 30)
        try backup(name: "Quarta_19")
        try build(sales: 40)
        try backup(name: "Quinta_07")
        try build(sales: 52)
        try writeXML()
        try corruptSales()
    }

    /// A set of DATA as it is now, in parts of 128 KiB so the audit log spans parts.
    public func backup(name: String) throws {
        try FileManager.default.createDirectory(atPath: backups, withIntermediateDirectories: true)
        var w = BackupWriter(dataFolder: data, root: backups)
        w.name = name
        w.partBytes = 128 << 10
        _ = try w.write()
    }

    /// What a crash mid-write does to a table: garbage over a record and a count that
    /// claims records the file does not have.
    public func corruptSales() throws {
        let h = try FileHandle(forUpdating: URL(fileURLWithPath: data + "/VENDAS.DBF"))
        defer { try? h.close() }
        let header = try h.read(upToCount: 12) ?? Data()
        guard header.count == 12 else { return }
        let headerLength = Int(header[8]) | Int(header[9]) << 8
        let recordLength = Int(header[10]) | Int(header[11]) << 8
        try h.seek(toOffset: UInt64(headerLength + recordLength * 44 + 16))
        try h.write(contentsOf: Data([0x00, 0xFF, 0x7F, 0x13, 0x00, 0xFF, 0x41, 0x42]))
        try h.seek(toOffset: 4)
        try h.write(contentsOf: Data([60, 0, 0, 0]))
    }
}
