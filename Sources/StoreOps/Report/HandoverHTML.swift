import Foundation
import ResgateLocale

/// The handover report as one printable HTML page with no outside file: every value from
/// the data (table names, reasons, paths, keys) goes through `escape`.
extension HandoverReport {
    public func html() -> String {
        let w = { (l: HandoverLabel) in Phrase.handover(l).text(in: language) }
        let e = Self.escape
        let num = { (n: Int?) in n.map { Format.grouped($0, in: language) } ?? "—" }
        var h = """
        <!doctype html>
        <html lang="\(language.rules.htmlTag)"><head><meta charset="utf-8">
        <title>\(e(w(.title))) — \(e(id))</title>
        <style>
        body{font:14px/1.45 "DejaVu Sans",Arial,sans-serif;color:#1b2733;margin:24px auto;max-width:960px;padding:0 16px}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:22px 0 8px;border-bottom:1px solid #ccd4dc;padding-bottom:3px}
        table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccd4dc;padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
        th{background:#eef2f5}td.num{text-align:right;white-space:nowrap}
        .verdict{padding:10px 12px;border-radius:4px;font-weight:bold;margin:6px 0}
        .do-not-release{background:#fde8e6;border:2px solid #c0392b;color:#8e1d12}
        .release{background:#e5f5ea;border:2px solid #1e8449;color:#145a32}
        .not-checked{background:#fff4d6;border:2px solid #b9770e;color:#7e5109}
        .st-ok{color:#145a32}.st-fail{color:#8e1d12;font-weight:bold}.st-warning,.st-not-checked{color:#7e5109}
        .muted{color:#5d6d7e}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}dt{font-weight:bold}dd{margin:0}
        @media print{.noprint{display:none}body{margin:0}}
        </style></head><body>
        <h1>\(e(w(.title)))</h1>
        <p class="muted">\(e(w(.subtitle(id: id)))) · <span class="noprint">\(e(w(.printHint)))</span></p>
        <dl>
        <dt>\(e(w(.dataFolder)))</dt><dd>\(e(data))</dd>
        <dt>\(e(w(.backupSet)))</dt><dd>\(e(backupSet))</dd>
        <dt>\(e(w(.madeAt)))</dt><dd>\(e(madeAt))</dd>

        """
        if let u = undoID { h += "<dt>\(e(w(.undoID)))</dt><dd>\(e(u)) — \(e(w(.undoHow(u))))</dd>\n" }
        h += "</dl>\n<h2>\(e(w(.verdictHeading)))</h2>\n"
        for line in verdict.lines {
            h += "<div class=\"verdict \(verdict.state.rawValue)\">\(e(line.text(in: language)))</div>\n"
        }
        if let how = verdict.howTo { h += "<p>\(e(how.text(in: language)))</p>\n" }
        // the verdict of every missing number (issue 18): what the technician must do with it
        for s in verdict.series where !s.numbers.isEmpty {
            h += "<h3>\(e("\(s.document) \(s.series) · \(s.cnpj)"))</h3>\n<ul class=\"numbers\">\n"
            for n in s.numbers { h += "<li>\(e(n.text(in: language)))</li>\n" }
            h += "</ul>\n"
        }
        h += "<h2>\(e(w(.reenterHeading)))</h2>\n"
        let notes = verdict.series.flatMap { s in s.reenter.map { (s, $0) } }
        if notes.isEmpty {
            h += "<p>\(e(verdict.state == .notChecked ? w(.fiscalSequenceNotChecked) : w(.reenterNone)))</p>\n"
        } else {
            h += "<table>" + Self.headerRow([w(.colSeries), w(.colNumber), w(.colIssued), w(.colKey)])
            for (s, n) in notes {
                h += "<tr><td>\(e("\(s.document) \(s.series) · \(s.cnpj)"))</td><td class=\"num\">\(n.number)</td><td>\(e(n.issued))</td><td>\(e(n.key))</td></tr>\n"
            }
            h += "</table>\n"
        }
        h += "<h2>\(e(w(.tablesHeading)))</h2>\n<table>"
            + Self.headerRow([w(.colTable), w(.colStatus), w(.colBefore), w(.colAfter), w(.colNotes)])
        for r in rows {
            h += "<tr><td>\(e(r.table))</td><td>\(e(r.status))</td><td class=\"num\">\(num(r.before))</td>"
            h += "<td class=\"num\">\(num(r.after))</td><td>\(e(r.notes))</td></tr>\n"
        }
        h += "</table>\n<h2>\(e(w(.refusedHeading)))</h2>\n"
        if refused.isEmpty { h += "<p>\(e(w(.noneRefused)))</p>\n" } else {
            h += "<ul>\n"
            for r in refused { h += "<li>" + (r.table.map { "<strong>\(e($0))</strong>: " } ?? "") + e(r.reason) + "</li>\n" }
            h += "</ul>\n"
        }
        h += "<h2>\(e(w(.checklistHeading)))</h2>\n<p>\(e(w(.checklistIntro)))</p>\n"
        h += "<table>" + Self.headerRow(["", w(.colItem), w(.colToolChecked), w(.colByHand)])
        for c in checklist {
            h += "<tr><td>☐</td><td>\(e(c.item))</td><td class=\"st-\(e(c.status))\">\(e(c.toolChecked))</td><td>\(e(c.byHand))</td></tr>\n"
        }
        h += "</table>\n<p><strong>\(e(w(.releaseOnlyWhen)))</strong></p>\n<p>\(e(w(.signature)))</p>\n</body></html>\n"
        return h
    }

    /// A table's header row, each label escaped.
    static func headerRow(_ labels: [String]) -> String {
        "<tr>" + labels.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
    }

    /// HTML text: `& < > " '` as entities, control characters (but tab and newline) dropped.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(ch)
            default:
                if ch.value < 0x20 || ch.value == 0x7F { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
