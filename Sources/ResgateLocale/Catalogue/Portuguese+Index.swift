/// Why a CDX index could not be read, built or checked (`IndexFailure`, `IndexFinding`), in Brazilian Portuguese.
extension Portuguese {
    static func index(_ f: IndexFailure) -> String {
        switch f {
        case let .cannotOpen(f, r): "\(f): não foi possível abrir o índice: \(io(r))"
        case let .io(f, r): "\(f): erro de leitura/gravação: \(io(r))"
        case let .malformed(f, t, o, r): "\(f): " + (t.map { "tag \($0), " } ?? "") + "página na posição \(o): \(indexReason(r))"
        case let .unsupportedExpression(f, t, e, r): "\(f): tag \(t): a expressão \"\(e)\" não é suportada: \(expression(r))"
        case let .unsupportedCollation(f, t, c):
            "\(f): a tag \(t) usa a ordenação \(c), não MACHINE (ordem dos bytes); não pode ser reconstruída nem consultada com segurança"
        case let .table(e): xbase(e)
        }
    }

    static func indexReason(_ r: IndexReason) -> String {
        switch r {
        case .fileTooShort(let n): "o arquivo tem \(n) bytes, pouco para um CDX"
        case .directoryKeyLength(let n): "o tamanho de chave do diretório de tags é \(n), não 10"
        case let .tagOutsideFile(t, o): "o diretório aponta a tag \(t) para a posição \(o), fora do arquivo"
        case .tagHeaderSize(let n): "o cabeçalho da tag tem \(n) bytes, não 1024"
        case .tooManyTags: "mais tags do que cabem numa página de diretório"
        case let .nodePointer(o, size): "o ponteiro de nó \(o) não é uma página deste arquivo de \(size) bytes"
        case .treeTooDeep: "árvore com mais de 32 níveis"
        case .cycle: "página alcançada duas vezes: a árvore tem um ciclo"
        case .rootNotMarked: "a página raiz não está marcada como raiz"
        case .innerMarkedRoot: "uma página interna está marcada como raiz"
        case .pageCut(let n): "página cortada (\(n) bytes)"
        case .keyLengthImpossible(let n): "tamanho de chave \(n) impossível"
        case .notANodeType(let a): "o atributo de nó \(a) não é um tipo de nó CDX"
        case .neitherInteriorNorLeaf(let a): "o atributo de nó \(a) não é nem interno nem folha"
        case let .interiorCount(n, room): "a página interna diz ter \(n) chaves, mas só cabem \(room)"
        case .interiorEmpty: "página interna sem chaves"
        case let .interiorLeftLink(l, e): "o elo esquerdo da página interna é \(l), o esperado era \(e)"
        case let .interiorRightLink(l, next): "o elo direito da página interna é \(l), a página seguinte é \(next)"
        case .lastInteriorRightLink(let l): "o elo direito da última página interna é \(l), não -1"
        case let .leafWidths(r, d, t, n): "as larguras \(r)/\(d)/\(t) bits da folha não cabem em entradas de \(n) bytes"
        case .leafMasks: "as máscaras da folha não batem com suas contagens de bits"
        case let .leafCount(n, b): "a folha diz ter \(n) chaves de \(b) bytes, mais do que cabe numa página"
        case let .keyCompression(k, d, t, len): "chave \(k): \(d) bytes repetidos + \(t) bytes finais excedem o tamanho de chave \(len)"
        case .firstKeyShares(let n): "a primeira chave de uma folha diz repetir \(n) bytes de uma chave anterior que não existe"
        case .keysIntoEntries(let k): "os bytes das chaves invadem a tabela de entradas na chave \(k)"
        case let .leafFreeSpace(s, l): "o espaço livre da folha diz \(s), as chaves deixam \(l)"
        case let .leafLeftLink(l, p): "o elo esquerdo da folha é \(l), a folha anterior é \(p)"
        case let .leafRightLink(l, next): "o elo direito da folha é \(l), a folha seguinte é \(next)"
        case .lastLeafRightLink(let l): "o elo direito da última folha é \(l), não -1"
        case .parentKey: "a chave da página-mãe para esta página não é a última chave da página"
        }
    }

    static func expressionType(_ t: ExpressionType) -> String {
        switch t {
        case .character: "caractere"
        case .numeric: "numérico"
        case .integer: "inteiro"
        case .date: "data"
        case .dateTime: "data e hora"
        case .logical: "lógico"
        }
    }

