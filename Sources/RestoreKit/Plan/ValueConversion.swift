import ResgateLocale
import XBase

/// Converts one backup value to the live field's type, refusing any change of value.
public enum ValueConversion {
    public enum Failure: Error, Equatable, Sendable {
        case doesNotFit(FitProblem)
    }

    /// The value as the live field stores it, or `.doesNotFit` when it would change.
    public static func convert(_ v: DBFValue, to f: FieldDescriptor) -> Result<DBFValue, Failure> {
        if case .null = v { return .success(.null) }
        switch f.type {
        case .character, .varchar, .memo:
            let s: String
            switch v {
            case .string(let x): s = x
            case .bytes(let b): s = String(decoding: b, as: UTF8.self)
            default: return .failure(.doesNotFit(.cannotBecomeText(kind(v))))
            }
            if f.type != .memo && s.unicodeScalars.count > f.length {
                return .failure(.doesNotFit(.charactersDoNotFit(count: s.unicodeScalars.count, room: f.length)))
            }
            return .success(.string(s))
        case .numeric, .float:
            guard let d = decimal(of: v) else {
                if case .number(nil) = v { return .success(.number(nil)) }
                return .failure(.doesNotFit(.notANumber(.kind(kind(v)))))
            }
            let n = d.normalized
            guard n.scale <= f.decimals else {
                return .failure(.doesNotFit(.tooManyDecimals(value: "\(d)", decimals: f.decimals)))
            }
            let text = n.formatted(decimals: f.decimals)
            guard text.count <= f.length else {
                return .failure(.doesNotFit(.tooWide(value: "\(d)", room: f.length)))
            }
            return .success(.number(n))
        case .integer, .autoIncrement:
            guard let d = decimal(of: v)?.normalized, d.scale == 0,
                  d.mantissa >= Int64(Int32.min), d.mantissa <= Int64(Int32.max) else {
                if case .number(nil) = v { return .success(.integer(0)) }
                return .failure(.doesNotFit(.notInt32(describe(v))))
            }
            return .success(.integer(d.mantissa))
        case .double:
            switch v {
            case .double: return .success(v)
            case .integer(let i): return .success(.double(Double(i)))
            default:
                guard let d = decimal(of: v) else { return .failure(.doesNotFit(.notANumber(describe(v)))) }
                return .success(.double(d.doubleValue))
            }
        case .currency:
            guard let d = decimal(of: v)?.normalized, d.scale <= 4 else {
                return .failure(.doesNotFit(.notCurrency(describe(v))))
            }
            return .success(.currency(d))
        case .date:
            switch v {
            case .date: return .success(v)
            case .dateTime(let t):
                guard let t else { return .success(.date(nil)) }
                guard t.milliseconds == 0 else { return .failure(.doesNotFit(.hasTimeOfDay(value: t.iso))) }
                return .success(.date(t.date))
            default: return .failure(.doesNotFit(.notADate(kind(v))))
            }
        case .dateTime:
            switch v {
            case .dateTime: return .success(v)
            case .date(let d): return .success(.dateTime(d.map { DBFDateTime(date: $0, milliseconds: 0) }))
            default: return .failure(.doesNotFit(.notADateTime(kind(v))))
            }
        case .logical:
            if case .logical = v { return .success(v) }
            return .failure(.doesNotFit(.notALogical(kind(v))))
        default:
            return .success(v)
        }
    }

    static func decimal(of v: DBFValue) -> DecimalNumber? {
        switch v {
        case .number(let n): return n
        case .integer(let i): return DecimalNumber(i)
        case .currency(let c): return c
        case .double(let d):
            return DecimalNumber(text: String(d))
        default: return nil
        }
    }

    static func kind(_ v: DBFValue) -> ValueClass {
        switch v {
        case .null: .null
        case .string: .text
        case .bytes: .bytes
        case .number, .integer, .double, .currency: .number
        case .date: .date
        case .dateTime: .dateTime
        case .logical: .logical
        }
    }

    static func describe(_ v: DBFValue) -> FitValue {
        switch v {
        case .number(let n): n.map { .shown("\($0)") } ?? .blank
        case .integer(let i): .shown("\(i)")
        case .double(let d): .shown("\(d)")
        case .currency(let c): .shown("\(c)")
        case .string(let s): .shown("\"\(s)\"")
        default: .kind(kind(v))
        }
    }
}
