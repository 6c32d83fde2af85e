import Foundation

/// A backup slot name, `<Weekday>_<HH>` (`Quinta_07` = Thursday 07h). Accents and letter
/// case vary in the wild (`Terça`, `SABADO`), so names are compared folded.
public struct Slot: Sendable, Hashable, CustomStringConvertible {
    /// 1 = Sunday (Domingo) … 7 = Saturday (Sábado), as `Calendar`'s weekday.
    public var weekday: Int
    public var hour: Int
    public static let names = ["Domingo", "Segunda", "Terca", "Quarta", "Quinta", "Sexta", "Sabado"]

    public init(weekday: Int, hour: Int) { self.weekday = weekday; self.hour = hour }

    public init?(parsing name: String) {
        let parts = name.split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == " " })
        guard parts.count == 2, parts[1].count == 2, let h = Int(parts[1]), (0...23).contains(h) else { return nil }
        let folded = parts[0].folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        guard let i = Self.names.firstIndex(where: { $0.lowercased() == folded }) else { return nil }
        weekday = i + 1; hour = h
    }

    /// The slot of a moment, in the given time zone.
    public init(date: Date, timeZone: TimeZone = .current) {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        weekday = cal.component(.weekday, from: date)
        hour = cal.component(.hour, from: date)
    }

    public var name: String { Self.names[weekday - 1] + "_" + (hour < 10 ? "0" : "") + String(hour) }
    public var description: String { name }
}
