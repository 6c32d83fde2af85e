import Fiscal
import Foundation
import XBase

/// The demo store's fiscal history after the backup, written as the ERP and the points of
/// sale leave it: every case `check` gives a verdict for (docs/checks.md, "Verdicts").
///
/// | numbers | what the folders hold | verdict |
/// | --- | --- | --- |
/// | 1–52 | authorized NFC-e (47 later cancelled) | in the data, or `recreate` after an old restore |
/// | 53–55 | nothing | `void` |
/// | 56 | authorized entry note (tpNF 0, a customer's return) | `recreate` (listed, posted by hand) |
/// | 57 | NFC-e signed offline (tpEmis 9) in the POS folder | `transmit` |
/// | 58–60 | nothing, next to 57 | `check-pos-before-voiding` |
/// | 61 | voided (procInutNFe 102) | `already-voided` |
/// | 62–64 | authorized NFC-e, sold after the data was corrupted | `recreate` |
/// | 65 | test environment (tpAmb 2) | ignored |
struct DemoFiscal {
    let store: DemoStore
    static let day = DBFDate(year: 2026, month: 11, day: 26)
    static let lastSale = 64
    var pdv: String { store.root + "/pdv" }

    /// The sales the data held (1…`inData`) with items as `DemoStore.build` writes them;
    /// notes up to `lastSale` exist at the tax authority.
    func write() throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: store.xml, withIntermediateDirectories: true)
        try fm.createDirectory(atPath: pdv, withIntermediateDirectories: true)
        for n in Array(1...52) + [56, 62, 63, 64] {
            let doc = note(n, entry: n == 56, emission: 1, environment: 1, withProtocol: true)
            try doc.write(toFile: store.xml + "/\(key(n, emission: 1))-nfce.xml", atomically: true, encoding: .utf8)
        }
        try cancellation(47).write(toFile: store.xml + "/\(key(47, emission: 1))110111-procEventoNFe.xml", atomically: true, encoding: .utf8)
        try voided(61...61).write(toFile: store.xml + "/ID35261234567800019565001000000061000000061-procInutNFe.xml",
                                  atomically: true, encoding: .utf8)
        try note(57, entry: false, emission: 9, environment: 1, withProtocol: false)
            .write(toFile: pdv + "/\(key(57, emission: 9))-nfce.xml", atomically: true, encoding: .utf8)
        try note(65, entry: false, emission: 1, environment: 2, withProtocol: true)
            .write(toFile: store.xml + "/homologacao-65-nfce.xml", atomically: true, encoding: .utf8)
    }

    func key(_ n: Int, emission: Int) -> String {
        DemoStore.key(number: n, series: 1, date: Self.day, code: 10_000 + n, emission: emission)
    }

    static func issued(_ n: Int) -> String {
        String(format: "2026-11-26T%02d:%02d:00-03:00", 7 + n / 12, (n * 5) % 60)
    }

    /// An NFC-e as the ERP saves it: ide, emit, dest (a CPF on some), the items the demo
    /// table has for that sale, totals, payment, and the protocol (unless still pending).
    func note(_ n: Int, entry: Bool, emission: Int, environment: Int, withProtocol: Bool) -> String {
        let k = key(n, emission: emission)
        var items = ""
        var total = 0
        for (i, it) in DemoStore.items(of: n).enumerated() {
            let p = DemoStore.products[(it.product - 1) % DemoStore.products.count]
            let line = it.quantity * it.priceCents
            total += line
            items += "<det nItem=\"\(i + 1)\"><prod><cProd>\(it.product)</cProd><cEAN>SEM GTIN</cEAN><xProd>\(p)</xProd>"
                + "<NCM>\(String(format: "%08d", 19_059_000 + it.product - 1))</NCM><CFOP>\(entry ? 1202 : 5102)</CFOP><uCom>UN</uCom>"
                + "<qCom>\(it.quantity).0000</qCom><vUnCom>\(money(it.priceCents))</vUnCom><vProd>\(money(line))</vProd></prod>"
                + "<imposto><ICMS><ICMSSN102><orig>0</orig><CSOSN>102</CSOSN></ICMSSN102></ICMS></imposto></det>"
        }
        let discount = n % 5 == 0 ? 50 : 0
        let dest = n % 4 == 0 ? "<dest><CPF>\(String(format: "%011d", 10_000_000_000 + n * 7919))</CPF></dest>" : ""
        let prot = withProtocol ? """
            <protNFe versao="4.00"><infProt><tpAmb>\(environment)</tpAmb><chNFe>\(k)</chNFe>\
            <dhRecbto>\(Self.issued(n))</dhRecbto><nProt>1352600000\(String(format: "%05d", n))</nProt>\
            <digVal>q1w2e3r4t5y6u7i8o9p0=</digVal><cStat>100</cStat><xMotivo>Autorizado o uso da NF-e</xMotivo></infProt></protNFe>
            """ : ""
        let body = """
            <NFe xmlns="http://www.portalfiscal.inf.br/nfe"><infNFe Id="NFe\(k)" versao="4.00"><ide><cUF>35</cUF>\
            <cNF>\(String(format: "%08d", 10_000 + n))</cNF><natOp>\(entry ? "DEVOLUCAO" : "VENDA")</natOp><mod>65</mod><serie>1</serie>\
            <nNF>\(n)</nNF><dhEmi>\(Self.issued(n))</dhEmi><tpNF>\(entry ? 0 : 1)</tpNF><tpEmis>\(emission)</tpEmis>\
            <cDV>\(k.suffix(1))</cDV><tpAmb>\(environment)</tpAmb></ide><emit><CNPJ>\(DemoStore.cnpj)</CNPJ>\
            <xNome>Mercadinho São João Ltda.</xNome></emit>\(dest)\(items)<total><ICMSTot><vProd>\(money(total))</vProd>\
            <vDesc>\(money(discount))</vDesc><vNF>\(money(total - discount))</vNF></ICMSTot></total>\
            <pag><detPag><tPag>\(n % 3 == 0 ? "03" : "01")</tPag><vPag>\(money(total - discount))</vPag></detPag></pag>\
            </infNFe><Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignatureValue>QUJD</SignatureValue></Signature></NFe>
            """
        if !withProtocol { return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><nfeProc xmlns=\"http://www.portalfiscal.inf.br/nfe\" versao=\"4.00\">"
            + body + prot + "</nfeProc>"
    }

    func cancellation(_ n: Int) -> String {
        let k = key(n, emission: 1)
        return """
            <?xml version="1.0" encoding="UTF-8"?><procEventoNFe xmlns="http://www.portalfiscal.inf.br/nfe" versao="1.00">\
            <evento versao="1.00"><infEvento Id="ID110111\(k)01"><cOrgao>35</cOrgao><tpAmb>1</tpAmb><CNPJ>\(DemoStore.cnpj)</CNPJ>\
            <chNFe>\(k)</chNFe><dhEvento>2026-11-26T12:00:00-03:00</dhEvento><tpEvento>110111</tpEvento><nSeqEvento>1</nSeqEvento>\
            </infEvento></evento><retEvento versao="1.00"><infEvento><tpAmb>1</tpAmb><cStat>135</cStat><chNFe>\(k)</chNFe>\
            <tpEvento>110111</tpEvento><dhRegEvento>2026-11-26T12:00:02-03:00</dhRegEvento><nProt>135260000099947</nProt>\
            </infEvento></retEvento></procEventoNFe>
            """
    }

    func voided(_ v: ClosedRange<Int>) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <ProcInutNFe xmlns="http://www.portalfiscal.inf.br/nfe" versao="4.00">
          <inutNFe versao="4.00"><infInut Id="ID35261234567800019565001\(String(format: "%09d%09d", v.lowerBound, v.upperBound))">
            <tpAmb>1</tpAmb><xServ>INUTILIZAR</xServ><cUF>35</cUF><ano>26</ano><CNPJ>\(DemoStore.cnpj)</CNPJ><mod>65</mod>
            <serie>1</serie><nNFIni>\(v.lowerBound)</nNFIni><nNFFin>\(v.upperBound)</nNFFin><xJust>Falha de comunicação no PDV</xJust>
          </infInut></inutNFe>
          <retInutNFe versao="4.00"><infInut><tpAmb>1</tpAmb><cStat>102</cStat><xMotivo>Inutilização de número homologado</xMotivo></infInut></retInutNFe>
        </ProcInutNFe>
        """
    }

    func money(_ cents: Int) -> String { String(format: "%d.%02d", cents / 100, cents % 100) }

    /// The `resgate.toml` of the demo store: the sequence, the rules, the points of sale's
    /// folder, and the ready `[recreate]` mapping for its VENDAS and ITENSVENDA tables.
    static let config = """
        # Resgate check configuration for the demo store
        [fiscal]
        xml = "../xml"
        pending = ["../pdv"]          # the points of sale's contingency folder
        contingency_window = 1        # a gap this close to a contingency note is looked for in the POS first

        [[fiscal.sequence]]
        table  = "VENDAS"
        number = "NUMERO"
        series = "SERIE"
        model  = "MODELO"
        key    = "CHAVE"
        cnpj_value = "\(DemoStore.cnpj)"

        [[rule]]
        kind = "reference"
        table = "VENDAS"
        field = "CLIENTE"
        references = "CLIENTES.CODIGO"

        [[rule]]
        kind = "not-empty"
        table = "PRODUTOS"
        min = 1

        # `restore --merge`: sales are matched by their note number and series
        [merge.VENDAS]
        key = ["NUMERO", "SERIE"]

        [recreate]
        mark = { field = "ORIGEM", value = "RESGATE-XML" }

        # CLIENTE: the XML does not carry the ERP's customer code; 1 stands for the store's
        # "consumidor final" here. Stock movements are never invented: recreate lists them.
        [recreate.sales]
        table = "VENDAS"
        fields = { CLIENTE = { value = "1" }, NUMERO = "ide/nNF", SERIE = "ide/serie", MODELO = "ide/mod", EMISSAO = "ide/dhEmi", DTHORA = "ide/dhEmi", \
        TOTAL = "total/ICMSTot/vNF", DESCONTO = "total/ICMSTot/vDesc", CPFCNPJ = "dest/CPF|dest/CNPJ", \
        PAGTO = { xml = "pag/detPag/tPag", map = { "01" = "01", "03" = "03", "04" = "04", "17" = "PX" } }, \
        VALPAGO = "pag/detPag/vPag", CHAVE = "protNFe/infProt/chNFe", PROTOCOLO = "protNFe/infProt/nProt" }

        [recreate.items]
        table = "ITENSVENDA"
        fields = { VENDA = "ide/nNF", PRODUTO = "det/prod/cProd", DESCRICAO = "det/prod/xProd", QTD = "det/prod/qCom", \
        PRECO = "det/prod/vUnCom", TOTAL = "det/prod/vProd", CFOP = "det/prod/CFOP", NCM = "det/prod/NCM" }
        """
}
