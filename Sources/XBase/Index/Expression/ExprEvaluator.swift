#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Computes a compiled expression for one record, from the record's raw bytes
/// (`record[0]` is the delete flag).
struct ExprEvaluator {
    let caseMap: CaseMap

    func evaluate(_ node: CompiledNode, _ r: UnsafeRawBufferPointer, recno: Int) -> ExprValue {
        switch node {
        case .field(let f): return f.value(r)
        case .constant(let box): return box.value
        case .negate(let c):
            let v = evaluate(c, r, recno: recno)
            return v.isNull ? .null : .number(-v.double)
        case .not(let c):
            let v = evaluate(c, r, recno: recno)
            return v.isNull ? .null : .logical(!v.bool)
        case let .binary(op, l, rn, lt, _):
            // FoxPro short-circuits .AND./.OR.
            if op == .and || op == .or {
                let a = evaluate(l, r, recno: recno).bool
                if op == .and && !a { return .logical(false) }
                if op == .or && a { return .logical(true) }
                return .logical(evaluate(rn, r, recno: recno).bool)
            }
            let a = evaluate(l, r, recno: recno), b = evaluate(rn, r, recno: recno)
            if a.isNull || b.isNull { return .null }
            return binary(op, a, b, lt)
        case let .call(f, args, _):
            return call(f, args, r, recno: recno)
        }
    }

    private func binary(_ op: BinaryOp, _ a: ExprValue, _ b: ExprValue, _ type: ExprType) -> ExprValue {
        switch op {
        case .add:
            switch (a, b) {
            case let (.chars(x), .chars(y)): return .chars(x + y)
            case let (.date(d), .number(n)): return .date(d + safeInt(n))
            case let (.number(n), .date(d)): return .date(d + safeInt(n))
            case let (.dateTime(t), .number(n)): return .dateTime(t + n / 86_400)
            default: return .number(a.double + b.double)
            }
        case .subtract:
            switch (a, b) {
            case let (.chars(x), .chars(y)):
                // "-" concatenates and moves the left side's trailing blanks to the end.
                var trimmed = x[...]
                while trimmed.last == 0x20 { trimmed.removeLast() }
                return .chars(Array(trimmed) + y + [UInt8](repeating: 0x20, count: x.count - trimmed.count))
            case let (.date(d), .number(n)): return .date(d - safeInt(n))
            case let (.date(d), .date(e)): return .number(Double(d - e))
            case let (.dateTime(t), .number(n)): return .dateTime(t - n / 86_400)
            case let (.dateTime(t), .dateTime(u)): return .number(((t - u) * 86_400).rounded())
            default: return .number(a.double - b.double)
            }
        case .multiply: return .number(a.double * b.double)
        case .divide: return .number(b.double == 0 ? 0 : a.double / b.double)
        case .modulo:
            let y = b.double
            guard y != 0 else { return .number(0) }
            let m = a.double.truncatingRemainder(dividingBy: y)
            return .number(m != 0 && (m < 0) != (y < 0) ? m + y : m)
        case .power: return .number(pow(a.double, b.double))
        case .contains:
            let needle = a.bytes, hay = b.bytes
            if needle.isEmpty { return .logical(false) }
            return .logical(hay.count >= needle.count && (0...(hay.count - needle.count)).contains { hay[$0..<($0 + needle.count)].elementsEqual(needle) })
        case .equal, .exactEqual, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            let c = compare(a, b, exact: op == .exactEqual)
            switch op {
            case .equal, .exactEqual: return .logical(c == 0)
            case .notEqual: return .logical(c != 0)
            case .less: return .logical(c < 0)
            case .lessEqual: return .logical(c <= 0)
            case .greater: return .logical(c > 0)
            default: return .logical(c >= 0)
            }
        case .and, .or: return .logical(false)
        }
    }

    /// String comparison follows SET EXACT OFF for "=" (the right side's length decides,
    /// FoxPro's default) and exact equality for "==".
    private func compare(_ a: ExprValue, _ b: ExprValue, exact: Bool) -> Int {
        switch (a, b) {
        case let (.chars(x), .chars(y)):
            if exact { return x == y ? 0 : (x.lexicographicallyPrecedes(y) ? -1 : 1) }
            if y.isEmpty { return 0 }
            let xs = x.count >= y.count ? Array(x.prefix(y.count)) : x + [UInt8](repeating: 0x20, count: y.count - x.count)
            return xs == y ? 0 : (xs.lexicographicallyPrecedes(y) ? -1 : 1)
        case let (.logical(x), .logical(y)): return x == y ? 0 : (!x ? -1 : 1)
        default:
            let x = a.double, y = b.double
            return x == y ? 0 : (x < y ? -1 : 1)
        }
    }

    private func call(_ f: ExprFunction, _ args: [CompiledNode], _ r: UnsafeRawBufferPointer, recno: Int) -> ExprValue {
        switch f {
        case .deleted: return .logical(r.first == 0x2A)
        case .recno: return .number(Double(recno))
        case .iif:
            return evaluate(args[0], r, recno: recno).bool ? evaluate(args[1], r, recno: recno) : evaluate(args[2], r, recno: recno)
        case .empty:
            switch evaluate(args[0], r, recno: recno) {
            case .chars(let b): return .logical(b.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A || $0 == 0 })
            case .number(let v): return .logical(v == 0)
            case .date(let d): return .logical(d == 0)
            case .dateTime(let t): return .logical(t == 0)
            case .logical(let b): return .logical(!b)
            case .null: return .logical(false)
            }
        default: break
        }
        let v = args.map { evaluate($0, r, recno: recno) }
        if v.contains(where: \.isNull) { return .null }
        return ExprFunctions.apply(f, v, caseMap: caseMap)
    }
}

/// Double to Int without trapping on NaN, infinities or huge values from damaged data.
@inline(__always)
func safeInt(_ d: Double) -> Int {
    guard d.isFinite else { return 0 }
    return Int(max(-4.5e15, min(4.5e15, d)))
}
