/// Why a CDX index could not be read, built or checked (`IndexFailure`, `IndexFinding`), in English.
extension English {
    static func index(_ f: IndexFailure) -> String {
        switch f {
        case let .cannotOpen(f, r): "\(f): cannot open index: \(io(r))"
        case let .io(f, r): "\(f): I/O error: \(io(r))"
        case let .malformed(f, t, o, r): "\(f): " + (t.map { "tag \($0), " } ?? "") + "page at offset \(o): \(indexReason(r))"
        case let .unsupportedExpression(f, t, e, r): "\(f): tag \(t): expression \"\(e)\" is not supported: \(expression(r))"
        case let .unsupportedCollation(f, t, c):
            "\(f): tag \(t) uses collation \(c), not MACHINE (byte order); it cannot be rebuilt or searched safely"
        case let .table(e): xbase(e)
        }
    }

    static func indexReason(_ r: IndexReason) -> String {
        switch r {
        case .fileTooShort(let n): "file is \(n) bytes, too short for a CDX"
        case .directoryKeyLength(let n): "tag directory key length is \(n), not 10"
        case let .tagOutsideFile(t, o): "directory points tag \(t) at offset \(o), outside the file"
        case .tagHeaderSize(let n): "tag header is \(n) bytes, not 1024"
        case .tooManyTags: "more tags than one directory page holds"
        case let .nodePointer(o, size): "node pointer \(o) is not a page of this \(size)-byte file"
        case .treeTooDeep: "tree deeper than 32 levels"
        case .cycle: "page reached twice: the tree has a cycle"
        case .rootNotMarked: "root page is not marked as root"
        case .innerMarkedRoot: "inner page is marked as root"
        case .pageCut(let n): "page is cut short (\(n) bytes)"
        case .keyLengthImpossible(let n): "key length \(n) is impossible"
        case .notANodeType(let a): "node attribute \(a) is not a CDX node type"
        case .neitherInteriorNorLeaf(let a): "node attribute \(a) is neither interior nor leaf"
        case let .interiorCount(n, room): "interior page claims \(n) keys, room for \(room)"
        case .interiorEmpty: "interior page with no keys"
        case let .interiorLeftLink(l, e): "interior page's left link is \(l), expected \(e)"
        case let .interiorRightLink(l, next): "interior page's right link is \(l), the next page is \(next)"
        case .lastInteriorRightLink(let l): "last interior page's right link is \(l), not -1"
        case let .leafWidths(r, d, t, n): "leaf widths \(r)/\(d)/\(t) bits do not fit \(n)-byte entries"
        case .leafMasks: "leaf masks disagree with their bit counts"
        case let .leafCount(n, b): "leaf claims \(n) keys of \(b) bytes, more than a page holds"
        case let .keyCompression(k, d, t, len): "key \(k): duplicate \(d) + trailing \(t) exceed key length \(len)"
        case .firstKeyShares(let n): "first key of a leaf claims \(n) bytes shared with nothing"
        case .keysIntoEntries(let k): "key bytes run into the entry table at key \(k)"
        case let .leafFreeSpace(s, l): "leaf free-space word says \(s), the keys leave \(l)"
        case let .leafLeftLink(l, p): "leaf's left link is \(l), the previous leaf is \(p)"
        case let .leafRightLink(l, next): "leaf's right link is \(l), the next leaf is \(next)"
        case .lastLeafRightLink(let l): "last leaf's right link is \(l), not -1"
        case .parentKey: "parent's key for this page is not the page's last key"
        }
    }

    static func expressionType(_ t: ExpressionType) -> String {
        switch t {
        case .character: "character"
        case .numeric: "numeric"
        case .integer: "integer"
        case .date: "date"
        case .dateTime: "dateTime"
        case .logical: "logical"
        }
    }

