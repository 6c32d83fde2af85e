/// What a DBF table's health check found (`HealthFact`), in Brazilian Portuguese.
extension Portuguese {
    static func health(_ f: HealthFact) -> String {
        switch f {
        case .unreadableTable(let e): "não foi possível ler a tabela: " + xbase(e)
        case let .unknownCodePage(mark, name):
            "a marca de página de código 0x\(HealthFact.hex(mark)) não indica uma página conhecida: o texto é lido como \(name)"
        case .badDeleteFlag(let b): "byte de exclusão 0x\(HealthFact.hex(b)) não é 0x20 nem 0x2A (lido como não excluído)"
        case .unreadableRecords(let e): "lendo registros: \(xbase(e))"
        case let .eofInsideRecords(n, last): "byte de fim de arquivo 0x1A onde deveria começar o registro \(n): faltam os registros \(n)…\(last)"
        case let .countTooHigh(h, room, partial):
            "o cabeçalho diz \(h) registros mas o arquivo tem \(room)" + (partial > 0 ? " e \(partial) bytes avulsos" : "")
        case let .countTooLow(h, room):
            "o cabeçalho diz \(h) registros mas o arquivo tem \(room): os registros depois do \(h) ficam invisíveis ao FoxPro"
        case let .recordLengthMismatch(h, sum): "tamanho do registro \(h) difere da soma dos campos \(sum)"
        case .headerNote(let note):
            switch note.kind {
            case .dbcBacklinkMissing: "cabeçalho Visual FoxPro sem o vínculo de 263 bytes com o DBC (lida como tabela livre)"
            case .terminator: "terminador dos descritores de campo: " + headerNote(note)
            case .recordLength: "tamanho do registro no cabeçalho está errado: " + headerNote(note)
            case .brokenDescriptor: "descritor de campo com defeito: " + headerNote(note)
            case .other: "cabeçalho: " + headerNote(note)
            }
        case .unknownFieldType(let b): "tipo de campo desconhecido 0x\(HealthFact.hex(b)): valores não verificados"
        case .memoFileUnusable(let e): "arquivo de memo ausente ou ilegível" + (e.map { ": " + xbase($0) } ?? "")
        case let .shortMemoFile(p, n): "arquivo de memo \(p) tem \(n) bytes, menos que seu cabeçalho de 512"
        case let .memoNextFreePastEnd(b, n): "o próximo bloco livre \(b) do cabeçalho do memo fica além do fim do arquivo (\(n) bytes)"
        case .noEOFByte: "sem o byte de fim de arquivo 0x1A depois do último registro"
        case .bytesAfterEOF(let n): "\(n) bytes depois do byte de fim de arquivo 0x1A"
        case .byteAfterLastRecord(let b): "o byte depois do último registro é 0x\(HealthFact.hex(b)), não o fim de arquivo 0x1A"
        case .bytesAfterLastRecord(let n): "\(n) bytes depois do último registro (registro parcial ou lixo)"
        case .numberOverflow(let s): "estouro numérico (\(s)): o valor se perdeu ao ser gravado"
        case .notANumber(let s): "\(s) não é um número"
        case .badDate(let s): "\(s) não é uma data válida (AAAAMMDD)"
        case .badLogical(let s): "\(s) não é um lógico (T/F/?)"
        case .badDateTime(let s): "\(s) não é uma data e hora válida"
        case .ambiguousTimestamp(let r): "data e hora inválida: " + value(r)
        case let .badVarLength(b, w): "byte de tamanho \(b) excede a largura do campo \(w)"
        case .badMemoPointer(let s): "ponteiro de memo \(s) não é um número"
        case let .memoBlock(b, fault): "bloco de memo \(b): " + memoBlockFault(fault)
        case .described(let w): w.pt
        }
    }

    static func memoBlockFault(_ f: MemoBlockFault) -> String {
        switch f {
        case .outside(let n): "fora do arquivo de memo (\(n) bytes)"
        case .headerCut: "cabeçalho do bloco cortado pelo fim do arquivo"
        case .badType(let t): "tipo de bloco \(t) não é 0, 1 ou 2"
        case .lengthPastEnd(let n): "tamanho \(n) passa do fim do arquivo de memo"
        case .badSignature: "bloco não começa com FF FF 08 00"
        case .lengthDoesNotFit(let n): "tamanho \(n) não cabe no arquivo de memo"
        }
    }
}

/// The DBF header parser's notes (`HeaderNote`), in Brazilian Portuguese.
extension Portuguese {
    static func headerNote(_ n: HeaderNote) -> String {
        switch n {
        case .terminator(let b): "o terminador dos campos é 0x\(HealthFact.hex(b)) em vez de 0x0D"
        case .lastDescriptorCut: "o último descritor de campo é cortado pelo tamanho do cabeçalho"
        case .noTerminator: "os descritores de campo não têm o terminador 0x0D"
        case .noFields: "a tabela não tem campos"
        case let .recordLengthDiffers(h, sum): "tamanho do registro \(h) difere da soma dos campos \(sum)"
        case let .recordsApart(sum, h): "os registros ficam a \(sum) bytes um do outro pela soma dos campos, não \(h) como diz o cabeçalho"
        case let .fieldCut(name, end, len, cut): "o campo \(name) termina em \(end), depois do tamanho do registro \(len): cortado para \(cut) bytes"
        case let .fieldOverlaps(name, o, inside, from, to): "o descritor do campo \(name) o põe na posição \(o), dentro de \(inside) (\(from)…\(to))"
        case .noBacklink: "cabeçalho Visual FoxPro sem o vínculo de 263 bytes com o DBC (lida como tabela livre)"
        case .backlinkDoesNotFit: "o vínculo de 263 bytes com o DBC não cabe no cabeçalho"
        case let .countAboveFile(h, n): "o cabeçalho diz \(h) registros mas o arquivo só tem \(n)"
        case let .countBelowRoom(h, room): "o cabeçalho diz \(h) registros mas o arquivo tem espaço para \(room)"
        case .memoFileMissing(let e): "o arquivo de memos \(e) não existe"
        case .memoFileUnusable(let e): xbase(e)
        }
    }
}
