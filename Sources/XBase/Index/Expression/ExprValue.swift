import ResgateLocale
/// The static type of an expression, known before any record is read.
/// The catalogue's `ExpressionType` (`integer`: a bare VFP Integer field, which VFP gives
/// a 4-byte key, unlike numeric expressions).
public typealias ExprType = ExpressionType

/// A value computed for one record. Character values are raw code-page bytes.
enum ExprValue {
    case chars([UInt8])
    case number(Double)
    /// Julian day number; 0 for a blank date.
    case date(Int)
    /// Julian day plus fraction of a day; 0 for a blank DateTime.
    case dateTime(Double)
    case logical(Bool)
    case null

    var bytes: [UInt8] { if case .chars(let b) = self { b } else { [] } }
    var double: Double {
        switch self {
        case .number(let v): v
        case .date(let d): Double(d)
        case .dateTime(let t): t
        default: 0
        }
    }
    var bool: Bool { if case .logical(let b) = self { b } else { false } }
    var isNull: Bool { if case .null = self { true } else { false } }
}

/// Upper/lower case tables for one code page, so UPPER() works on raw bytes exactly as
/// FoxPro does for that page (accented letters included) without decoding to String.
struct CaseMap: Sendable {
    var upper = [UInt8](0...255)
    var lower = [UInt8](0...255)

    init(codePage: CodePage?) {
        for b in UInt8(0x61)...0x7A { upper[Int(b)] = b - 0x20; lower[Int(b) - 0x20] = b }
        guard let cp = codePage, !cp.isUTF8, !cp.isMultiByte else { return }
        for b in 0x80...0xFF {
            let s = cp.scalar(for: UInt8(b))
            let up = String(s).uppercased().unicodeScalars
            if up.count == 1, let u = up.first, u != s, let target = cp.encodeTable[UInt16(truncatingIfNeeded: u.value)],
               u.value <= 0xFFFF {
                upper[b] = target
            }
            let low = String(s).lowercased().unicodeScalars
            if low.count == 1, let l = low.first, l != s, let target = cp.encodeTable[UInt16(truncatingIfNeeded: l.value)],
               l.value <= 0xFFFF {
                lower[b] = target
            }
        }
    }
}
