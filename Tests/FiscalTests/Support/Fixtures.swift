import Foundation
import ResgateTestSupport
import XBase
@testable import Fiscal

/// Builds access keys and real-shaped fiscal XML for tests. The check digit here is an
/// independent implementation (weights listed explicitly), cross-checked against
/// published keys in AccessKeyTests, so fixtures do not lean on the code under test.
enum Fixtures {
    /// The `[[fiscal.sequence]]` entry of the test stores' VENDAS table (NUMERO, SERIE,
    /// MODELO, CHAVE), with the issuer's CNPJ when given.
    static func salesSequence(cnpj: String? = nil) -> String {
        """
        [[fiscal.sequence]]
        table = "VENDAS"
        number = "NUMERO"
        series = "SERIE"
        model = "MODELO"
        key = "CHAVE"
        """ + (cnpj.map { "\ncnpj_value = \"\($0)\"" } ?? "")
    }

    static func checkDigit(_ first43: String) -> Int {
        let weights = [2, 3, 4, 5, 6, 7, 8, 9]
        var sum = 0
        for (i, ch) in first43.unicodeScalars.reversed().enumerated() {
            sum += (Int(ch.value) - 48) * weights[i % 8]
        }
        let r = sum % 11
        return r == 0 || r == 1 ? 0 : 11 - r
    }

    static func pad(_ v: Int, _ w: Int) -> String {
        let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s
    }

    /// A key; `wrongDigit` adds 1 (mod 10) to the right check digit.
    static func key(uf: Int = 35, yymm: String = "2607", cnpj: String, model: Int, series: Int, number: Int,
                    emission: Int = 1, code: Int = 12345678, wrongDigit: Bool = false) -> String {
        let body = pad(uf, 2) + yymm + cnpj + pad(model, 2) + pad(series, 3) + pad(number, 9) + String(emission) + pad(code, 8)
        let dv = checkDigit(body)
        return body + String(wrongDigit ? (dv + 1) % 10 : dv)
    }

    struct Style {
        var pretty = true
        var prefix: String? = nil
        var bom = false
        var namespace = true
    }

    /// Wraps element names with the prefix and pretty-prints or not.
    private static func render(_ tree: Node, _ s: Style) -> String {
        var out = s.bom ? "\u{FEFF}" : ""
        out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + (s.pretty ? "\n" : "")
        out += tree.render(prefix: s.prefix, pretty: s.pretty, depth: 0, rootNamespace: s.namespace)
        return out
    }

    indirect enum Node {
        case el(String, attrs: String = "", [Node])
        case leaf(String, String)

        func render(prefix: String?, pretty: Bool, depth: Int, rootNamespace: Bool) -> String {
            let ind = pretty ? String(repeating: "  ", count: depth) : ""
            let nl = pretty ? "\n" : ""
            let p = prefix.map { $0 + ":" } ?? ""
            switch self {
            case let .leaf(name, text):
                return "\(ind)<\(p)\(name)>\(text)</\(p)\(name)>\(nl)"
            case let .el(name, attrs, kids):
                var a = attrs
                if depth == 0 && rootNamespace {
                    a += prefix.map { " xmlns:\($0)=\"http://www.portalfiscal.inf.br/nfe\"" } ?? " xmlns=\"http://www.portalfiscal.inf.br/nfe\""
                }
                return "\(ind)<\(p)\(name)\(a)>\(nl)" + kids.map { $0.render(prefix: prefix, pretty: pretty, depth: depth + 1, rootNamespace: rootNamespace) }.joined() + "\(ind)</\(p)\(name)>\(nl)"
            }
        }
    }

