import ResgateLocale
/// The syntax tree of a FoxPro index expression, before field names are bound to a table.
indirect enum ExprNode: Sendable, Equatable {
    case field(alias: String?, name: String)
    case string([UInt8])
    case number(Double)
    case logical(Bool)
    case call(name: String, arguments: [ExprNode])
    case unary(op: UnaryOp, operand: ExprNode)
    case binary(op: BinaryOp, left: ExprNode, right: ExprNode)
}

enum UnaryOp: Sendable, Equatable { case negate, plus, not }

enum BinaryOp: String, Sendable, Equatable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%", power = "^"
    case equal = "=", exactEqual = "==", notEqual = "<>", less = "<", lessEqual = "<=",
         greater = ">", greaterEqual = ">=", contains = "$"
    case and = ".AND.", or = ".OR."
}

/// A lexical token with its byte position in the expression (for error messages).
struct ExprToken: Equatable {
    enum Kind: Equatable {
        case identifier(String)     // upper-cased; may include an alias as "A.B" split later
        case number(Double)
        case string([UInt8])
        case logical(Bool)
        case op(String)             // operators and punctuation, upper-cased for .AND. etc.
        case end
    }
    var kind: Kind
    var position: Int
}

/// Splits an expression into tokens. Strings keep their raw code-page bytes.
struct ExprLexer {
    let bytes: [UInt8]
    var i = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    static func isIdentStart(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b >= 0x80 }
    static func isIdent(_ b: UInt8) -> Bool { isIdentStart(b) || (b >= 0x30 && b <= 0x39) }
    static func upper(_ b: UInt8) -> UInt8 { b >= 0x61 && b <= 0x7A ? b - 0x20 : b }

    mutating func tokens() throws(ExprSyntaxError) -> [ExprToken] {
        var out: [ExprToken] = []
        while true {
            let t = try next()
            out.append(t)
            if t.kind == .end { return out }
        }
    }

    private mutating func next() throws(ExprSyntaxError) -> ExprToken {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        let start = i
        guard i < bytes.count else { return ExprToken(kind: .end, position: i) }
        let b = bytes[i]
        // Quoted strings: '…', "…", […] (the bracket form only where an operand may start;
        // index expressions have no arrays, so it is always a string here).
        if b == 0x27 || b == 0x22 || b == 0x5B {
            let close: UInt8 = b == 0x5B ? 0x5D : b
            guard let end = bytes[(i + 1)...].firstIndex(of: close) else {
                throw ExprSyntaxError(position: start, reason: .unclosedString)
            }
            let s = Array(bytes[(i + 1)..<end])
            i = end + 1
            return ExprToken(kind: .string(s), position: start)
        }
        if (b >= 0x30 && b <= 0x39) || (b == 0x2E && i + 1 < bytes.count && bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39) {
            var j = i
            while j < bytes.count, (bytes[j] >= 0x30 && bytes[j] <= 0x39) || bytes[j] == 0x2E { j += 1 }
            let text = String(decoding: bytes[i..<j], as: UTF8.self)
            guard let v = Double(text) else { throw ExprSyntaxError(position: start, reason: .badNumber(text)) }
            i = j
            return ExprToken(kind: .number(v), position: start)
        }
        if b == 0x2E {  // .T. .F. .AND. .OR. .NOT.
            var j = i + 1
            while j < bytes.count, Self.isIdent(bytes[j]) { j += 1 }
            if j < bytes.count, bytes[j] == 0x2E {
                let word = String(decoding: bytes[(i + 1)..<j].map(Self.upper), as: UTF8.self)
                i = j + 1
                switch word {
                case "T", "Y": return ExprToken(kind: .logical(true), position: start)
                case "F", "N": return ExprToken(kind: .logical(false), position: start)
                case "AND", "OR", "NOT": return ExprToken(kind: .op("." + word + "."), position: start)
                default: throw ExprSyntaxError(position: start, reason: .unknownDotWord(word))
                }
            }
        }
        if Self.isIdentStart(b) {
            var j = i
            while j < bytes.count, Self.isIdent(bytes[j]) { j += 1 }
            let word = String(decoding: bytes[i..<j].map(Self.upper), as: UTF8.self)
            i = j
            switch word {
            case "AND", "OR", "NOT": return ExprToken(kind: .op("." + word + "."), position: start)
            default: return ExprToken(kind: .identifier(word), position: start)
            }
        }
        let two = i + 1 < bytes.count ? String(decoding: bytes[i...(i + 1)], as: UTF8.self) : ""
        if ["==", "<>", "!=", "<=", ">=", "->", "**"].contains(two) {
            i += 2
            let op = two == "!=" ? "<>" : two == "**" ? "^" : two
            return ExprToken(kind: .op(op), position: start)
        }
        let one = String(UnicodeScalar(b))
        if "+-*/%^()=<>#$!,.".contains(one) {
            i += 1
            return ExprToken(kind: .op(one == "#" ? "<>" : one == "!" ? ".NOT." : one), position: start)
        }
        throw ExprSyntaxError(position: start, reason: .unexpectedCharacter("\(one)"))
    }
}

struct ExprSyntaxError: Error, Equatable {
    /// 0-based.
    var position: Int
    var reason: SyntaxReason
}
