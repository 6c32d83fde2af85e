#if canImport(Glibc)
import Glibc
#endif
import XBase

/// Why a piece of text is not a value of its field.
struct ValueProblem: Error, Sendable {
    var kind: Defect.Kind
    var fault: ValueFault
    static func bad(_ text: UnsafeRawBufferPointer, _ what: ExpectedValue) -> ValueProblem {
        ValueProblem(kind: .badValue, fault: .notA(shown: String(decoding: text.prefix(60), as: UTF8.self), what))
    }
    static func tooLong(_ n: Int, _ width: Int) -> ValueProblem {
        ValueProblem(kind: .valueTooLong, fault: .tooLong(bytes: n, width: width))
    }
}

/// Turns the bytes of one field in a data line into a `DBFValue`, by the field's type.
///
/// Works on the bytes in place; only text values become `String`s. `quoted` tells an empty
/// quoted value (`""`: an empty string, or a blank non-NULL value) from nothing at all
/// (NULL in a nullable field, else blank).
struct TextValueDecoder: Sendable {
    /// What decoding needs of a field, with nothing reference-counted in it: the decoder is
    /// copied for every value, so it must cost no retain/release (measured: it did).
    struct Spec: Sendable {
        var type: FieldType
        var length: Int
        var decimals: Int
        var isNullable: Bool
        var isBinary: Bool
        init(_ f: FieldDescriptor) {
            type = f.type; length = f.length; decimals = f.decimals
            isNullable = f.isNullable; isBinary = f.flags.contains(.binary)
        }
    }
    let field: Spec
    /// SDF pads binary values with blanks, so their trailing blanks go.
    var trimBinary = false
    /// `1,50` is a number only when `,` is not the separator (else it is two fields).
    var decimalComma = true

    init(field: FieldDescriptor, trimBinary: Bool = false, decimalComma: Bool = true) {
        self.field = Spec(field)
        self.trimBinary = trimBinary
        self.decimalComma = decimalComma
    }

    @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    func decode(_ raw: UnsafeRawBufferPointer, quoted: Bool, text codePage: FastTextDecoder) -> Result<DBFValue, ValueProblem> {
        let nothing = raw.isEmpty && !quoted
        if nothing && field.isNullable { return .success(.null) }
        switch field.type {
        case .character:
            var end = raw.count
            while end > 0 && (raw[end - 1] == 0x20 || raw[end - 1] == 0) { end -= 1 }
            guard end <= field.length else { return .failure(.tooLong(end, field.length)) }
            return .success(.string(codePage.decode(UnsafeRawBufferPointer(rebasing: raw[0..<end]))))
        case .varchar, .varbinary:
            var end = raw.count
            if trimBinary { while end > 0 && raw[end - 1] == 0x20 { end -= 1 } }
            guard end <= field.length else { return .failure(.tooLong(end, field.length)) }
            let v = UnsafeRawBufferPointer(rebasing: raw[0..<end])
            // as XBase reads them: V with NOCPTRANS is still text (untranslated), Q is bytes
            if field.type == .varbinary { return .success(.bytes(Array(v))) }
            return .success(.string(codePage.decode(v)))
        case .numeric, .float: return number(trimmed(raw))
        case .integer, .autoIncrement: return integer(trimmed(raw))
        case .currency: return currency(trimmed(raw))
        case .double, .doubleDBase7: return double(trimmed(raw))
        case .date: return TextDateParser.date(trimmed(raw))
        case .dateTime, .timestamp: return TextDateParser.dateTime(trimmed(raw))
        case .logical: return logical(trimmed(raw))
        case .memo, .general, .picture, .blob, .nullFlags, .other:
            return .failure(ValueProblem(kind: .badValue, fault: .typeNotInText("\(field.type)")))
        }
    }

