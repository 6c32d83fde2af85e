#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a DBF table could not be read or written (`XBaseFailure`), in Brazilian Portuguese.
extension Portuguese {
    static func xbase(_ e: XBaseFailure) -> String {
        switch e {
        case let .cannotOpen(f, why): "\(f): não foi possível abrir: \(io(why))"
        case let .io(f, why): "\(f): erro de leitura/gravação: \(io(why))"
        case let .notADBF(f, why): "\(f): não é uma tabela DBF: \(header(why))"
        case let .badHeader(f, why): "\(f): cabeçalho inválido: \(header(why))"
        case let .badFieldDescriptor(f, n, why): "\(f): descritor do campo \(n): \(descriptor(why))"
        case let .missingMemoFile(f, e): "\(f): o arquivo de memos \(e) não existe"
        case let .badMemo(f, rec, fld, b, why):
            "\(f): " + (rec.map { "registro \($0), " } ?? "") + (fld.map { "campo \($0), " } ?? "") + "bloco de memo \(b): \(memo(why))"
        case let .invalidValue(f, rec, fld, why): "\(f): registro \(rec), campo \(fld): \(value(why))"
        case let .cannotEncode(f, rec, fld, why): "\(f): registro \(rec), campo \(fld): valor impossível de gravar: \(encode(why))"
        case let .unsupported(f, why): "\(f): não suportado: \(unsupported(why))"
        }
    }

    /// The frequent error numbers in Portuguese; another is named by its number.
    static func systemError(_ code: Int32) -> String {
        switch code {
        case ENOENT: "arquivo ou pasta não encontrado"
        case EACCES, EPERM: "permissão negada"
        case ENOSPC: "não há espaço no disco"
        case EDQUOT: "a cota de disco acabou"
        case EFBIG: "arquivo grande demais (limite de tamanho de arquivo)"
        case EROFS: "o disco só permite leitura"
        case EISDIR: "é uma pasta"
        case ENOTDIR: "um trecho do caminho não é uma pasta"
        case EEXIST: "já existe"
        case EMFILE, ENFILE: "arquivos abertos demais"
        case EIO: "erro de entrada/saída do disco"
        case EBUSY, ETXTBSY: "o arquivo está em uso"
        case ENAMETOOLONG: "nome de arquivo longo demais"
        case EINTR: "interrompido"
        default: "erro \(code) do sistema"
        }
    }

    static func io(_ r: IOReason) -> String {
        switch r {
        case .system(let c): systemError(c)
        case .flush(let c): "ao descarregar no disco (fsync): " + systemError(c)
        case .close(let c): "ao fechar: " + systemError(c)
        case .isFolder: "é uma pasta"
        case .appendAfterFinish: "registro acrescentado depois de a tabela ser concluída"
        case .shortRead: "o arquivo de chaves da junção terminou antes do esperado"
        case .alreadyExists: "já existe; escolha uma pasta vazia"
        case .other(let s): s
        }
    }

    static func header(_ r: HeaderReason) -> String {
        switch r {
        case .shorterThanHeader(let n): "o arquivo tem \(n) bytes, menos que um cabeçalho"
        case let .shorterThanHeaderLength(n, h): "o arquivo tem \(n) bytes, menos que o tamanho do seu cabeçalho, \(h)"
        case .headerLengthTooSmall(let n): "o tamanho do cabeçalho, \(n), é pequeno demais"
        case .recordLengthZero: "o tamanho do registro é 0"
        case .truncated: "cabeçalho cortado"
        case let .noDescriptorBeforeTerminator(n, len):
            "nenhum descritor de campo antes do terminador, mas o cabeçalho declara \(n) registros de \(len) bytes"
        case .dBase2TooShort: "um cabeçalho dBASE II precisa de 521 bytes"
        case .noFieldDescriptors: "nenhum descritor de campo"
        case .templateFieldOutside(let f): "o campo \(f) do modelo fica fora do registro"
        case .needsAField: "uma tabela precisa de pelo menos um campo"
        case .versionHasNoMemo(let v):
            "a versão 0x\(HealthFact.hex(v)) não tem arquivo de memos; use 0x83 (dBASE III), 0x8B (dBASE IV), 0xF5 (FoxPro) ou 0x30 (VFP)"
        case .recordTooLong(let n): "o tamanho do registro, \(n), passa de 65535"
        }
    }

    static func descriptor(_ r: DescriptorReason) -> String {
        switch r {
        case .empty: "descritor vazio"
        case let .startsPastRecord(name, o, len): "o campo \(name) começa na posição \(o), depois do tamanho do registro \(len)"
        case .emptyName(let t): "o nome está vazio (byte de tipo 0x\(HealthFact.hex(t)))"
        case .controlByteInName(let b): "o nome contém o byte de controle 0x\(HealthFact.hex(b)): estes bytes não são um descritor de campo"
        case .typeByteNotALetter(let b): "o byte de tipo 0x\(HealthFact.hex(b)) não é uma letra de tipo: estes bytes não são um descritor de campo"
        case .duplicateName(let n): "nome de campo repetido \(n)"
        case let .rule(name, rule): "\(name): " + fieldRule(rule)
        }
    }

    static func fieldRule(_ r: FieldRule) -> String {
        switch r {
        case .nameForm: "um nome de campo tem de 1 a 10 caracteres ASCII visíveis"
        case .characterLength(let n): "tamanho \(n) de campo C fora do permitido"
        case let .numericWidth(w, d): "largura \(w) de campo N/F com \(d) decimais"
        case .dateWidth: "um campo D tem 8 bytes"
        case .logicalWidth: "um campo L tem 1 byte"
        case .integerIsVFP: "I é um campo de 4 bytes do Visual FoxPro"
        case .eightByteVFP(let t): "\(t) é um campo de 8 bytes do Visual FoxPro"
        case .varLengthVFP: "V/Q são campos do Visual FoxPro de 1 a 254 bytes"
        case .blobIsVFP: "W é um campo do Visual FoxPro"
        case .cannotWrite(let t): "o tipo \(t) não pode ser gravado"
        case .flagsOnlyVFP: "atributos de campo só existem em tabelas do Visual FoxPro"
        case .autoIncrementOnlyInteger: "só campos I têm autoincremento"
        }
    }

