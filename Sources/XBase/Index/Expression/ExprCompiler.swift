import ResgateLocale
/// A FoxPro function an index expression may call.
enum ExprFunction: String, Sendable {
    case upper = "UPPER", lower = "LOWER", str = "STR", dtos = "DTOS", dtoc = "DTOC", ttoc = "TTOC"
    case left = "LEFT", right = "RIGHT", substr = "SUBSTR", padl = "PADL", padr = "PADR"
    case alltrim = "ALLTRIM", ltrim = "LTRIM", rtrim = "RTRIM", trim = "TRIM"
    case val = "VAL", int = "INT", iif = "IIF", empty = "EMPTY", deleted = "DELETED", bintoc = "BINTOC"
    case year = "YEAR", month = "MONTH", day = "DAY", recno = "RECNO"

    /// FoxPro accepts any unambiguous abbreviation of four letters or more (SUBS, ALLT…).
    static func named(_ name: String) -> ExprFunction? {
        if let f = ExprFunction(rawValue: name) { return f }
        guard name.count >= 4 else { return nil }
        let matches = [ExprFunction.upper, .lower, .dtos, .dtoc, .ttoc, .substr, .alltrim, .ltrim, .rtrim, .trim,
                       .deleted, .bintoc, .month, .recno].filter { $0.rawValue.hasPrefix(name) }
        return matches.count == 1 ? matches[0] : nil
    }
}

/// An expression bound to a table's fields and type-checked.
indirect enum CompiledNode: Sendable {
    case field(FieldAccess)
    case constant(ExprValueBox)
    case call(ExprFunction, [CompiledNode], [ExprType])
    case negate(CompiledNode)
    case not(CompiledNode)
    case binary(BinaryOp, CompiledNode, CompiledNode, ExprType, ExprType)
}

/// Constants are stored boxed so `CompiledNode` stays `Sendable` without making the
/// per-record `ExprValue` Sendable-checked.
struct ExprValueBox: @unchecked Sendable { let value: ExprValue }

/// Binds an `ExprNode` to fields and works out its type, refusing anything whose result
/// FoxPro would compute differently from us.
struct ExprCompiler {
    let fields: [FieldDescriptor]
    let nullFlags: FieldDescriptor?
    let nullAware: Bool
    /// Long (DBC) field names of the table, when it belongs to a database container.
    var names: DBCFieldNames = .free
    var rules: KeyRules = .unspecified

    struct Failure: Error { var reason: ExpressionReason }

    /// Parses `text`, a syntax error told as the compiler's failure (position 1-based).
    static func parse(_ text: [UInt8]) throws(Failure) -> ExprNode {
        do { return try ExprParser.parse(text) } catch { throw Failure(reason: .syntax(position: error.position + 1, error.reason)) }
    }

    /// The field an expression's name stands for. A DBC table's long names come from its
    /// container; a name longer than 10 characters is never guessed for a DBC table whose
    /// container we could not read (`depreciationdate` is not `DEPRECIATI`, an Integer).
    func resolve(_ name: String) throws(Failure) -> FieldDescriptor {
        let visible = fields.filter { !$0.isSystem }
        if let short = names.headerName[name], let f = visible.first(where: { $0.name.uppercased() == short }) { return f }
        if let f = visible.first(where: { $0.name.uppercased() == name }) { return f }
        guard name.count > 10 else { throw Failure(reason: .noField(name)) }
        switch names.source {
        case .container(let path):
            throw Failure(reason: .containerLacksField(container: path, field: name))
        case .freeTable, .unreadable:
            // (a DBC we cannot use: the same cut, with the safety net behind it)
            // A table freed from its DBC keeps only the first 10 characters of a long name,
            // while its tag keeps the long name; only one field may match the cut.
            let cut = visible.filter { $0.name.uppercased() == String(name.prefix(10)) }
            guard cut.count == 1, let f = cut.first else { throw Failure(reason: .noField(name)) }
            return f
        }
    }

    func compile(_ node: ExprNode) throws(Failure) -> (CompiledNode, ExprType) {
        switch node {
        case .string(let s): return (.constant(ExprValueBox(value: .chars(s))), .character)
        case .number(let v): return (.constant(ExprValueBox(value: .number(v))), .numeric)
        case .logical(let b): return (.constant(ExprValueBox(value: .logical(b))), .logical)
        case .field(_, let name):
            let f = try resolve(name)
            var access = FieldAccess(f, nullFlags: nullFlags, nullAware: nullAware)
            access.roundsDateTimeToSecond = rules == .visualFoxPro
            guard let t = access.staticType else { throw Failure(reason: .fieldNotKeyable(field: name, type: "\(f.type)")) }
            return (.field(access), t)
        case .unary(let op, let operand):
            let (c, t) = try compile(operand)
            switch op {
            case .not:
                guard t == .logical else { throw Failure(reason: .notNeedsLogical) }
                return (.not(c), .logical)
            case .negate:
                guard numeric(t) else { throw Failure(reason: .unaryNeedsNumber(minus: true)) }
                return (.negate(c), .numeric)
            case .plus:
                guard numeric(t) else { throw Failure(reason: .unaryNeedsNumber(minus: false)) }
                return (c, widen(t))
            }
        case .binary(let op, let l, let r):
            let (lc, lt) = try compile(l), (rc, rt) = try compile(r)
            return (.binary(op, lc, rc, widen(lt), widen(rt)), try binaryType(op, widen(lt), widen(rt)))
        case .call(let name, let args):
            guard let f = ExprFunction.named(name) else { throw Failure(reason: .unknownFunction(name)) }
            var compiled: [CompiledNode] = [], types: [ExprType] = []
            for a in args {
                let (c, t) = try compile(a)
                compiled.append(c); types.append(widen(t))
            }
            if f == .str, compiled.count == 1, rules == .harbour, case .field(let access) = compiled[0],
               let width = fields.first(where: { $0.offset == access.offset && $0.type == access.type }).flatMap(Self.harbourStrWidth) {
                // Harbour's STR(field) is as wide as the field, with its decimals (a number
                // read from a field keeps its width); VFP's is 10 wide, no decimals.
                compiled += [.constant(ExprValueBox(value: .number(Double(width.0)))), .constant(ExprValueBox(value: .number(Double(width.1))))]
                types += [.numeric, .numeric]
            }
            return (.call(f, compiled, types), try callType(f, types, args))
        }
    }

