import Foundation
import ResgateWeb
import Testing

/// Every step longer than a second shows its percent and time left on the screen (issue
/// 16): the preview read before a restore's confirmation (a dry run of a large set) and
/// `verify` report `progress` events on the live stream with the figures in words from the
/// catalogue ("45% (90.112 de 200.000 registros), faltam 3 s").
@Suite("ui progress", .serialized)
struct ProgressTests {
    static let records = 200_000

    /// The `progress` events of an event stream's text, as JSON objects, in order.
    static func progressEvents(_ text: String) throws -> [[String: Any]] {
        try text.components(separatedBy: "\n\n").compactMap { frame -> [String: Any]? in
            let lines = frame.split(separator: "\n")
            guard lines.contains("event: progress"),
                  let data = lines.first(where: { $0.hasPrefix("data: ") })?.dropFirst(6) else { return nil }
            return try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any]
        }
    }

    /// Follows operation `path` over HTTP as the page does and answers its stream's text.
    static func stream(_ f: WebFixture, _ path: String, _ body: [String: Any]) async throws -> String {
        let started = try await f.post(path, body)
        #expect(started.status == 202, "\(started.text)")
        let id = try #require(started.json["operation"] as? String)
        let text = try await f.http.send("GET", "/api/operations/\(id)/events", headers: f.auth).text
        #expect(try await f.get("/api/operations/\(id)").json["state"] as? String == "done")
        return text
    }

    @Test func previewOfALargeSetShowsPercentAndTimeLeft() async throws {
        let f = try await WebFixture(vendas: Self.records).start()
        let text = try await Self.stream(f, "/api/restore",
                                         ["set": "Quinta_07.zip", "tables": ["VENDAS"], "dryRun": true, "lang": "pt"])
        let progress = try Self.progressEvents(text).filter { $0["table"] as? String == "VENDAS" }
        // a report at least every 65,536 records: 65,536, 131,072 and 196,608 at the least
        #expect(progress.count >= 3, "\(text)")
        let pt = try NSRegularExpression(pattern: #"^\d{1,3}% \([0-9.]+ de 200\.000 registros\)(, faltam [0-9 hmins]+)?$"#)
        let en = try NSRegularExpression(pattern: #"^\d{1,3}% \([0-9,]+ of 200,000 records\)(, [0-9 hmins]+ left)?$"#)
        for e in progress {
            let records = try #require(e["records"] as? Int)
            #expect(e["expected"] as? Int == Self.records)
            #expect(e["percent"] as? Int == records * 100 / Self.records, "\(e)")
            let words = try #require(e["pt"] as? String)
            #expect(pt.firstMatch(in: words, range: NSRange(words.startIndex..., in: words)) != nil, "\(words)")
            #expect(words.hasPrefix("\(records * 100 / Self.records)% ("))
            let english = try #require(e["en"] as? String)
            #expect(en.firstMatch(in: english, range: NSRange(english.startIndex..., in: english)) != nil, "\(english)")
        }
        // the time left, once the pace is known, in the words and as a number
        let timed = progress.filter { $0["secondsLeft"] is Int }
        #expect(!timed.isEmpty, "\(progress)")
        #expect(timed.allSatisfy { ($0["pt"] as? String)?.contains(", faltam ") == true })
        // every report comes before the table is done
        let done = try #require(text.range(of: "event: tableDone"))
        #expect(text.range(of: "event: progress").map { $0.lowerBound < done.lowerBound } == true)
    }

    @Test func verifyShowsPercentPerTable() async throws {
        let f = try await WebFixture(vendas: Self.records).start()
        let text = try await Self.stream(f, "/api/verify", ["set": "Quinta_07.zip", "lang": "pt"])
        let vendas = try Self.progressEvents(text).filter { $0["table"] as? String == "VENDAS" }
        // the first report of the table and its last one at least
        #expect(vendas.count >= 2, "\(text)")
        #expect(vendas.last?["percent"] as? Int == 100)
        #expect(vendas.last?["pt"] as? String == "100% (200.000 de 200.000 registros)")
        #expect((vendas.first?["percent"] as? Int ?? 100) < 100)
    }
}
