/// The figures of a progress line, shared by the languages: `45% (1.350 de 3.000 registros),
/// faltam 12 s`; without a total only the count.
enum CLIProgressText {
    static func figures(done: Int, total: Int?, unit: (String, String), of: String, left: String?, in l: Language) -> String {
        guard let total, total > 0 else { return grouped(done, l) + " " + (done == 1 ? unit.0 : unit.1) }
        let percent = min(100, done * 100 / total)
        var s = "\(percent)% (\(grouped(done, l)) \(of) \(grouped(total, l)) \(total == 1 ? unit.0 : unit.1))"
        if let left { s += ", " + left }
        return s
    }

    /// `3 s`, `2 min 05 s`, `1 h 02 min`.
    static func duration(_ seconds: Int) -> String {
        let s = max(0, seconds)
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min " + pad(s % 60) + " s" }
        return "\(s / 3600) h " + pad(s / 60 % 60) + " min"
    }

    /// A field value in a diff line: trailing blanks dropped, quoted so a blank shows.
    static func quoted(_ v: String) -> String {
        var t = Substring(v)
        while t.last == " " { t = t.dropLast() }
        return "\"" + t + "\""
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Thousands grouped as each language writes them (1.350.000 / 1,350,000).
    static func grouped(_ n: Int, _ l: Language) -> String { Format.grouped(n, in: l) }
}
