/// A straight-line recipe for the common keys (a field, UPPER of a field, DTOS of a date
/// field, literals, joined with `+`), which writes key bytes directly from the record
/// without building intermediate values. It gives exactly what the general evaluator gives
/// (the tests run both); anything else falls back to the evaluator.
struct KeyPlan: Sendable {
    enum Part: Sendable {
        case raw(offset: Int, length: Int)
        case upper(offset: Int, length: Int)
        /// A date field: its 8 digits when they form a real date, else 8 blanks (FoxPro's
        /// DTOS of an empty date).
        case dtos(offset: Int)
        case literal([UInt8])
    }
    enum Shape: Sendable {
        case characters([Part])
        case numberField(offset: Int, length: Int)
        case dateField(offset: Int)
        case integerField(offset: Int)
    }
    let shape: Shape

    /// A plan for `node`, or nil when the key needs the general evaluator.
    init?(_ node: CompiledNode, kind: KeyKind) {
        switch (node, kind) {
        case (.field(let f), .double) where f.nullFlag == nil && (f.type == .numeric || f.type == .float):
            shape = .numberField(offset: f.offset, length: f.length)
        case (.field(let f), .double) where f.nullFlag == nil && f.type == .date:
            shape = .dateField(offset: f.offset)
        case (.field(let f), .integer4) where f.nullFlag == nil && f.type == .integer:
            shape = .integerField(offset: f.offset)
        case (_, .character):
            var parts: [Part] = []
            guard Self.flatten(node, into: &parts) else { return nil }
            shape = .characters(parts)
        default:
            return nil
        }
    }

    private static func flatten(_ node: CompiledNode, into parts: inout [Part]) -> Bool {
        switch node {
        case .binary(.add, let l, let r, .character, .character):
            return flatten(l, into: &parts) && flatten(r, into: &parts)
        case .field(let f) where f.type == .character && f.nullFlag == nil:
            parts.append(.raw(offset: f.offset, length: f.length)); return true
        case .call(.upper, let args, _):
            guard args.count == 1, case .field(let f) = args[0], f.type == .character, f.nullFlag == nil else { return false }
            parts.append(.upper(offset: f.offset, length: f.length)); return true
        case .call(.dtos, let args, _):
            guard args.count == 1, case .field(let f) = args[0], f.type == .date, f.length >= 8, f.nullFlag == nil else { return false }
            parts.append(.dtos(offset: f.offset)); return true
        case .constant(let box):
            guard case .chars(let b) = box.value else { return false }
            parts.append(.literal(b)); return true
        default:
            return false
        }
    }

    /// Writes the key body (after any prefix byte) at `out[start...]`; returns false when
    /// the record is too short for the fields (then the caller uses the evaluator).
    func write(_ r: UnsafeRawBufferPointer, into out: inout [UInt8], at start: Int, caseMap: CaseMap) -> Bool {
        out.withUnsafeMutableBufferPointer { write(r, into: $0, at: start, caseMap: caseMap) }
    }

    private func write(_ r: UnsafeRawBufferPointer, into out: UnsafeMutableBufferPointer<UInt8>, at start: Int, caseMap: CaseMap) -> Bool {
        let end = out.count
        switch shape {
        case .characters(let parts):
            var p = start
            for part in parts {
                switch part {
                case .raw(let o, let n), .upper(let o, let n):
                    guard o + n <= r.count else { return false }
                    var isUpper = false
                    if case .upper = part { isUpper = true }
                    var k = 0
                    while k < n && p < end {
                        out[p] = isUpper ? caseMap.upper[Int(r[o + k])] : r[o + k]
                        p += 1; k += 1
                    }
                case .dtos(let o):
                    guard o + 8 <= r.count else { return false }
                    let valid = FieldAccess.julian(UnsafeRawBufferPointer(rebasing: r[o..<(o + 8)])) != 0
                    for k in 0..<8 where p < end { out[p] = valid ? r[o + k] : 0x20; p += 1 }
                case .literal(let b):
                    for c in b where p < end { out[p] = c; p += 1 }
                }
            }
            while p < end { out[p] = 0x20; p += 1 }
        case .numberField(let o, let n):
            guard o + n <= r.count else { return false }
            put(TagKeyBuilder.orderedBits(FieldAccess.parseNumber(UnsafeRawBufferPointer(rebasing: r[o..<(o + n)]))), out, start)
        case .dateField(let o):
            guard o + 8 <= r.count else { return false }
            put(TagKeyBuilder.orderedBits(Double(FieldAccess.julian(UnsafeRawBufferPointer(rebasing: r[o..<(o + 8)])))), out, start)
        case .integerField(let o):
            guard o + 4 <= r.count else { return false }
            let v = FieldAccess.le32(UnsafeRawBufferPointer(rebasing: r[o..<(o + 4)]), 0) &+ 0x8000_0000
            for i in 0..<4 { out[start + i] = UInt8(truncatingIfNeeded: v >> UInt32(8 * (3 - i))) }
        }
        return true
    }

    private func put(_ bits: UInt64, _ out: UnsafeMutableBufferPointer<UInt8>, _ start: Int) {
        for i in 0..<8 { out[start + i] = UInt8(truncatingIfNeeded: bits >> UInt64(8 * (7 - i))) }
    }
}
