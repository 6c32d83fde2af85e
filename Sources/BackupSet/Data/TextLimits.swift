import XBase

/// How long a data line, and a table's whole text, can honestly be for a structure. What
/// keeps a flood of bytes or a zip bomb from being held in memory or restored: a longer
/// line is a defect read no further, a larger text than `records=` allows is refused
/// before a byte of it is inflated.
public struct TextLimits: Sendable, Hashable {
    /// Longest line accepted (bytes, line break excluded): twice the longest line the
    /// structure allows in any accepted variant, plus 1 KiB.
    public let maxLineBytes: Int

    /// Room over the sum of the widest values: spaces around values, SDF padding, forms
    /// longer than the stored width (a date as `YYYY-MM-DD`).
    static let factor = 2
    static let slack = 1 << 10
    /// Room for a table's text beyond `records` × `maxLineBytes` (a header line, joins).
    static let dataSlack = 64 << 10

    public init(fields: [FieldDescriptor]) {
        var sum = 2   // CRLF
        for f in fields where !f.isMemo {
            sum = Self.adding(sum, Self.maxValueBytes(f) + 1)   // + separator
        }
        maxLineBytes = Self.adding(Self.multiplying(sum, Self.factor), Self.slack)
    }

    /// Largest text a table of `records` records can take, all parts together;
    /// `Int.max` when `records` is unknown or the product does not fit.
    public func maxDataBytes(records: Int?) -> Int {
        guard let records, records >= 0 else { return .max }
        return Self.adding(Self.multiplying(records, maxLineBytes), Self.dataSlack)
    }

    /// Longest text of one value of `f` in any variant the reader accepts, quotes included.
    static func maxValueBytes(_ f: FieldDescriptor) -> Int {
        let width = max(0, f.length)
        switch f.type {
        case .character, .varchar, .varbinary, .numeric, .float: return width + 2
        case .date: return 12                             // "YYYY-MM-DD"
        case .dateTime, .timestamp: return 28             // "-YYYY-MM-DD hh:mm:ss.fff"
        case .integer, .autoIncrement: return 12          // -2147483648
        case .currency: return 24                         // -922337203685477.5808
        case .double, .doubleDBase7: return 400           // shortest digits, never an exponent
        case .logical: return 4                           // ".T."
        default: return width + 2
        }
    }

    static func adding(_ a: Int, _ b: Int) -> Int {
        let (s, o) = a.addingReportingOverflow(b)
        return o ? .max : s
    }

    static func multiplying(_ a: Int, _ b: Int) -> Int {
        let (p, o) = a.multipliedReportingOverflow(by: b)
        return o ? .max : p
    }
}
