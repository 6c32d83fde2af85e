import Foundation

/// What is wrong in a backup set (`DefectReason`), in Brazilian Portuguese.
extension Portuguese {
    static func defect(_ r: DefectReason) -> String {
        switch r {
        case .zip(let f): zipFault(f)
        case .set(let f): setFault(f)
        case .structure(let f): structureFault(f)
        case .line(let f): lineFault(f)
        case .value(let f): valueFault(f)
        case .memo(let f): memoFault(f)
        case .manifest(let f): manifestFault(f)
        case .backup(let f): backupFault(f)
        case .restore(let f): restoreFault(f)
        case .error(let c): c.text(in: .pt)
        }
    }

    static func place(_ p: DefectPlace) -> String {
        ([p.file] + [p.line.map { "linha \($0)" }, p.field.map { "campo \($0)" }]).compactMap { $0 }.joined(separator: ", ")
    }

    static func zipFault(_ f: ZipFault) -> String {
        switch f {
        case .damaged(let d): "zip danificado: " + zipDamage(d)
        case .cannotOpen(let why): "não foi possível abrir: \(why.text(in: .pt))"
        case .memberOverlapsDirectory(let m): "o membro \(m) invade o diretório central: zip forjado, recusado"
        case let .membersShareBytes(a, b): "os membros \(a) e \(b) ocupam os mesmos bytes: zip forjado (bomba), recusado"
        case let .unsafeName(m, why): "membro \"\(m)\" recusado: nome inseguro (\(unsafeMemberName(why)))"
        case .duplicateMember(let m): "membro \"\(m)\" aparece mais de uma vez"
        case .encrypted: "membro criptografado"
        case .unsupportedMethod(let m): "método de compressão \(m) não suportado"
        case let .declaredBomb(u, c): "declara \(u) bytes a partir de \(c) comprimidos: recusado como bomba de zip"
        case .inflatesPastSize(let n): "descomprime além do tamanho declarado de \(n) bytes: recusado como bomba de zip"
        case .zlibDidNotStart: "zlib não iniciou"
        case .deflateDamaged(let z): "dados comprimidos danificados (zlib \(z))"
        case let .sizeMismatch(got, declared): "deu \(got) bytes, o diretório diz \(declared)"
        case .checksumMismatch: "CRC-32 não confere: o membro está danificado"
        case .truncated: "dados comprimidos terminam cedo demais (zip cortado)"
        }
    }

    static func zipDamage(_ d: ZipDamage) -> String {
        switch d {
        case .described(let c): c.text(in: .pt)
        case .tooShort(let n): "\(n) bytes, curto demais para um zip"
        case .noEndRecord: "sem o registro final do diretório (cortado ou não é um zip)"
        case .badZip64EndRecord: "registro final ZIP64 inválido"
        case let .directoryOutside(o, s, size): "diretório central fora do arquivo (\(o)+\(s) de \(size) bytes)"
        case let .tooManyMembers(n, max): "\(n) membros, mais do que um conjunto de backup tem (\(max))"
        case .directoryEntryDamaged(let n): "entrada \(n) do diretório central danificada"
        case .directoryEntryCut(let n): "entrada \(n) do diretório central cortada"
        case .memberOutside(let m): "membro \(m) aponta para fora do arquivo"
        case let .moreRefused(n, listed): "mais \(n) membros recusados (os primeiros \(listed) listados)"
        case .localHeaderUnreadable(let m): "não foi possível ler o cabeçalho local de \(m)"
        case .localHeaderDamaged(let m): "cabeçalho local de \(m) danificado"
        case .dataPastEnd(let m): "dados de \(m) passam do fim do arquivo (zip cortado)"
        case .localHeaderNamesAnother(let m): "o cabeçalho local de \(m) nomeia outro membro"
        }
    }

    static func unsafeMemberName(_ u: UnsafeMemberName) -> String {
        switch u {
        case .empty: "nome vazio"
        case .nulByte: "byte NUL no nome"
        case .absolutePath: "caminho absoluto"
        case .driveLetter: "letra de unidade"
        case .climbsOut: "'..' sai da pasta"
        }
    }

