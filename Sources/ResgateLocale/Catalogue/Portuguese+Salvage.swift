/// What `resgate salvage` says (`SalvagePhrase`), in Brazilian Portuguese.
extension Portuguese {
    static func salvage(_ p: SalvagePhrase) -> String {
        switch p {
        case .badName(let t): "nome de tabela inválido: \(t)"
        case let .noTable(t, folder): "a tabela \(t) não está em \(folder)"
        case let .unreadableHeader(file, reason):
            "\(file): o cabeçalho não pode ser lido (\(reason.text(in: .pt))); nada pode ser recuperado deste arquivo — restaure do backup"
        case let .cannotWrite(file, reason): "\(file): não foi possível gravar (\(reason.text(in: .pt)))"
        case .fault(let k): recordFault(k)
        case let .quarantined(t, record, field, k): "\(t) registro \(record)\(field.map { " \($0)" } ?? ""): \(recordFault(k))"
        case let .memoLost(t, record, field, k): "\(t) registro \(record) \(field): \(recordFault(k)) (memo vazio)"
        case let .salvaged(t, records, output): "\(t): \(records) registros recuperados em \(output)"
        case let .headerCountDiffers(header, inFile): "o cabeçalho diz \(header) registros; o arquivo tem \(inFile)"
        case .tornTail(let n): "último registro cortado (\(n) bytes)"
        case let .lostCounts(unreadable, memos): "\(unreadable) registros ilegíveis, \(memos) memos perdidos"
        }
    }

    static func recordFault(_ k: RecordFaultKind) -> String {
        switch k {
        case .badDeleteFlag: "marca de exclusão inválida"
        case .badNumber: "número ilegível"
        case .badDate: "data inválida"
        case .badLogical: "lógico inválido"
        case .badDateTime: "data e hora inválida"
        case .badVarLength: "tamanho variável inválido"
        case .badMemoPointer: "ponteiro de memo ilegível"
        case .memoPointerOutside: "memo fora do arquivo FPT"
        case .badMemoBlock: "bloco de memo danificado"
        }
    }
}
