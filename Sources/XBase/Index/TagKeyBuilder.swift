import ResgateLocale
/// How a tag's key bytes are encoded, which decides its sort order and the byte a leaf's
/// trailing count stands for.
public enum KeyKind: Sendable, Equatable {
    /// Code-page bytes, blank padded. Sorted by bytes only under MACHINE collation.
    case character
    /// 8-byte order-preserving double: N, F, B, Y values, D as Julian day, T as day+fraction.
    case double
    /// VFP's 4-byte Integer key: big-endian value + 0x80000000.
    case integer4
    /// 'T' or 'F'.
    case logical

    /// Trailing-count fill: blanks for character keys, zeros for the binary ones.
    public var fill: UInt8 { self == .character ? 0x20 : 0x00 }
}

/// Computes a tag's key (and FOR condition) for a record from its raw bytes, byte-exact
/// with FoxPro: fixed key length, blank padding, the order-preserving number encodings and
/// VFP's nullable-column prefix byte.
public struct TagKeyBuilder: Sendable {
    public let tag: CDXTagHeader
    public let kind: KeyKind
    /// VFP tags over nullable columns (option 0x02) start each key with 0x80 (value) or
    /// 0x00 (NULL).
    public let hasNullPrefix: Bool
    let key: CompiledNode
    let filter: CompiledNode?
    let caseMap: CaseMap
    /// Direct byte recipe for common keys; nil means the general evaluator.
    let plan: KeyPlan?
    /// `plan` compiled for this tag's key length and prefix.
    let recipeStorage: KeyRecipeStorage?
    /// Test hook: forces the general evaluator, so tests can compare both paths.
    var usesPlan = true

    /// Binds `tag`'s expressions to the table's fields. Throws `.unsupportedExpression` for
    /// anything outside the supported subset and `.unsupportedCollation` for a tag whose
    /// header names a collation other than MACHINE.
    /// The builder for a tag of `table`, long DBC field names resolved through `names`.
    public init(tag: CDXTagHeader, table: DBFTable, names: DBCFieldNames, rules: KeyRules, file: String) throws(CDXError) {
        try self.init(tag: tag, fields: table.header.fields, codePage: table.codePage, names: names, rules: rules, file: file)
    }

