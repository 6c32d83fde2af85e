/// A straight-line recipe for the common keys (a field, UPPER of a field, DTOS of a date
/// field, literals, joined with `+`; a bare N, F, D or I field), which writes key bytes
/// directly from the raw record without building intermediate values. It gives exactly what
/// the general evaluator gives (the tests run both); anything else falls back to the
/// evaluator.
///
/// The plan is compiled once per tag into `KeyRecipe`: a flat list of byte operations
/// already clipped to the key length, held in one allocation and read through plain
/// pointers, so the per-record loop does no reference counting and no bounds arithmetic.
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
        case (.field(let f), .integer4) where f.nullFlag == nil && f.type == .integer && f.length == 4 && f.decimals == 0:
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

    /// The byte operations writing a key of `keyLength` bytes (the first one 0x80 when the
    /// tag has VFP's null prefix: plans never read nullable fields), clipped to that length.
    func operations(keyLength: Int, nullPrefix: Bool) -> (ops: [KeyOp], literals: [UInt8]) {
        var ops: [KeyOp] = [], literals: [UInt8] = []
        var p = 0
        if nullPrefix { ops.append(KeyOp(.byte, src: 0x80, dst: 0, len: 1)); p = 1 }
        switch shape {
        case .characters(let parts):
            for part in parts where p < keyLength {
                switch part {
                case .raw(let o, let n):
                    let take = min(n, keyLength - p)
                    if take > 0 { ops.append(KeyOp(.copy, src: o, dst: p, len: take)) }
                    p += take
                case .upper(let o, let n):
                    let take = min(n, keyLength - p)
                    if take > 0 { ops.append(KeyOp(.upper, src: o, dst: p, len: take)) }
                    p += take
                case .dtos(let o):
                    let take = min(8, keyLength - p)
                    ops.append(KeyOp(.dtos, src: o, dst: p, len: take))
                    p += take
                case .literal(let b):
                    let take = min(b.count, keyLength - p)
                    if take > 0 { ops.append(KeyOp(.literal, src: literals.count, dst: p, len: take)) }
                    literals.append(contentsOf: b.prefix(take))
                    p += take
                }
            }
            if p < keyLength { ops.append(KeyOp(.blanks, src: 0, dst: p, len: keyLength - p)) }
        case .numberField(let o, let n): ops.append(KeyOp(.number, src: o, dst: p, len: n))
        case .dateField(let o): ops.append(KeyOp(.date, src: o, dst: p, len: 8))
        case .integerField(let o): ops.append(KeyOp(.integer4, src: o, dst: p, len: 4))
        }
        return (ops, literals)
    }

    /// The highest record byte the plan reads, plus one.
    var recordBytesNeeded: Int {
        switch shape {
        case .characters(let parts):
            parts.reduce(0) { m, part in
                switch part {
                case .raw(let o, let n), .upper(let o, let n): max(m, o + n)
                case .dtos(let o): max(m, o + 8)
                case .literal: m
                }
            }
        case .numberField(let o, let n): o + n
        case .dateField(let o): o + 8
        case .integerField(let o): o + 4
        }
    }
}

/// One step of a compiled key: write `len` bytes at key offset `dst` from record offset
/// `src` (or from the literal pool, or a constant).
struct KeyOp: Sendable {
    enum Kind: UInt8, Sendable { case byte, copy, upper, dtos, literal, blanks, number, date, integer4 }
    var kind: Kind
    var src: Int32, dst: Int32, len: Int32
    init(_ kind: Kind, src: Int, dst: Int, len: Int) {
        self.kind = kind; self.src = Int32(src); self.dst = Int32(dst); self.len = Int32(len)
    }
}

/// Owns a compiled key: operations, the upper-case table and literal bytes in one block.
final class KeyRecipeStorage: @unchecked Sendable {
    let recipe: KeyRecipe

    init(plan: KeyPlan, keyLength: Int, nullPrefix: Bool, caseMap: CaseMap) {
        let (ops, literals) = plan.operations(keyLength: keyLength, nullPrefix: nullPrefix)
        let opBlock = UnsafeMutablePointer<KeyOp>.allocate(capacity: max(1, ops.count))
        opBlock.initialize(from: ops, count: ops.count)
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 256 + literals.count)
        bytes.initialize(from: caseMap.upper, count: 256)
        (bytes + 256).initialize(from: literals, count: literals.count)
        recipe = KeyRecipe(ops: opBlock, count: ops.count, upper: bytes, literals: bytes + 256,
                           recordBytesNeeded: plan.recordBytesNeeded)
    }

    deinit { recipe.ops.deallocate(); recipe.upper.deallocate() }
}

/// A compiled key as plain pointers (see `KeyRecipeStorage`, which must outlive it).
struct KeyRecipe {
    let ops: UnsafeMutablePointer<KeyOp>
    let count: Int
    let upper: UnsafeMutablePointer<UInt8>
    let literals: UnsafeMutablePointer<UInt8>
    let recordBytesNeeded: Int

    /// Writes the whole key at `out` from the raw record `r` (delete flag first). The
    /// record must hold `recordBytesNeeded` bytes.
    @inline(__always)
    func write(_ r: UnsafeRawPointer, to out: UnsafeMutablePointer<UInt8>) {
        for i in 0..<count {
            let op = ops[i]
            let src = Int(op.src), dst = out + Int(op.dst), len = Int(op.len)
            switch op.kind {
            case .byte: dst.pointee = UInt8(truncatingIfNeeded: src)
            case .copy: UnsafeMutableRawPointer(dst).copyMemory(from: r + src, byteCount: len)
            case .upper:
                let s = r.assumingMemoryBound(to: UInt8.self) + src
                for k in 0..<len { dst[k] = upper[Int(s[k])] }
            case .dtos:
                if FieldAccess.julian(UnsafeRawBufferPointer(start: r + src, count: 8)) != 0 {
                    UnsafeMutableRawPointer(dst).copyMemory(from: r + src, byteCount: len)
                } else {
                    dst.update(repeating: 0x20, count: len)
                }
            case .literal: dst.update(from: literals + src, count: len)
            case .blanks: dst.update(repeating: 0x20, count: len)
            case .number:
                putBigEndian(TagKeyBuilder.orderedBits(FieldAccess.parseNumber(UnsafeRawBufferPointer(start: r + src, count: len))), dst)
            case .date:
                putBigEndian(TagKeyBuilder.orderedBits(Double(FieldAccess.julian(UnsafeRawBufferPointer(start: r + src, count: 8)))), dst)
            case .integer4:
                let v = FieldAccess.le32(UnsafeRawBufferPointer(start: r + src, count: 4), 0) &+ 0x8000_0000
                UnsafeMutableRawPointer(dst).storeBytes(of: v.bigEndian, as: UInt32.self)
            }
        }
    }

    @inline(__always) private func putBigEndian(_ bits: UInt64, _ out: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(out).storeBytes(of: bits.bigEndian, as: UInt64.self)
    }
}