    /// The width and decimals of Harbour's `STR(field)`: N/F fields keep their own; an
    /// `I`/`+` field of 1, 2, 3–4 or 8 bytes is 4, 6, 10 or 20 digits wide, plus its
    /// decimals and the point (Harbour's dbf1.c, checked on Harbour-written indexes).
    static func harbourStrWidth(_ f: FieldDescriptor) -> (Int, Int)? {
        switch f.type {
        case .numeric, .float: return (f.length, f.decimals)
        case .integer, .autoIncrement:
            let digits = switch f.length { case 1: 4; case 2: 6; case 3, 4: 10; case 8: 20; default: 0 }
            guard digits > 0 else { return nil }
            return f.decimals > 0 ? (digits + 1 + f.decimals, f.decimals) : (digits, 0)
        default: return nil
        }
    }

    private func numeric(_ t: ExprType) -> Bool { t == .numeric || t == .integer }
    /// Inside an expression an Integer field is just a number; only a bare one keeps 4 bytes.
    private func widen(_ t: ExprType) -> ExprType { t == .integer ? .numeric : t }

    private func binaryType(_ op: BinaryOp, _ l: ExprType, _ r: ExprType) throws(Failure) -> ExprType {
        switch op {
        case .and, .or:
            guard l == .logical, r == .logical else { throw Failure(reason: .logicalOperands(op: op.rawValue)) }
            return .logical
        case .equal, .exactEqual, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            guard l == r else { throw Failure(reason: .cannotCompare(l, r)) }
            return .logical
        case .contains:
            guard l == .character, r == .character else { throw Failure(reason: .containsNeedsCharacters) }
            return .logical
        case .add, .subtract:
            switch (l, r) {
            case (.character, .character), (.numeric, .numeric): return l
            case (.date, .numeric), (.dateTime, .numeric): return l
            case (.numeric, .date) where op == .add: return .date
            case (.date, .date) where op == .subtract: return .numeric
            case (.dateTime, .dateTime) where op == .subtract: return .numeric
            default: throw Failure(reason: .cannotApply(op: op.rawValue, l, r))
            }
        case .multiply, .divide, .modulo, .power:
            guard l == .numeric, r == .numeric else { throw Failure(reason: .needsNumbers(op: op.rawValue)) }
            return .numeric
        }
    }

    private func callType(_ f: ExprFunction, _ t: [ExprType], _ args: [ExprNode]) throws(Failure) -> ExprType {
        func need(_ types: [ExprType], optional: Int = 0) throws(Failure) {
            guard t.count <= types.count, t.count >= types.count - optional,
                  zip(t, types).allSatisfy({ $0 == $1 }) else {
                throw Failure(reason: .badArguments(function: f.rawValue, t))
            }
        }
        switch f {
        case .upper, .lower, .alltrim, .ltrim, .rtrim, .trim: try need([.character]); return .character
        case .str: try need([.numeric, .numeric, .numeric], optional: 2); return .character
        case .dtos: try need([.date]); return .character
        case .dtoc, .ttoc:
            try need([f == .dtoc ? .date : .dateTime, .numeric])
            // Only the ,1 form is independent of SET DATE / SET CENTURY; anything else could
            // differ from the ERP's settings, so we refuse it.
            guard case .number(1) = args[1] else { throw Failure(reason: .onlyWithOne(function: f.rawValue)) }
            return .character
        case .left, .right: try need([.character, .numeric]); return .character
        case .substr: try need([.character, .numeric, .numeric], optional: 1); return .character
        case .padl, .padr: try need([.character, .numeric, .character], optional: 1); return .character
        case .val: try need([.character]); return .numeric
        case .int: try need([.numeric]); return .numeric
        case .year, .month, .day:
            guard t.count == 1, t[0] == .date || t[0] == .dateTime else { throw Failure(reason: .needsDate(function: f.rawValue)) }
            return .numeric
        case .iif:
            guard t.count == 3, t[0] == .logical, t[1] == t[2] else { throw Failure(reason: .iifArguments) }
            return t[1]
        case .empty: guard t.count == 1 else { throw Failure(reason: .emptyTakesOne) }; return .logical
        case .deleted, .recno: try need([]); return f == .deleted ? .logical : .numeric
        case .bintoc:
            try need([.numeric, .numeric], optional: 1)
            if args.count == 2 {
                guard case .number(let n) = args[1], [1, 2, 4].contains(n) else { throw Failure(reason: .bintocSize) }
            }
            return .character
        }
    }
}