    /// `rules` defaults to `.unspecified` (no file to tell which engine wrote it).
    public init(tag: CDXTagHeader, fields: [FieldDescriptor], codePage: CodePage?, names: DBCFieldNames = .free,
                rules: KeyRules = .unspecified, file: String) throws(CDXError) {
        if let c = tag.collationName, c.uppercased() != "MACHINE" {
            throw .unsupportedCollation(file: file, tag: tag.name, collation: c)
        }
        let prefix = tag.options.contains(.nullableKey)
        var compiler = ExprCompiler(fields: fields, nullFlags: fields.first { $0.type == .nullFlags }, nullAware: prefix)
        compiler.names = names
        compiler.rules = rules
        func compile(_ text: String) throws(CDXError) -> (CompiledNode, ExprType) {
            do throws(ExprCompiler.Failure) {
                return try compiler.compile(try ExprCompiler.parse(Array(text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })))
            } catch {
                throw .unsupportedExpression(file: file, tag: tag.name, expression: text, reason: error.reason)
            }
        }
        let (k, type) = try compile(tag.keyExpression)
        var f: CompiledNode?
        if tag.hasFor {
            let (fc, ft) = try compile(tag.forExpression)
            guard ft == .logical else {
                throw .unsupportedExpression(file: file, tag: tag.name, expression: tag.forExpression, reason: .forNotLogical)
            }
            f = fc
        }
        let body = tag.keyLength - (prefix ? 1 : 0)
        let kind: KeyKind
        switch type {
        case .character: kind = .character
        case .logical: kind = .logical
        case .integer: kind = body == 4 ? .integer4 : .double
        case .numeric, .date, .dateTime: kind = .double
        }
        let kindFits = switch kind {
        case .character: body >= 1
        case .double: body == 8
        case .integer4: body == 4
        case .logical: body == 1
        }
        guard kindFits, tag.keyLength <= 240 else {
            throw .unsupportedExpression(file: file, tag: tag.name, expression: tag.keyExpression,
                                         reason: .keyDoesNotFit(type, keyLength: tag.keyLength))
        }
        self.tag = tag; self.kind = kind; self.hasNullPrefix = prefix
        self.key = k; self.filter = f; self.caseMap = CaseMap(codePage: codePage)
        let plan = KeyPlan(k, kind: kind)
        self.plan = plan
        let map = CaseMap(codePage: codePage)
        self.recipeStorage = plan.map { KeyRecipeStorage(plan: $0, keyLength: tag.keyLength, nullPrefix: prefix, caseMap: map) }
    }

    /// Whether the key comes from the compiled recipe alone (no FOR, a plan, records long
    /// enough): then `recipe` may be run directly on every record.
    func fastRecipe(recordLength: Int) -> KeyRecipe? {
        guard usesPlan, filter == nil, let r = recipeStorage?.recipe, r.recordBytesNeeded <= recordLength else { return nil }
        return r
    }

    /// Writes the key of one record at `out` (`tag.keyLength` bytes) and returns true, or
    /// returns false when the FOR condition leaves the record out. `scratch` is reused for
    /// keys that need the general evaluator.
    func writeKey(record: UnsafeRawBufferPointer, recno: Int, to out: UnsafeMutablePointer<UInt8>,
                  scratch: inout [UInt8]) -> Bool {
        guard key(record: record, recno: recno, into: &scratch) else { return false }
        scratch.withUnsafeBufferPointer { out.update(from: $0.baseAddress!, count: tag.keyLength) }
        return true
    }

    /// Writes the key of one record into `out` (resized to the key length) and returns
    /// true, or returns false when the FOR condition leaves the record out.
    /// `record` holds the whole record, delete flag first.
    public func key(record: UnsafeRawBufferPointer, recno: Int, into out: inout [UInt8]) -> Bool {
        if let filter, !ExprEvaluator(caseMap: caseMap).evaluate(filter, record, recno: recno).bool { return false }
        if out.count != tag.keyLength { out = [UInt8](repeating: 0, count: tag.keyLength) }
        if usesPlan, let r = recipeStorage?.recipe, r.recordBytesNeeded <= record.count {
            out.withUnsafeMutableBufferPointer { r.write(record.baseAddress!, to: $0.baseAddress!) }
            return true
        }
        let value = ExprEvaluator(caseMap: caseMap).evaluate(key, record, recno: recno)
        var p = 0
        if hasNullPrefix {
            out[0] = value.isNull ? 0x00 : 0x80
            p = 1
        }
        let body = tag.keyLength - p
        if value.isNull {
            for i in p..<tag.keyLength { out[i] = 0 }
            return true
        }
        switch kind {
        case .character:
            let b = value.bytes
            for i in 0..<body { out[p + i] = i < b.count ? b[i] : 0x20 }
        case .logical:
            out[p] = value.bool ? 0x54 : 0x46
        case .integer4:
            let v = UInt32(bitPattern: Int32(clamping: safeInt(value.double.rounded(.towardZero)))) &+ 0x8000_0000
            for i in 0..<4 { out[p + i] = UInt8(truncatingIfNeeded: v >> UInt32(8 * (3 - i))) }
        case .double:
            let bits = Self.orderedBits(value.double)
            for i in 0..<8 { out[p + i] = UInt8(truncatingIfNeeded: bits >> UInt64(8 * (7 - i))) }
        }
        return true
    }

    /// IEEE bits made to sort as unsigned bytes: sign bit flipped for values ≥ 0, every bit
    /// inverted for negatives.
    public static func orderedBits(_ v: Double) -> UInt64 {
        let x = v == 0 ? 0.0 : v
        let bits = x.bitPattern
        return x < 0 ? ~bits : bits | 0x8000_0000_0000_0000
    }
}

extension TagKeyBuilder {
    /// The key length FoxPro gives a new tag: 8 for numbers, dates and DateTimes, 4 for a
    /// bare Integer field, 1 for logicals, and for character keys the width of the value
    /// computed on a blank record.
    public static func naturalWidth(of expression: String, tag: String, fields: [FieldDescriptor],
                                    recordLength: Int, names: DBCFieldNames = .free, file: String) throws(CDXError) -> Int {
        var compiler = ExprCompiler(fields: fields, nullFlags: fields.first { $0.type == .nullFlags }, nullAware: false)
        compiler.names = names
        let compiled: (CompiledNode, ExprType)
        do throws(ExprCompiler.Failure) {
            compiled = try compiler.compile(try ExprCompiler.parse(Array(expression.utf8)))
        } catch {
            throw .unsupportedExpression(file: file, tag: tag, expression: expression, reason: error.reason)
        }
        switch compiled.1 {
        case .numeric, .date, .dateTime: return 8
        case .integer: return 4
        case .logical: return 1
        case .character:
            let blank = [UInt8](repeating: 0x20, count: recordLength)
            let value = blank.withUnsafeBytes { ExprEvaluator(caseMap: CaseMap(codePage: nil)).evaluate(compiled.0, $0, recno: 1) }
            let width = value.bytes.count
            guard width >= 1, width <= 240 else {
                throw .unsupportedExpression(file: file, tag: tag, expression: expression, reason: .keyWidth(bytes: width))
            }
            return width
        }
    }
}
