import Foundation
import ResgateTestSupport
import Testing
@testable import XBase

/// The comparison rules between our values and the outside readers' (the readers
/// themselves are in ResgateTestSupport).
extension Oracle {
    static var packageRoot: URL { PackagePaths.root }
    static var sharedFolder: URL? { PackagePaths.shared }

    /// Whether our value is what the outside reader returned. Rules (documented in
    /// docs/xbase.md): blank values of any type and NULL equal Python's None; numbers
    /// compare as exact decimals (Python float via its shortest repr); DateTime to the
    /// millisecond; binary memos as bytes, text as text.
    static func matches(_ ours: DBFValue, _ theirs: Tagged?, codePage: CodePage) -> Bool {
        guard let t = theirs else { return ours.isBlank }
        switch ours {
        case .null: return false
        case .string(let s):
            if let ts = t.s { return ts == s }
            if let hex = t.b { return hex == hexString(codePage.encode(s)) }
            return false
        case .bytes(let b):
            if let hex = t.b { return hex == hexString(b) }
            if let ts = t.s { return codePage.decode(b) == ts }
            return false
        case .logical(let l): return t.l == l
        case .integer(let i):
            if let ti = t.i { return ti == String(i) }
            if let tf = t.f { return Double(tf) == Double(i) }
            return false
        case .double(let d):
            if let tf = t.f { return Double(tf) == d || (d.isNaN && tf == "nan") }
            if let ti = t.i { return Double(ti) == d }
            return false
        case .number(let n):
            guard let n else { return false }
            if let ti = t.i { return DecimalNumber(text: ti) == n }
            if let td = t.d { return DecimalNumber(text: td) == n }
            if let tf = t.f { return Double(tf) == Double(n.description) }
            return false
        case .currency(let n):
            if let td = t.d { return DecimalNumber(text: td) == n }
            if let ti = t.i { return DecimalNumber(text: ti) == n }
            return false
        case .date(let d): return d?.iso == t.date
        case .dateTime(let dt):
            guard let dt else { return false }
            let text = dt.date.iso + "T" + String(format: "%02d:%02d:%02d.%03d", dt.hour, dt.minute, dt.second, dt.millisecond)
            return t.dt == text
        }
    }

    static func hexString(_ b: [UInt8]) -> String {
        b.map { String(format: "%02x", $0) }.joined()
    }
}