    /// Whether `decode` succeeds on these bytes, without making the value: a text value's
    /// only failure is its length, so no `String` (or byte array) is built for it, and the
    /// numbers are checked by the same scan and width rule without a `Result`. The rare forms
    /// (an overflowing number, a `strtod` double, dates, currency) go through `decode` itself.
    func accepts(_ raw: UnsafeRawBufferPointer, quoted: Bool, text codePage: Unmanaged<FastTextDecoder>) -> Bool {
        if raw.isEmpty && !quoted && field.isNullable { return true }
        switch field.type {
        case .character:
            var end = raw.count
            while end > 0 && (raw[end - 1] == 0x20 || raw[end - 1] == 0) { end -= 1 }
            return end <= field.length
        case .varchar, .varbinary:
            var end = raw.count
            if trimBinary { while end > 0 && raw[end - 1] == 0x20 { end -= 1 } }
            return end <= field.length
        case .numeric, .float:
            // `number` without its `Result`
            let r = trimmed(raw)
            if r.isEmpty { return true }
            guard let s = Self.scan(r, comma: decimalComma) else { return false }
            if s.overflow { break }
            var m = s.m, scale = s.scale
            while scale > field.decimals && m % 10 == 0 { m /= 10; scale -= 1 }
            return max(s.intDigits, 1) + (scale > 0 ? scale + 1 : 0) + (s.neg ? 1 : 0) <= field.length
        case .integer, .autoIncrement:
            let r = trimmed(raw)
            if r.isEmpty { return true }
            guard let s = Self.scan(r), s.scale == 0, !s.overflow else { return false }
            return s.m >= Int64(Int32.min) && s.m <= Int64(Int32.max)
        case .double, .doubleDBase7:
            let r = trimmed(raw)
            if r.isEmpty { return true }
            if let s = Self.scan(r, comma: decimalComma), !s.overflow, s.m.magnitude < (1 << 53), s.scale <= 22 { return true }
        case .logical:
            return Self.logicalText(trimmed(raw)) != nil
        default: break
        }
        // (the code page is taken only here: passing it along cost a retain and a release a value)
        if case .success = decode(raw, quoted: quoted, text: codePage.takeUnretainedValue()) { return true }
        return false
    }

