import ResgateLocale

/// Without a config: finds the table that holds one row per issued note by its field
/// names (number `NUMERO`/`NNF`/`NUMNOTA`, `SERIE`, model `MODELO`/`MOD`), and says what
/// it picked so a person can tell whether it is right.
enum Discovery {
    static let numberNames = ["NUMERO", "NNF", "NUMNOTA"]
    static let seriesNames = ["SERIE"]
    static let modelNames = ["MODELO", "MOD"]
    static let keyNames = ["CHAVE", "CHNFE", "CHAVENFE", "CHAVE_NFE", "CHAVEACESS", "CHAVENFCE"]

    struct Candidate {
        var config: SequenceConfig
        var score: Int
        var records: Int
    }

    static func discover(_ data: any CheckData) throws(FiscalError) -> CheckConfig {
        var found: [Candidate] = []
        for name in data.tableNames {
            guard let t = try? data.table(named: name) else { continue }
            let upper = t.fieldNames.map { $0.uppercased() }
            func pick(_ names: [String]) -> String? { names.first { upper.contains($0) } }
            guard let number = pick(numberNames), let series = pick(seriesNames), let model = pick(modelNames) else { continue }
            let key = pick(keyNames)
            var score = key == nil ? 0 : 2
            // names of tables of notes the store issues, and of notes it receives
            if ["VENDA", "NFCE", "NFE", "NOTA", "SAIDA", "CUPOM", "FATUR"].contains(where: { name.contains($0) }) { score += 5 }
            if ["ENTRADA", "COMPRA", "FORNEC", "RECEB"].contains(where: { name.contains($0) }) { score -= 10 }
            found.append(Candidate(config: SequenceConfig(table: name, number: number, series: series, model: model, key: key),
                                   score: score, records: t.recordCount))
        }
        guard let best = found.max(by: { ($0.score, $0.records) < ($1.score, $1.records) }) else {
            throw .nothingToCheck(folder: data.folder)
        }
        let c = best.config
        let fields = [c.number, c.series!, c.model!] + (c.key.map { [$0] } ?? [])
        let others = found.filter { $0.config.table != c.table }.map(\.config.table)
        return CheckConfig(sequences: [c], rules: [], discovery: .discovered(table: c.table, fields: fields, others: others))
    }
}