    static func memo(_ r: MemoReason) -> String {
        switch r {
        case .block(let f): memoBlockFault(f)
        case .fileHeaderShort(let n): "o cabeçalho do arquivo de memos tem só \(n) bytes"
        case .noReadableMemoFile: "a tabela não tem um arquivo de memos legível"
        }
    }

    static func value(_ r: ValueReason) -> String {
        switch r {
        case let .badWidth(k, w): "\(valueKind(k)) com largura \(w)"
        case let .badTimestamp(hex, d7):
            "\(hex) não é uma data e hora válida (dia juliano + milissegundos, como o Harbour grava `@`)"
                + (d7.map { "; lido como o `@` do dBASE 7 seria \($0), mas o cabeçalho não é de dBASE 7: o formato é ambíguo" } ?? "")
        case .unknownType(let b): "tipo de campo desconhecido 0x" + String(b, radix: 16)
        case let .outsideRecord(o, w): "o campo fica fora do registro (posição \(o), largura \(w))"
        case .notANumber(let s): "\(s) não é um número"
        case .memoPointerNotANumber(let s): "ponteiro de memo \(s) não é um número"
        case .integerDecimals(let d): "campo inteiro com \(d) decimais"
        case .notADateForm(let s): "\(s) não é uma data (AAAAMMDD)"
        case .invalidDate(let s): "\(s) não é uma data válida"
        case .notALogical(let s): "\(s) não é um lógico (T/F/?)"
        case .invalidDateTime(let s): "\(s) não é uma data e hora (DateTime) válida"
        case .invalidTimestamp(let s): "\(s) não é uma data e hora válida"
        case .noSuchRecord: "esse registro não existe"
        case .memoBlockUnreadable(let b): "bloco de memo \(b) ilegível"
        }
    }

    static func valueKind(_ k: ValueKind) -> String {
        switch k {
        case .rowVersion: "campo de versão da linha"
        case .integer: "campo inteiro"
        case .doubleB: "campo B"
        case .doubleO: "campo O"
        case .currency: "campo Y"
        case .date: "campo de data"
        case .dateTime: "campo DateTime"
        case .timestamp: "campo de data e hora"
        }
    }

    static func encode(_ r: EncodeReason) -> String {
        switch r {
        case .notNullable: "NULL num campo que não aceita NULL"
        case let .bytesDoNotFit(n, room): "\(n) bytes não cabem em \(room)"
        case let .notACalendarDate(y, m, d): "\(y)-\(m)-\(d) não é uma data do calendário"
        case .outsideInt32(let s): "\(s) fica fora da faixa dos inteiros de 32 bits"
        case .invalidDateTime(let s): "\(s) não é uma data e hora válida"
        case let .textBytesDoNotFit(n, room): "texto de \(n) bytes não cabe em \(room)"
        case let .noByteInCodePage(c, u, cp): "o caractere \(c) (U+\(String(u, radix: 16, uppercase: true))) não tem byte em \(cp)"
        case let .textCharactersDoNotFit(n, room): "texto de \(n) caracteres não cabe em \(room)"
        case .noNullFlagsBit: "campo de tamanho variável sem bit de tamanho em _NullFlags"
        case .notPlainDecimal(let s): "\(s) não pode ser gravado como decimal simples"
        case let .wrongKind(v, t): "um valor \(valueClass(v)) não cabe num campo \(t)"
        case let .tooManyDecimals(s, d): "\(s) tem mais que as \(d) decimais do campo"
        case .tooLarge(let s): "\(s) é grande demais para o campo"
        case let .tooWide(s, n, room): "\(s) precisa de \(n) caracteres, o campo tem \(room)"
        case .currencyDecimals(let s): "\(s) tem mais que as 4 decimais de um valor monetário"
        case .currencyRange(let s): "\(s) fica fora da faixa dos valores monetários"
        case .textInBinaryField(let t): "texto não cabe num campo \(t); forneça bytes"
        case .noMemoFile: "a tabela não tem arquivo de memos"
        case let .valueCount(v, f): "\(v) valores para \(f) campos"
        case let .rawLength(n, len): "registro bruto de \(n) bytes, os registros da tabela têm \(len)"
        case .memoPointerWithoutSource(let p): "ponteiro de memo \(p) sem origem dos memos"
        }
    }

    static func valueClass(_ v: ValueClass) -> String {
        switch v {
        case .null: "NULL"
        case .text: "de texto"
        case .bytes: "de bytes"
        case .number: "numérico"
        case .integer: "inteiro"
        case .double: "de ponto flutuante"
        case .currency: "monetário"
        case .date: "de data"
        case .dateTime: "de data e hora"
        case .logical: "lógico"
        }
    }

    static func unsupported(_ r: UnsupportedReason) -> String {
        switch r {
        case .writingVersion(let v): "gravar tabelas da versão 0x\(HealthFact.hex(v))"
        case .memoBlockSize(let n): "o tamanho de bloco de memo \(n) não cabe no cabeçalho"
        case .memoTooLarge(let n): "memo de \(n) bytes"
        case .dBase3MemoEndByte: "um memo dBASE III não pode conter o byte 0x1A (ele encerra o memo)"
        case .memoFileFull: "arquivo de memos com mais de 4 G blocos"
        }
    }
}
