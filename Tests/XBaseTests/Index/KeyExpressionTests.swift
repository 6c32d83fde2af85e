import Testing
@testable import XBase

/// Key expressions against one synthetic record, byte for byte.
@Suite struct KeyExpressionTests {
    static let fields: [FieldDescriptor] = [
        FieldDescriptor(name: "NOME", type: .character, length: 10, offset: 1),
        FieldDescriptor(name: "VALOR", type: .numeric, length: 8, decimals: 2, offset: 11),
        FieldDescriptor(name: "DATA", type: .date, length: 8, offset: 19),
        FieldDescriptor(name: "ATIVO", type: .logical, length: 1, offset: 27),
        FieldDescriptor(name: "QTD", type: .integer, length: 4, offset: 28),
        FieldDescriptor(name: "VAZIA", type: .date, length: 8, offset: 32),
    ]
    static let record: [UInt8] = [0x20] + [0x4A, 0x6F, 0x73, 0xE9] + Array("      ".utf8) + Array("  -12.50".utf8)
        + Array("20240131".utf8) + Array("T".utf8) + [7, 0, 0, 0] + Array("        ".utf8)

    func key(_ expr: String, length: Int, for cond: String = "", options: CDXTagOptions = []) throws -> [UInt8]? {
        let tag = CDXTagHeader.fresh(name: "T", keyExpression: expr, forExpression: cond, keyLength: length,
                                     unique: false, descending: false, extraOptions: options)
        let b = try TagKeyBuilder(tag: tag, fields: Self.fields, codePage: .cp1252, file: "t.cdx")
        var out: [UInt8] = []
        let kept = Self.record.withUnsafeBytes { b.key(record: $0, recno: 1, into: &out) }
        return kept ? out : nil
    }
    func text(_ expr: String, length: Int) throws -> String {
        String(decoding: try key(expr, length: length) ?? [], as: UTF8.self)
    }

    @Test func characterFunctions() throws {
        #expect(try key("UPPER(NOME)", length: 10) == [0x4A, 0x4F, 0x53, 0xC9] + [UInt8](repeating: 0x20, count: 6))
        #expect(try key("LOWER(UPPER(NOME))", length: 4) == [0x6A, 0x6F, 0x73, 0xE9])
        #expect(try key("SUBSTR(NOME,2,3)", length: 3) == [0x6F, 0x73, 0xE9])
        #expect(try key("PADL(ALLTRIM(NOME),6,'*')", length: 6) == Array("**Jos".utf8) + [0xE9])
        #expect(try key("NOME - 'X'", length: 11) == Array("Jos".utf8) + [0xE9, 0x58] + [UInt8](repeating: 0x20, count: 6))
        #expect(try text("LEFT(NOME,2)+RIGHT('abc',2)", length: 4) == "Jobc")
        #expect(try text("IIF(ATIVO,'S','N')+IIF(EMPTY(VAZIA),'v','x')", length: 2) == "Sv")
        #expect(try text("clientes.NOME+clientes->NOME", length: 3) == "Jos")
        #expect(try text("DTOS(DATA)+DTOC(DATA,1)+DTOS(VAZIA)", length: 24) == "2024013120240131        ")
    }

    @Test func strFollowsFoxPro() throws {
        #expect(try text("STR(VALOR,8,2)", length: 8) == "  -12.50")
        #expect(try text("STR(VALOR)", length: 10) == "       -13")
        #expect(try text("STR(VALOR,3)", length: 3) == "-13")
        #expect(try text("STR(VALOR,2)", length: 2) == "**")
        #expect(try text("STR(QTD,5)+STR(VAL('3.14159'),6,3)", length: 11) == "    7 3.142")
        #expect(try text("STR(INT(VALOR*-2.5),4)", length: 4) == "  31")
    }

    @Test func binaryKeysSortLikeTheirValues() throws {
        #expect(try key("VALOR", length: 8) == be(TagKeyBuilder.orderedBits(-12.5)))
        #expect(try key("DATA", length: 8) == be(TagKeyBuilder.orderedBits(Double(DBFDate(year: 2024, month: 1, day: 31).julianDay))))
        #expect(try key("VAZIA", length: 8) == [0x80, 0, 0, 0, 0, 0, 0, 0])
        #expect(try key("QTD", length: 4) == [0x80, 0, 0, 7])
        #expect(try key("QTD", length: 8) == be(TagKeyBuilder.orderedBits(7)))
        #expect(try key("BINTOC(QTD)", length: 4) == [0x80, 0, 0, 7])
        #expect(try key("ATIVO", length: 1) == [0x54])
        #expect(try key("NOME", length: 11, options: .nullableKey) == [0x80] + Array("Jos".utf8) + [0xE9] + [UInt8](repeating: 0x20, count: 6))
        let values: [Double] = [-1e10, -1, -0.5, 0, 0.25, 1, 1e10]
        let encoded = values.map { be(TagKeyBuilder.orderedBits($0)) }
        #expect(encoded == encoded.sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test func forConditions() throws {
        #expect(try key("NOME", length: 10, for: "VALOR < 0 .AND. ATIVO") != nil)
        #expect(try key("NOME", length: 10, for: "VALOR > 0 OR !ATIVO") == nil)
        #expect(try key("NOME", length: 10, for: ".NOT.DELETED()") != nil)
        // Expression text holds code-page bytes (read as Latin-1), so the literal's É is 0xC9.
        #expect(try key("NOME", length: 10, for: "TRIM(UPPER(NOME))=='JOSÉ'") != nil)
        #expect(try key("NOME", length: 10, for: "TRIM(UPPER(NOME))=='JOSE'") == nil)
        #expect(try key("NOME", length: 10, for: "NOME = 'Jo'") != nil)
        #expect(try key("NOME", length: 10, for: "NOME == 'Jo'") == nil)
        #expect(try key("NOME", length: 10, for: "'os' $ NOME .AND. DATA > VAZIA") != nil)
    }

    @Test func unsupportedThingsAreRefused() {
        for bad in ["SOUNDEX(NOME)", "DTOC(DATA)", "NOME + VALOR", "UPPER(NOME", "FALTA", "TTOC(DATA,1)", "BINTOC(QTD,3)"] {
            #expect(throws: CDXError.self, "\(bad)") { _ = try key(bad, length: 10) }
        }
        #expect(throws: CDXError.self) { _ = try key("VALOR", length: 10) }
        #expect(throws: CDXError.self) { _ = try key("NOME", length: 10, for: "NOME") }
    }

    @Test func nonMachineCollationIsRefused() throws {
        var tag = CDXTagHeader.fresh(name: "T", keyExpression: "NOME", forExpression: "", keyLength: 10, unique: false, descending: false)
        tag.collationName = "GENERAL"
        #expect(throws: CDXError.unsupportedCollation(file: "t.cdx", tag: "T", collation: "GENERAL")) {
            _ = try TagKeyBuilder(tag: tag, fields: Self.fields, codePage: .cp1252, file: "t.cdx")
        }
    }

    func be(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: v >> UInt64(8 * (7 - $0))) } }
}
