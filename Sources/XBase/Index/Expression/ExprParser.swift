import ResgateLocale
/// Recursive-descent parser for FoxPro expressions, with FoxPro's precedence:
/// OR < AND < NOT < comparisons < + - < * / % < ^ < unary sign.
struct ExprParser {
    private var tokens: [ExprToken]
    private var p = 0

    static func parse(_ text: [UInt8]) throws(ExprSyntaxError) -> ExprNode {
        var lexer = ExprLexer(text)
        var parser = ExprParser(tokens: try lexer.tokens())
        let node = try parser.orExpr()
        guard parser.peek.kind == .end else { throw ExprSyntaxError(position: parser.peek.position, reason: .trailingText) }
        return node
    }

    private init(tokens: [ExprToken]) { self.tokens = tokens }

    private var peek: ExprToken { tokens[p] }
    private mutating func take(_ op: String) -> Bool {
        if case .op(op) = peek.kind { p += 1; return true }
        return false
    }
    private mutating func expect(_ op: String) throws(ExprSyntaxError) {
        guard take(op) else { throw ExprSyntaxError(position: peek.position, reason: .expected(op)) }
    }

    private mutating func orExpr() throws(ExprSyntaxError) -> ExprNode {
        var l = try andExpr()
        while take(".OR.") { l = .binary(op: .or, left: l, right: try andExpr()) }
        return l
    }
    private mutating func andExpr() throws(ExprSyntaxError) -> ExprNode {
        var l = try notExpr()
        while take(".AND.") { l = .binary(op: .and, left: l, right: try notExpr()) }
        return l
    }
    private mutating func notExpr() throws(ExprSyntaxError) -> ExprNode {
        if take(".NOT.") { return .unary(op: .not, operand: try notExpr()) }
        return try comparison()
    }
    private mutating func comparison() throws(ExprSyntaxError) -> ExprNode {
        let l = try additive()
        let ops: [(String, BinaryOp)] = [("==", .exactEqual), ("=", .equal), ("<>", .notEqual), ("<=", .lessEqual),
                                         (">=", .greaterEqual), ("<", .less), (">", .greater), ("$", .contains)]
        for (text, op) in ops where take(text) { return .binary(op: op, left: l, right: try additive()) }
        return l
    }
    private mutating func additive() throws(ExprSyntaxError) -> ExprNode {
        var l = try multiplicative()
        while true {
            if take("+") { l = .binary(op: .add, left: l, right: try multiplicative()) }
            else if take("-") { l = .binary(op: .subtract, left: l, right: try multiplicative()) }
            else { return l }
        }
    }
    private mutating func multiplicative() throws(ExprSyntaxError) -> ExprNode {
        var l = try power()
        while true {
            if take("*") { l = .binary(op: .multiply, left: l, right: try power()) }
            else if take("/") { l = .binary(op: .divide, left: l, right: try power()) }
            else if take("%") { l = .binary(op: .modulo, left: l, right: try power()) }
            else { return l }
        }
    }
    private mutating func power() throws(ExprSyntaxError) -> ExprNode {
        let l = try unary()
        if take("^") { return .binary(op: .power, left: l, right: try power()) }
        return l
    }
    private mutating func unary() throws(ExprSyntaxError) -> ExprNode {
        if take("-") { return .unary(op: .negate, operand: try unary()) }
        if take("+") { return .unary(op: .plus, operand: try unary()) }
        if take(".NOT.") { return .unary(op: .not, operand: try unary()) }
        return try primary()
    }
    private mutating func primary() throws(ExprSyntaxError) -> ExprNode {
        let t = peek
        switch t.kind {
        case .number(let v): p += 1; return .number(v)
        case .string(let s): p += 1; return .string(s)
        case .logical(let v): p += 1; return .logical(v)
        case .identifier(let name):
            p += 1
            if take("(") {
                var args: [ExprNode] = []
                if !take(")") {
                    repeat { args.append(try orExpr()) } while take(",")
                    try expect(")")
                }
                return .call(name: name, arguments: args)
            }
            if take("->") || take(".") {
                guard case .identifier(let field) = peek.kind else { throw ExprSyntaxError(position: peek.position, reason: .fieldAfterAlias(name)) }
                p += 1
                return .field(alias: name, name: field)
            }
            return .field(alias: nil, name: name)
        case .op("("):
            p += 1
            let e = try orExpr()
            try expect(")")
            return e
        default:
            throw ExprSyntaxError(position: t.position, reason: t.kind == .end ? .endsTooEarly : .unexpectedToken)
        }
    }
}