    static func setFault(_ f: SetFault) -> String {
        switch f {
        case .doesNotExist: "não existe"
        case .cannotListFolder: "não foi possível listar a pasta"
        case .cannotReadFolder: "não foi possível ler a pasta"
        case .cannotOpen: "não foi possível abrir"
        case .fileInSubfolder: "arquivo em subpasta ignorado"
        case .largerThan(let n): "maior que \(n) bytes"
        case .twoStructureFiles(let used): "a tabela tem dois arquivos de estrutura; usado \(used)"
        case .dataWithoutStructure: "arquivo de dados sem arquivo de estrutura (_Estr)"
        case .memoArchiveWithoutTable: "arquivo de memos sem tabela (nenhum _Estr com esse nome)"
        case .plainAndNumberedParts(let m): "a tabela tem \(m) e também partes numeradas; lidos em sequência"
        case .partsMissing(let parts): "faltam partes antes desta: \(parts.joined(separator: ", "))"
        case .partRepeated(let n): "parte número \(n) repetida"
        case let .badTableName(m, stem, why):
            "membro \"\(m)\" recusado: \"\(stem)\" não é nome de tabela (só letras, dígitos e _: \(why.map(tableNameFault) ?? ""))"
        case .cannotWriteTemporaryFile(let p): "não foi possível gravar o arquivo temporário \(p)"
        case .cannotCopy(let why): "não foi possível copiar: \(why)"
        case .cannotCreateTemporaryFolder: "não foi possível criar pasta temporária"
        case .noSuchTable: "tabela não existe no conjunto"
        case .memoArchiveWithoutMemoFields: "arquivo de memos para uma tabela sem campos memo"
        case .memoArchiveMissing(let t): "a tabela tem campos memo mas o arquivo de memos \(t).ZIP falta"
        case let .textTooLarge(b, r, limit): "o texto tem \(b) bytes, mais do que \(r) registros podem ocupar (\(limit)): recusado"
        case .noReadableStructure: "a tabela não tem estrutura legível"
        }
    }

    static func tableNameFault(_ f: TableNameFault) -> String {
        switch f {
        case .empty: "nome vazio"
        case .tooLong(let n): "\(n) bytes, o máximo é 128"
        case .badCharacter(let b): "caractere \(TableNameFault.shown(b)) não permitido"
        }
    }

    static func structureFault(_ f: StructureFault) -> String {
        switch f {
        case .notText(let at): "byte binário 0x00 na posição \(at): não é texto"
        case .badRecordCount(let v): "número de registros \"\(v)\" inválido"
        case .noWidth: "linha sem largura"
        case .badDecimals(let d): "decimais \(d) inválidos"
        case .unknownType(let t): "tipo \"\(t)\" desconhecido"
        case .noFieldLine: "nenhuma linha de campo reconhecida no LIST STRUCTURE"
        case .lacksColumns: "a tabela não tem as colunas FIELD_NAME, FIELD_TYPE, FIELD_LEN"
        case .recordWithoutFieldName: "registro sem FIELD_NAME"
        case .badFieldType: "FIELD_TYPE inválido"
        case .badFieldLen: "FIELD_LEN inválido"
        case .badFieldDec: "FIELD_DEC inválido"
        case .badWidth(let w): "largura \(w) inválida"
        case .noRecords: "a tabela de estrutura não tem registros"
        case .unreadableTable(let why): "não foi possível ler a tabela de estrutura: \(why.text(in: .pt))"
        case .badCommentValue(let k): "\(k) inválido no comentário"
        case .incompleteLine: "linha de estrutura incompleta"
        case .unknownFieldType(let t): "tipo de campo \"\(t)\" desconhecido"
        case .badWidthText(let w): "largura \"\(w)\" inválida"
        case .badDecimalsText(let d): "decimais \"\(d)\" inválidos"
        case .noFields: "o arquivo de estrutura não descreve nenhum campo"
        case let .tooLarge(n, w, maxFields, maxBytes):
            "\(n) campos somando \(w) bytes: maior do que um registro DBF (\(maxFields) campos, \(maxBytes) bytes)"
        case let .recordCountMismatch(said, found): "a estrutura diz \(said) registros, os dados têm \(found)"
        }
    }

    static func lineFault(_ f: LineFault) -> String {
        switch f {
        case let .widthExceeded(b, w): "a linha tem \(b) bytes, a largura fixa do registro é \(w)"
        case .shouldBeEmpty: "a linha deveria ser vazia: a tabela não tem campos de texto"
        case .ambiguous: "a linha pode ser dividida em campos de mais de um jeito (aspas seguidas do separador dentro de um valor)"
        case let .fieldCount(found, n): "\(found) campos onde eram esperados \(n)"
        case .cannotSplit: "a linha não pode ser dividida nos campos da tabela"
        case let .tooLong(b, limit): "linha de \(b) bytes, mais longa do que a estrutura permite (\(limit)): não lida"
        case .binary: "bytes binários (0x00) numa linha de texto"
        case .unclosedQuote: "um valor entre aspas nunca é fechado"
        }
    }

    static func valueFault(_ f: ValueFault) -> String {
        switch f {
        case let .notA(shown, what): "\"\(shown)\" não é \(expectedValue(what))"
        case let .tooLong(n, w): "valor de \(n) bytes não cabe na largura \(w) do campo"
        case .typeNotInText(let t): "campo do tipo \(t) não pode estar no texto"
        case let .doesNotFit(shown, l, d): "\(shown) não cabe em N(\(l),\(d))"
        }
    }

