import Foundation
import Testing
@testable import XBase

/// Each damaged copy of a clean table is reported with the right kind, record and field.
@Suite struct DamagedTableTests {
    let corpus: DamagedCorpus
    init() throws { corpus = try DamagedCorpus() }

    func expectFinding(_ r: HealthReport, _ kind: HealthFinding.Kind, record: Int?, field: String? = nil,
                       severity: HealthFinding.Severity = .error, sourceLocation: SourceLocation = #_sourceLocation) {
        let hits = r.findings(kind)
        #expect(hits.contains { $0.record == record && $0.field == field && $0.severity == severity },
                "\(kind) at record \(record.map(String.init) ?? "-") field \(field ?? "-"): got \(r.findings.map { "\($0.kind) r\($0.record ?? 0) \($0.field ?? "")" })",
                sourceLocation: sourceLocation)
    }

    @Test func cleanTableHasNoFindings() {
        let r = TableHealth.check(path: corpus.clean)
        #expect(r.findings.isEmpty, "\(r.findings)")
        #expect(!r.isDamaged)
        #expect(r.recordsChecked == DamagedCorpus.records)
        #expect(r.memoPath != nil)
    }

    @Test func truncatedMidRecord() throws {
        let cut = corpus.offset(record: 7) + 5
        let p = try corpus.make("truncated") { b in b.removeSubrange(cut...) }
        let r = TableHealth.check(path: p)
        expectFinding(r, .countTooHigh, record: 7)
        #expect(r.isDamaged)
        #expect(r.recordsChecked == 6)
    }

    @Test func countTooHighAndTooLow() throws {
        let high = try corpus.make("count_high") { b in DamagedCorpus.putLE32(&b, 4, 20) }
        expectFinding(TableHealth.check(path: high), .countTooHigh, record: 11)
        let low = try corpus.make("count_low") { b in DamagedCorpus.putLE32(&b, 4, 5) }
        let r = TableHealth.check(path: low)
        expectFinding(r, .countTooLow, record: 6)
        #expect(r.recordsChecked == 5)
    }

    @Test func memoPointerOutsideTheFile() throws {
        let at = corpus.offset(record: 4, field: "OBS")
        let p = try corpus.make("memo_outside") { b in DamagedCorpus.putLE32(&b, at, 999_999) }
        expectFinding(TableHealth.check(path: p), .memoPointerOutside, record: 4, field: "OBS")
    }

    @Test func memoPointerAtABadBlockHeader() throws {
        // record 1's memo starts at block 8 and spans several 64-byte blocks: block 9 is
        // inside its text, so its "type" word is text
        let at = corpus.offset(record: 5, field: "OBS")
        let p = try corpus.make("memo_bad_block") { b in DamagedCorpus.putLE32(&b, at, 9) }
        expectFinding(TableHealth.check(path: p), .badMemoBlock, record: 5, field: "OBS")
    }

    @Test func missingAndShortMemoFile() throws {
        let missing = try corpus.make("memo_missing", memo: .some(.none)) { _ in }
        expectFinding(TableHealth.check(path: missing), .missingMemoFile, record: nil)
        let short = try corpus.make("memo_short", memo: .some(Array(try corpus.memoBytes.prefix(100)))) { _ in }
        let r = TableHealth.check(path: short)
        #expect(r.isDamaged, "\(r.findings)")
        #expect(r.count(.shortMemoFile) + r.count(.missingMemoFile) + r.count(.memoPointerOutside) > 0)
    }

    @Test func badValuesPerType() throws {
        let p = try corpus.make("bad_values") { b in
            DamagedCorpus.put(&b, corpus.offset(record: 2, field: "VENDA"), "20231345")
            DamagedCorpus.put(&b, corpus.offset(record: 3, field: "VENDA"), "24/01/20")
            DamagedCorpus.put(&b, corpus.offset(record: 6, field: "QTD"), "  12a4.0")
            DamagedCorpus.put(&b, corpus.offset(record: 8, field: "OK"), "1")
            DamagedCorpus.putLE32(&b, corpus.offset(record: 7, field: "QUANDO") + 4, 90_000_000)
            DamagedCorpus.put(&b, corpus.offset(record: 9, field: "QTD"), "********")
        }
        let r = TableHealth.check(path: p)
        expectFinding(r, .badDate, record: 2, field: "VENDA")
        expectFinding(r, .badDate, record: 3, field: "VENDA")
        expectFinding(r, .badNumber, record: 6, field: "QTD")
        expectFinding(r, .badLogical, record: 8, field: "OK")
        expectFinding(r, .badDateTime, record: 7, field: "QUANDO")
        expectFinding(r, .numberOverflow, record: 9, field: "QTD", severity: .warning)
        #expect(r.findings.count == 6, "\(r.findings)")
    }

    @Test func garbageRecord() throws {
        let p = try corpus.make("garbage") { b in
            let start = corpus.offset(record: 3)
            var x: UInt32 = 12345
            for i in start..<(start + corpus.header.recordLength) {
                x = x &* 1103515245 &+ 12345
                b[i] = UInt8(truncatingIfNeeded: x >> 16) | 0x80 // high bytes: never digits or T/F
            }
        }
        let r = TableHealth.check(path: p)
        expectFinding(r, .badDeleteFlag, record: 3, severity: .warning)
        expectFinding(r, .badNumber, record: 3, field: "QTD")
        expectFinding(r, .badDate, record: 3, field: "VENDA")
        expectFinding(r, .badLogical, record: 3, field: "OK")
        #expect(r.findings.allSatisfy { $0.record == 3 }, "\(r.findings)")
    }

    @Test func endOfFileProblems() throws {
        let noEOF = try corpus.make("no_eof") { b in b.removeLast() }
        expectFinding(TableHealth.check(path: noEOF), .missingEOF, record: nil, severity: .warning)
        #expect(!TableHealth.check(path: noEOF).isDamaged)
        let early = try corpus.make("early_eof") { b in b[corpus.offset(record: 9)] = 0x1A }
        expectFinding(TableHealth.check(path: early), .eofInsideRecords, record: 9)
    }

    @Test func brokenTerminator() throws {
        let at = 32 + 32 * corpus.header.fields.count
        let p = try corpus.make("terminator") { b in
            #expect(b[at] == 0x0D)
            b[at] = 0x00
        }
        let r = TableHealth.check(path: p)
        #expect(r.count(.badTerminator) == 1, "\(r.findings)")
    }

    @Test func emptyAndTinyFiles() throws {
        for (name, content) in [("empty", [UInt8]()), ("tiny", [UInt8](repeating: 0x30, count: 20)),
                                ("header_only", Array(try corpus.bytes.prefix(100)))] {
            let p = corpus.dir.url.appendingPathComponent(name + ".dbf").path
            try Data(content).write(to: URL(fileURLWithPath: p))
            let r = TableHealth.check(path: p)
            #expect(r.isDamaged, "\(name)")
            #expect(r.count(.unreadable) + r.count(.headerTooShort) == 1, "\(name): \(r.findings)")
        }
    }

    @Test func findingsAreBoundedPerKindButCounted() throws {
        let p = try corpus.make("many") { b in
            for n in 1...DamagedCorpus.records { DamagedCorpus.put(&b, corpus.offset(record: n, field: "OK"), "x") }
        }
        let r = TableHealth.check(path: p, findingsPerKind: 3)
        #expect(r.findings(.badLogical).count == 3)
        #expect(r.count(.badLogical) == DamagedCorpus.records)
        #expect(r.omittedFindings == DamagedCorpus.records - 3)
        #expect(r.errorCount == DamagedCorpus.records)
    }

    /// A descriptor damaged to width 0 (a logical field here) is skipped, not indexed.
    @Test func zeroWidthFieldDoesNotCrash() throws {
        let index = corpus.header.fields.firstIndex { $0.name == "OK" }!
        let p = try corpus.make("zero_width") { b in b[32 + 32 * index + 16] = 0 }
        let r = TableHealth.check(path: p)
        #expect(r.isDamaged || r.findings.contains { $0.kind == .recordLengthMismatch }, "\(r.findings)")
    }

    /// Random byte damage anywhere (header included) never crashes, hangs or throws:
    /// every outcome is a report.
    @Test func randomDamageNeverCrashes() throws {
        let clean = try corpus.bytes
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(seed >> 33) }
        for i in 0..<400 {
            var b = clean
            // every other round hits the header and descriptors only
            let span = i % 2 == 0 ? corpus.header.headerLength : b.count
            for _ in 0..<(1 + next() % 8) { b[next() % span] = UInt8(next() % 256) }
            if i % 5 == 0 { b.removeSubrange((next() % b.count)...) }
            let p = corpus.dir.url.appendingPathComponent("fuzz.dbf").path
            try Data(b).write(to: URL(fileURLWithPath: p))
            let r = TableHealth.check(path: p)
            #expect(r.recordsChecked <= DamagedCorpus.records + 1)
            // the reader survives the same bytes
            if let t = try? DBFTable.open(path: p) {
                try? t.forEachRecord { rec in for f in t.fields { _ = try? rec.value(f) } }
            }
            let data = try JSONEncoder().encode(r)
            #expect(!data.isEmpty)
        }
    }
}