    static func expression(_ r: ExpressionReason) -> String {
        switch r {
        case let .syntax(p, s): "at position \(p): \(syntax(s))"
        case .noField(let n): "the table has no field \(n)"
        case let .containerLacksField(c, n): "the database container \(c) lists no field \(n) for this table"
        case let .fieldNotKeyable(n, t): "field \(n) of type \(t) cannot be part of a key"
        case .notNeedsLogical: "NOT needs a logical operand"
        case .unaryNeedsNumber(let minus): minus ? "unary minus needs a number" : "unary plus needs a number"
        case .unknownFunction(let n): "function \(n)() is not supported"
        case .logicalOperands(let op): "\(op) needs logical operands"
        case let .cannotCompare(l, r): "cannot compare \(expressionType(l)) with \(expressionType(r))"
        case .containsNeedsCharacters: "$ needs character operands"
        case let .cannotApply(op, l, r): "cannot apply \(op) to \(expressionType(l)) and \(expressionType(r))"
        case .needsNumbers(let op): "\(op) needs numbers"
        case let .badArguments(f, t): "\(f)() called with (\(t.map(expressionType).joined(separator: ", ")))"
        case .onlyWithOne(let f): "\(f)() is only supported with ,1"
        case .needsDate(let f): "\(f)() needs a date"
        case .iifArguments: "IIF() needs a logical and two values of one type"
        case .emptyTakesOne: "EMPTY() takes one value"
        case .bintocSize: "BINTOC() size must be 1, 2 or 4"
        case .forNotLogical: "a FOR condition must be logical"
        case let .keyDoesNotFit(t, len): "a \(expressionType(t)) key does not fit the tag's key length \(len)"
        case .keyWidth(let n): "a key of \(n) bytes (1 to 240 allowed)"
        case .notJudged(let f): indexFinding(f)
        }
    }

    static func syntax(_ s: SyntaxReason) -> String {
        switch s {
        case .trailingText: "unexpected text after the expression"
        case .expected(let op): "expected \(op)"
        case .fieldAfterAlias(let a): "expected a field name after \(a)."
        case .endsTooEarly: "expression ends too early"
        case .unexpectedToken: "unexpected token"
        case .unclosedString: "string is not closed"
        case .badNumber(let t): "bad number \(t)"
        case .unknownDotWord(let w): "unknown .\(w)."
        case .unexpectedCharacter(let c): "unexpected character \(c)"
        }
    }

    static func container(_ r: ContainerReason) -> String {
        switch r {
        case .notBeside(let c): "the table belongs to the database container \(c), which is not beside it"
        case let .notAContainer(p, c): "\(p): no \(c) column: not a database container"
        case let .noTableObject(p, t): "\(p): no Table object named \(t)"
        case let .tableObjects(p, n, t): "\(p): \(n) Table objects named \(t)"
        case let .fieldCount(p, n, t, f): "\(p): it lists \(n) fields for \(t), the table has \(f)"
        case let .fieldMismatch(p, l, s): "\(p): its field \(l) does not match the table's field \(s) in the same position"
        case .unreadable(let e): xbase(e)
        }
    }

    static func indexFinding(_ f: IndexFinding) -> String {
        switch f {
        case .failure(let e): index(e)
        case .tableUnreadable(let e): "cannot read the table: \(index(e))"
        case .binaryIndex(let e):
            "a 1-byte logical tag whose pages are not compact index pages: a Visual FoxPro 9 binary index, which we neither read nor rebuild (\(index(e)))"
        case let .keysDisagree(s, i, r):
            "the old index shares only \(s) of its \(i) entries with the \(r) keys computed from the records: "
                + "the likelier fault is our key computation, so this index is left as it is"
        case let .entriesDiffer(i, r, first):
            (i != r ? "the index has \(i) entries, the table gives \(r)" : "entries differ from the records") + (first.map(entryDifference) ?? "")
        case let .unsortedAndDiffer(e, shown, previous, first):
            "entries differ from the records and are not in byte order (entry \(e) (\(shown)) sorts before entry \(e - 1) (\(previous)))"
                + (first.map(entryDifference) ?? "")
        case let .outOfOrder(e, shown, previous): "entry \(e) (\(shown)) sorts before entry \(e - 1) (\(previous))"
        case let .nationalCollation(p, before, after):
            "the entries are right but not in byte order (first at position \(p): \(before) before \(after)): the tag was built under a national collation, not MACHINE"
        case let .newTagCount(n, o): "the new file has \(n) tags, the old one \(o)"
        case .newTagHeaderDiffers: "the tag header differs from the original's"
        case .newOutOfOrder(let e): "the new file's entry \(e) does not sort after entry \(e - 1)"
        case let .newEntryCount(n, r): "the new file has \(n) entries, the records give \(r)"
        case .newEntriesDiffer: "the new file's entries differ from what the records give"
        case .cannotCheckNew(let e): "cannot check the new file: \(index(e))"
        }
    }

    /// Appended to a finding: `; first difference at position 3: …`.
    static func entryDifference(_ d: EntryDifference) -> String {
        switch d {
        case let .at(p, i, r): "; first difference at position \(p): index has \(i ?? "nothing"), records give \(r ?? "nothing")"
        case .extra(let e): "; extra entry \(e)"
        case .missing(let e): "; missing entry \(e)"
        }
    }
}