    static func expectedValue(_ e: ExpectedValue) -> String {
        switch e {
        case .number: "um número"
        case .integer32: "um inteiro de 32 bits"
        case .currency: "um valor monetário"
        case .currencyDecimals: "um valor monetário (no máximo 4 decimais)"
        case .currencyInRange: "um valor monetário dentro do limite"
        case .logical: "um lógico (T/F)"
        case .date: "uma data (AAAAMMDD)"
        case .validDate: "uma data válida"
        case .dateTime: "uma data-hora (AAAAMMDDhhmmss)"
        }
    }

    static func memoFault(_ f: MemoFault) -> String {
        switch f {
        case .lacksField: "o DBF de memos não tem este campo"
        case let .countMismatch(m, t): "o DBF de memos tem \(m) registros, o texto tem \(t)"
        case .unreadable(let why): "o memo deste registro não pode ser lido: \(why.text(in: .pt))"
        case let .valueMismatch(t, m): "o texto diz \(t), o DBF de memos diz \(m)"
        case .cannotWriteTemporaryFile: "não foi possível gravar arquivo temporário"
        case .cannotRead(let why): "não foi possível ler: \(why.text(in: .pt))"
        case .dbfCount(let n): "contém \(n) arquivos DBF, esperado um"
        case .dbfUnreadable(let why): "o DBF não pode ser lido: \(why.text(in: .pt))"
        }
    }

    static func manifestFault(_ f: ManifestFault) -> String {
        switch f {
        case .unreadable(let why): "manifest.json ilegível: \(why)"
        case .unknownFormat(let s): "formato \"\(s)\" desconhecido"
        case .fileMissing: "o manifesto lista este arquivo, mas ele falta no conjunto"
        case let .sizeMismatch(a, l): "tem \(a) bytes, o manifesto diz \(l)"
        case .hashMismatch: "SHA-256 não confere com o manifesto"
        case let .recordCountMismatch(l, n): "o manifesto diz \(l) registros, os dados têm \(n)"
        }
    }

    static func dataLayout(_ d: DataLayout) -> String {
        switch d {
        case let .delimited(s, q, canonical):
            "delimitado, separador \(s == "," ? "vírgula" : s == ";" ? "ponto e vírgula" : s), "
                + (q.map { "aspas \($0)" } ?? "sem aspas") + (canonical ? " (canônico)" : "")
        case .sdf(let n): "SDF de largura fixa (\(n) bytes)"
        }
    }

    static func backupFault(_ f: BackupFault) -> String {
        switch f {
        case .tableNotFound(let folder): "tabela não encontrada em \(folder)"
        case .unreadableTableLeftOut(let why): "tabela ilegível, fora do backup: \(why.text(in: .pt))"
        case .tableLeftOut(let why): "tabela fora do backup: \(why.text(in: .pt))"
        case .noFreeQuote: "nenhum caractere de aspas livre para os valores"
        }
    }

    static func restoreFault(_ f: RestoreFault) -> String {
        switch f {
        case let .health(f, wholeTable): wholeTable ? "tabela danificada: " + health(f) : health(f)
        case .unreadableValue(let why): "valor ilegível: \(why.text(in: .pt))"
        case .structureMissing: "estrutura ilegível ou ausente"
        case .tableUnreadable(let why): "a tabela não pode ser lida: \(why.text(in: .pt))"
        case .cannotWrite(let why): "não foi possível gravar: \(why.text(in: .pt))"
        case .doesNotFitLiveField(let why): "valor não cabe no campo atual: " + fit(why)
        case .moreDefects(let n): "… e mais \(n) defeitos"
        case .indexNotRebuilt(let why): "o índice CDX não pôde ser reconstruído: \(why.text(in: .pt))"
        case .structureNotWritable(let why): restore(.structureNotWritable(why))
        case .refused(let p): restore(p)
        }
    }
}

/// Why a backup value does not fit the live field (`FitProblem`).
extension Portuguese {
    static func fit(_ p: FitProblem) -> String {
        switch p {
        case .cannotBecomeText(let k): "um valor \(valueClass(k)) não pode virar texto"
        case let .charactersDoNotFit(n, room): "\(n) caracteres não cabem em \(room)"
        case .notANumber(let v): "\(fitValue(v)) não é um número"
        case let .tooManyDecimals(v, d): "\(v) tem mais de \(d) casas decimais"
        case let .tooWide(v, room): "\(v) não cabe em \(room) caracteres"
        case .notInt32(let v): "\(fitValue(v)) não é um inteiro de 32 bits"
        case .notCurrency(let v): "\(fitValue(v)) não é um valor monetário"
        case .hasTimeOfDay(let v): "\(v) tem horário, e o campo só guarda a data"
        case .notADate(let k): "um valor \(valueClass(k)) não é uma data"
        case .notADateTime(let k): "um valor \(valueClass(k)) não é data e hora"
        case .notALogical(let k): "um valor \(valueClass(k)) não é lógico"
        }
    }

    static func fitValue(_ v: FitValue) -> String {
        switch v {
        case .shown(let s): s
        case .blank: "o valor em branco"
        case .kind(let k): "um valor \(valueClass(k))"
        }
    }
}