    static func expression(_ r: ExpressionReason) -> String {
        switch r {
        case let .syntax(p, s): "na posição \(p): \(syntax(s))"
        case .noField(let n): "a tabela não tem o campo \(n)"
        case let .containerLacksField(c, n): "o banco de dados (DBC) \(c) não lista o campo \(n) para esta tabela"
        case let .fieldNotKeyable(n, t): "o campo \(n), do tipo \(t), não pode fazer parte de uma chave"
        case .notNeedsLogical: "NOT precisa de um operando lógico"
        case .unaryNeedsNumber(let minus): minus ? "o menos unário precisa de um número" : "o mais unário precisa de um número"
        case .unknownFunction(let n): "a função \(n)() não é suportada"
        case .logicalOperands(let op): "\(op) precisa de operandos lógicos"
        case let .cannotCompare(l, r): "não é possível comparar \(expressionType(l)) com \(expressionType(r))"
        case .containsNeedsCharacters: "$ precisa de operandos de caractere"
        case let .cannotApply(op, l, r): "não é possível aplicar \(op) a \(expressionType(l)) e \(expressionType(r))"
        case .needsNumbers(let op): "\(op) precisa de números"
        case let .badArguments(f, t): "\(f)() chamada com (\(t.map(expressionType).joined(separator: ", ")))"
        case .onlyWithOne(let f): "\(f)() só é suportada com ,1"
        case .needsDate(let f): "\(f)() precisa de uma data"
        case .iifArguments: "IIF() precisa de um lógico e dois valores do mesmo tipo"
        case .emptyTakesOne: "EMPTY() recebe um só valor"
        case .bintocSize: "o tamanho em BINTOC() tem de ser 1, 2 ou 4"
        case .forNotLogical: "uma condição FOR tem de ser lógica"
        case let .keyDoesNotFit(t, len): "uma chave do tipo \(expressionType(t)) não cabe no tamanho de chave \(len) da tag"
        case .keyWidth(let n): "uma chave de \(n) bytes (o permitido é de 1 a 240)"
        case .notJudged(let f): indexFinding(f)
        }
    }

    static func syntax(_ s: SyntaxReason) -> String {
        switch s {
        case .trailingText: "texto inesperado depois da expressão"
        case .expected(let op): "esperava \(op)"
        case .fieldAfterAlias(let a): "esperava um nome de campo depois de \(a)."
        case .endsTooEarly: "a expressão termina cedo demais"
        case .unexpectedToken: "símbolo inesperado"
        case .unclosedString: "texto entre aspas sem fechamento"
        case .badNumber(let t): "número inválido \(t)"
        case .unknownDotWord(let w): ".\(w). desconhecido"
        case .unexpectedCharacter(let c): "caractere inesperado \(c)"
        }
    }

    static func container(_ r: ContainerReason) -> String {
        switch r {
        case .notBeside(let c): "a tabela pertence ao banco de dados (DBC) \(c), que não está ao lado dela"
        case let .notAContainer(p, c): "\(p): sem a coluna \(c): não é um banco de dados (DBC)"
        case let .noTableObject(p, t): "\(p): nenhum objeto Table chamado \(t)"
        case let .tableObjects(p, n, t): "\(p): \(n) objetos Table chamados \(t)"
        case let .fieldCount(p, n, t, f): "\(p): lista \(n) campos para \(t), a tabela tem \(f)"
        case let .fieldMismatch(p, l, s): "\(p): o campo \(l) não corresponde ao campo \(s) da tabela na mesma posição"
        case .unreadable(let e): xbase(e)
        }
    }

    static func indexFinding(_ f: IndexFinding) -> String {
        switch f {
        case .failure(let e): index(e)
        case .tableUnreadable(let e): "não foi possível ler a tabela: \(index(e))"
        case .binaryIndex(let e):
            "tag lógica de 1 byte cujas páginas não são páginas de índice compacto: um índice binário do Visual FoxPro 9, que não lemos nem reconstruímos (\(index(e)))"
        case let .keysDisagree(s, i, r):
            "o índice antigo tem só \(s) de suas \(i) entradas em comum com as \(r) chaves calculadas a partir dos registros: "
                + "o mais provável é um erro no nosso cálculo das chaves, por isso este índice fica como está"
        case let .entriesDiffer(i, r, first):
            (i != r ? "o índice tem \(i) entradas, a tabela dá \(r)" : "as entradas diferem dos registros") + (first.map(entryDifference) ?? "")
        case let .unsortedAndDiffer(e, shown, previous, first):
            "as entradas diferem dos registros e não estão na ordem dos bytes (a entrada \(e) (\(shown)) vem antes da entrada \(e - 1) (\(previous)))"
                + (first.map(entryDifference) ?? "")
        case let .outOfOrder(e, shown, previous): "a entrada \(e) (\(shown)) vem antes da entrada \(e - 1) (\(previous))"
        case let .nationalCollation(p, before, after):
            "as entradas estão certas, mas fora da ordem dos bytes (a primeira na posição \(p): \(before) antes de \(after)): a tag foi criada com uma ordenação nacional, não MACHINE"
        case let .newTagCount(n, o): "o arquivo novo tem \(n) tags, o antigo \(o)"
        case .newTagHeaderDiffers: "o cabeçalho da tag difere do original"
        case .newOutOfOrder(let e): "a entrada \(e) do arquivo novo não vem depois da entrada \(e - 1)"
        case let .newEntryCount(n, r): "o arquivo novo tem \(n) entradas, os registros dão \(r)"
        case .newEntriesDiffer: "as entradas do arquivo novo diferem do que os registros dão"
        case .cannotCheckNew(let e): "não foi possível conferir o arquivo novo: \(index(e))"
        }
    }

    /// Appended to a finding: `; primeira diferença na posição 3: …`.
    static func entryDifference(_ d: EntryDifference) -> String {
        switch d {
        case let .at(p, i, r): "; primeira diferença na posição \(p): o índice tem \(i ?? "nada"), os registros dão \(r ?? "nada")"
        case .extra(let e): "; entrada a mais \(e)"
        case .missing(let e): "; entrada faltando \(e)"
        }
    }
}