    /// An authorized NF-e/NFC-e (`nfeProc`) as the ERP saves it, signature included.
    static func nfeProc(cnpj: String, model: Int, series: Int, number: Int, key: String? = nil,
                        status: Int = 100, environment: Int = 1, issued: String = "2026-07-10T10:15:00-03:00",
                        withProtocol: Bool = true, emission: Int = 1, entry: Bool = false, style: Style = Style()) -> String {
        let k = key ?? Self.key(cnpj: cnpj, model: model, series: series, number: number, emission: emission)
        var kids: [Node] = [
            .el("NFe", [
                .el("infNFe", attrs: " Id=\"NFe\(k)\" versao=\"4.00\"", [
                    .el("ide", [.leaf("cUF", "35"), .leaf("cNF", "12345678"), .leaf("natOp", "VENDA &amp; TROCA"),
                                .leaf("mod", String(model)), .leaf("serie", String(series)), .leaf("nNF", String(number)),
                                .leaf("dhEmi", issued), .leaf("tpNF", entry ? "0" : "1"), .leaf("tpEmis", String(emission)),
                                .leaf("cDV", String(k.suffix(1))), .leaf("tpAmb", String(environment))]),
                    .el("emit", [.leaf("CNPJ", cnpj), .leaf("xNome", "LOJA <TESTE> LTDA".replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")),
                                 .el("enderEmit", [.leaf("xLgr", "RUA A"), .leaf("nro", "1")])]),
                    .el("dest", [.leaf("CNPJ", "99999999000191"), .leaf("xNome", "CLIENTE")]),
                    .el("det", attrs: " nItem=\"1\"", [.el("prod", [.leaf("cProd", "1"), .leaf("xProd", "CAFÉ 500G"), .leaf("vProd", "19.90")])]),
                    .el("total", [.el("ICMSTot", [.leaf("vNF", "19.90")])]),
                ]),
                .el("infNFeSupl", [.leaf("qrCode", "<![CDATA[https://www.nfce.fazenda.sp.gov.br/qrcode?p=\(k)|2|1|1|ABCDEF>]]>")]),
                .el("Signature", attrs: " xmlns=\"http://www.w3.org/2000/09/xmldsig#\"", [
                    .el("SignedInfo", [.leaf("DigestValue", "q1w2e3r4t5y6u7i8o9p0==")]),
                    .leaf("SignatureValue", String(repeating: "QUJDREVGR0g=", count: 40)),
                ]),
            ]),
        ]
        if withProtocol {
            kids.append(.el("protNFe", attrs: " versao=\"4.00\"", [
                .el("infProt", [.leaf("tpAmb", String(environment)), .leaf("verAplic", "SP_NFE_PL009_V4"), .leaf("chNFe", k),
                                .leaf("dhRecbto", "2026-07-10T10:15:03-03:00"), .leaf("nProt", "135260000\(Self.pad(number, 6))"),
                                .leaf("digVal", "q1w2e3r4t5y6u7i8o9p0="), .leaf("cStat", String(status)),
                                .leaf("xMotivo", "Autorizado o uso da NF-e")]),
            ]))
        }
        return render(.el("nfeProc", attrs: " versao=\"4.00\"", kids), style)
    }

    /// A voided range (`procInutNFe`, or `ProcInutNFe` when `capitalized`).
    static func procInut(cnpj: String, model: Int, series: Int, first: Int, last: Int, status: Int = 102,
                         capitalized: Bool = false, style: Style = Style()) -> String {
        let inf: [Node] = [.leaf("tpAmb", "1"), .leaf("xServ", "INUTILIZAR"), .leaf("cUF", "35"), .leaf("ano", "26"),
                           .leaf("CNPJ", cnpj), .leaf("mod", String(model)), .leaf("serie", String(series)),
                           .leaf("nNFIni", String(first)), .leaf("nNFFin", String(last)), .leaf("xJust", "Falha no sistema do PDV")]
        let tree = Node.el(capitalized ? "ProcInutNFe" : "procInutNFe", attrs: " versao=\"4.00\"", [
            .el("inutNFe", attrs: " versao=\"4.00\"", [.el("infInut", attrs: " Id=\"ID35\(cnpj)\"", inf)]),
            .el("retInutNFe", attrs: " versao=\"4.00\"", [.el("infInut", [
                .leaf("tpAmb", "1"), .leaf("cStat", String(status)), .leaf("xMotivo", "Inutilizacao de numero homologado"),
                .leaf("cUF", "35"), .leaf("ano", "26"), .leaf("CNPJ", cnpj), .leaf("mod", String(model)),
                .leaf("serie", String(series)), .leaf("nNFIni", String(first)), .leaf("nNFFin", String(last)),
                .leaf("dhRecbto", "2026-07-11T09:00:00-03:00"), .leaf("nProt", "135260000999999")])]),
        ])
        return render(tree, style)
    }

    /// An event (`procEventoNFe`): 110111 is a cancellation, 110110 a correction letter.
    static func procEvento(key: String, cnpj: String, type: String = "110111", status: Int = 135, style: Style = Style()) -> String {
        let tree = Node.el("procEventoNFe", attrs: " versao=\"1.00\"", [
            .el("evento", attrs: " versao=\"1.00\"", [.el("infEvento", attrs: " Id=\"ID\(type)\(key)01\"", [
                .leaf("cOrgao", "35"), .leaf("tpAmb", "1"), .leaf("CNPJ", cnpj), .leaf("chNFe", key),
                .leaf("dhEvento", "2026-07-10T11:00:00-03:00"), .leaf("tpEvento", type), .leaf("nSeqEvento", "1"),
                .el("detEvento", attrs: " versao=\"1.00\"", [.leaf("descEvento", "Cancelamento"), .leaf("nProt", "135260000000001"), .leaf("xJust", "Erro na venda do cliente")]),
            ])]),
            .el("retEvento", attrs: " versao=\"1.00\"", [.el("infEvento", [
                .leaf("tpAmb", "1"), .leaf("cStat", String(status)), .leaf("xMotivo", "Evento registrado e vinculado a NF-e"),
                .leaf("chNFe", key), .leaf("tpEvento", type), .leaf("dhRegEvento", "2026-07-10T11:00:02-03:00"),
                .leaf("nProt", "135260000000777")])]),
        ])
        return render(tree, style)
    }

    /// A fresh temporary folder.
    static func tempFolder(_ name: String = "fiscal") -> String {
        let p = TempFolder.scratchPath("resgate-\(name)")
        try! FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        return p
    }

    static func write(_ text: String, to path: String) {
        let dir = (path as NSString).deletingLastPathComponent
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Indexes one document given as text.
    static func index(_ text: String, file: String = "doc.xml") -> AuthorizedIndex {
        var reader = FiscalXMLReader()
        var idx = AuthorizedIndex()
        Array(text.utf8).withUnsafeBytes { reader.read($0, file: file, into: &idx) }
        idx.normalize()
        return idx
    }

    /// A VFP table written with XBase's writer.
    static func writeTable(_ path: String, fields: [FieldDescriptor], rows: [[DBFValue]], deleted: Set<Int> = []) throws {
        let w = try DBFWriter(path: path, structure: TableStructure(version: 0x30, codePage: .cp1252, fields: fields))
        for (i, r) in rows.enumerated() { try w.append(r, deleted: deleted.contains(i + 1)) }
        try w.finish()
    }
}