    @inline(__always) func trimmed(_ r: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer { Self.trim(r) }

    /// Leading blanks and trailing blanks or NULs removed (what every non-text type reads).
    @inline(__always) static func trim(_ r: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var s = 0, e = r.count
        while s < e && Self.isBlank(r[s]) { s += 1 }
        while e > s && (Self.isBlank(r[e - 1]) || r[e - 1] == 0) { e -= 1 }
        return UnsafeRawBufferPointer(rebasing: r[s..<e])
    }

    /// Plain decimal: optional sign, digits, one `.` (or `,`, the decimal comma).
    /// Returns mantissa/scale, or nil; `digits` counts integer digits for the width check.
    @inline(__always)
    static func scan(_ r: UnsafeRawBufferPointer, comma: Bool = true) -> (m: Int64, scale: Int, intDigits: Int, neg: Bool, overflow: Bool)? {
        var m: Int64 = 0, scale = 0, intDigits = 0, neg = false, point = false, any = false, overflow = false
        for i in 0..<r.count {
            let b = r[i]
            if b >= 48 && b <= 57 {
                if !overflow {
                    let (p, o1) = m.multipliedReportingOverflow(by: 10)
                    let (s, o2) = p.addingReportingOverflow(Int64(b - 48))
                    if o1 || o2 { overflow = true } else { m = s }
                }
                any = true
                if point { scale += 1 } else { intDigits += 1 }
            } else if (b == 0x2E || (b == 0x2C && comma)) && !point {
                point = true
            } else if (b == 0x2D || b == 0x2B) && i == 0 {
                neg = b == 0x2D
            } else { return nil }
        }
        guard any else { return nil }
        return (neg ? -m : m, scale, intDigits, neg, overflow)
    }

    func number(_ r: UnsafeRawBufferPointer) -> Result<DBFValue, ValueProblem> {
        if r.isEmpty { return .success(.number(nil)) }
        guard let s = Self.scan(r, comma: decimalComma) else { return .failure(.bad(r, .number)) }
        if s.overflow {
            guard let d = Double(String(decoding: r, as: UTF8.self).replacingOccurrences(of: ",", with: ".")) else {
                return .failure(.bad(r, .number))
            }
            return .success(.double(d))
        }
        var n = DecimalNumber(mantissa: s.m, scale: s.scale)
        while n.scale > field.decimals && n.mantissa % 10 == 0 { n.mantissa /= 10; n.scale -= 1 }
        // what the DBF must hold: the digits as written, or padded to the field's decimals
        let width = max(s.intDigits, 1) + (n.scale > 0 ? n.scale + 1 : 0) + (s.neg ? 1 : 0)
        if width > field.length {
            return .failure(ValueProblem(kind: .valueTooLong,
                                         fault: .doesNotFit(shown: String(decoding: r, as: UTF8.self), length: field.length, decimals: field.decimals)))
        }
        return .success(.number(n))
    }

    func integer(_ r: UnsafeRawBufferPointer) -> Result<DBFValue, ValueProblem> {
        if r.isEmpty { return .success(.integer(0)) }
        guard let s = Self.scan(r), s.scale == 0, !s.overflow, s.m >= Int64(Int32.min), s.m <= Int64(Int32.max) else {
            return .failure(.bad(r, .integer32))
        }
        return .success(.integer(s.m))
    }

    func currency(_ r: UnsafeRawBufferPointer) -> Result<DBFValue, ValueProblem> {
        if r.isEmpty { return .success(.currency(DecimalNumber(mantissa: 0, scale: 4))) }
        guard var s = Self.scan(r, comma: decimalComma), !s.overflow else { return .failure(.bad(r, .currency)) }
        while s.scale > 4 && s.m % 10 == 0 { s.m /= 10; s.scale -= 1 }
        guard s.scale <= 4 else { return .failure(.bad(r, .currencyDecimals)) }
        var m = s.m
        for _ in s.scale..<4 {
            let (p, o) = m.multipliedReportingOverflow(by: 10)
            if o { return .failure(.bad(r, .currencyInRange)) }
            m = p
        }
        return .success(.currency(DecimalNumber(mantissa: m, scale: 4)))
    }

    /// B: any decimal text `strtod` takes whole (exponent allowed), decimal comma too;
    /// parsed from a stack copy, no String made.
    func double(_ r: UnsafeRawBufferPointer) -> Result<DBFValue, ValueProblem> {
        if r.isEmpty { return .success(.double(0)) }
        // exact fast path: an integer mantissa below 2^53 and at most 22 decimals are both
        // exact doubles, and one division is correctly rounded (same result as strtod)
        if let s = Self.scan(r, comma: decimalComma), !s.overflow, s.m.magnitude < (1 << 53), s.scale <= 22 {
            let v = Double(s.m) / Self.powersOfTen[s.scale]
            return .success(.double(s.m == 0 && s.neg ? -0.0 : v))
        }
        guard r.count < 64 else { return .failure(.bad(r, .number)) }
        let hasPoint = r.contains(0x2E) || !decimalComma
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 65) { buf in
            for i in 0..<r.count { buf[i] = CChar(bitPattern: (!hasPoint && r[i] == 0x2C) ? 0x2E : r[i]) }
            buf[r.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let d = strtod(buf.baseAddress!, &end)
            guard let end, end - buf.baseAddress! == r.count else { return .failure(.bad(r, .number)) }
            return .success(.double(d))
        }
    }

    static let powersOfTen: [Double] = {
        var p: [Double] = [1]
        for _ in 1...22 { p.append(p.last! * 10) }   // every one exact
        return p
    }()

    func logical(_ r: UnsafeRawBufferPointer) -> Result<DBFValue, ValueProblem> {
        switch Self.logicalText(r) {
        case .yes: return .success(.logical(true))
        case .no: return .success(.logical(false))
        case .unknown: return .success(.logical(nil))
        case nil: return .failure(.bad(r, .logical))
        }
    }

    enum LogicalText { case yes, no, unknown }

    /// A logical's text, trimmed: T/Y/S, F/N, `?` or nothing, optionally between dots
    /// (`.T.`); nil for anything else. The restore's copier reads logicals through it too.
    @inline(__always)
    static func logicalText(_ r: UnsafeRawBufferPointer) -> LogicalText? {
        var s = 0, e = r.count
        if e - s == 3 && r[0] == 0x2E && r[2] == 0x2E { s = 1; e = 2 }  // .T.
        if e == s { return .unknown }
        guard e - s == 1 else { return nil }
        switch r[s] | 0x20 {
        case UInt8(ascii: "t"), UInt8(ascii: "y"), UInt8(ascii: "s"): return .yes
        case UInt8(ascii: "f"), UInt8(ascii: "n"): return .no
        default: return r[s] == UInt8(ascii: "?") ? .unknown : nil
        }
    }
}

import Foundation
import ResgateLocale
