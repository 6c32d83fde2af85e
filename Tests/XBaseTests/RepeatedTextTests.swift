import Foundation
import ResgateTestSupport
import Testing
@testable import XBase

/// `forEachRecord` hands back the previous record's text when a long C value repeats
/// (`RepeatedText`). Every value must still be exactly what a record read on its own
/// (`withRecord`, no cache) gives: equal runs, values one byte apart, the same text with
/// other padding, a change of length, accented text, a kept text between other values,
/// and runs across read chunks.
@Suite struct RepeatedTextTests {
    static let long = "CONSUMIDOR FINAL"           // 16 bytes: just past a small string
    static let accented = "JOSÉ DA CONCEIÇÃO ARAÚJO"

    /// The C(40) texts of the test table, in record order, and the record numbers whose
    /// padding is rewritten as NULs.
    static let texts: [String] = [
        long, long, long, long,                      // a run
        "CONSUMIDOR FINAM", long,                    // one byte apart, and back
        long, long,                                  // same text, the second NUL-padded
        long + " 2", long + " 2", long,              // longer, then shorter again
        accented, accented, accented + "S", accented,
        "", long, "", long,                          // a gap between equal values
        "SHORT", "SHORT", "SHORTER", long, long,     // small strings around long ones
        "ANOTHER LONG NAME X", long,                 // the kept text, between others
        "ANOTHER LONG NAME X", "ANOTHER LONG NAME X", long, "ANOTHER LONG NAME Y",
        "CONSUMIDOR FINAL DA LOJA", "CONSUMIDOR FINAL DA LOJA",
        "CONSUMIDOR\u{0}FINAL DA LOJA",              // differs inside, not in its first or last word
    ]
    static let nulPadded: Set<Int> = [7, 10]

    @Test func passValuesEqualSingleRecordReads() throws {
        let folder = try TempFolder("repeated-text")
        let path = folder.path + "/t.dbf"
        try Self.write(path, texts: Self.texts, nulPadded: Self.nulPadded)
        let table = try DBFTable.open(path: path)
        var seen: [String] = []
        try table.forEachRecord { rec in
            guard case let .string(s) = try rec.value(at: 0) else { Issue.record("not text"); return }
            seen.append(s)
            // asked twice in the same record: the same text
            #expect(try rec.value(at: 0) == .string(s))
            #expect(try rec.value(table.fields[0]) == .string(s))
        }
        #expect(seen == Self.texts)
        #expect(seen.map { Array($0.utf8) } == Self.texts.map { Array($0.utf8) })
        // outside a pass: no cache, same values
        for i in Self.texts.indices {
            let v = try table.withRecord(at: i) { try $0.value(at: 0) }
            #expect(v == .string(Self.texts[i]), "record \(i)")
        }
    }

    /// Runs of one value across the read buffer's chunks, where the previous record's
    /// bytes are no longer in the buffer.
    @Test func runsAcrossChunksStayExact() throws {
        let folder = try TempFolder("repeated-text")
        let path = folder.path + "/c.dbf"
        // wide records: about 1,300 per 1 MB chunk, so 3,000 records span three chunks
        var texts: [String] = []
        for i in 0..<3_000 { texts.append(i % 700 < 650 ? Self.long : "VALUE NUMBER \(i) OF THE TABLE") }
        try Self.write(path, texts: texts, nulPadded: [], filler: true)
        let table = try DBFTable.open(path: path)
        var mismatches = 0
        var count = 0
        try table.forEachRecord { rec in
            if try rec.value(at: 0) != .string(texts[rec.index]) { mismatches += 1 }
            count += 1
        }
        #expect(count == texts.count)
        #expect(mismatches == 0)
        // a pass that starts in the middle
        var fromMiddle = 0
        try table.forEachRecord(from: 1_500) { rec in
            if try rec.value(at: 0) != .string(texts[rec.index]) { mismatches += 1 }
            fromMiddle += 1
        }
        #expect(fromMiddle == texts.count - 1_500)
        #expect(mismatches == 0)
    }

    /// A cp1252 table with `T C(40)` (and, with `filler`, wide blank fields after it);
    /// the records in `nulPadded` get NULs instead of spaces after their text.
    static func write(_ path: String, texts: [String], nulPadded: Set<Int>, filler: Bool = false) throws {
        var fields = [FieldDescriptor(name: "T", type: .character, length: 40)]
        if filler {
            for i in 0..<3 { fields.append(FieldDescriptor(name: "F\(i)", type: .character, length: 254)) }
        }
        let w = try DBFWriter(path: path, structure: TableStructure(version: 0x30, codePage: .cp1252, fields: fields))
        for t in texts {
            try w.append([.string(t)] + (filler ? [DBFValue](repeating: .string(""), count: 3) : []))
        }
        try w.finish()
        guard !nulPadded.isEmpty else { return }
        let table = try DBFTable.open(path: path)
        let (start, width, recordLength) = (table.header.headerLength, table.fields[0].length, table.header.recordLength)
        let offset = table.fields[0].offset
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        for i in nulPadded {
            let used = CodePage.cp1252.encode(texts[i]).count
            for j in used..<width { data[start + i * recordLength + offset + j] = 0 }
        }
        try data.write(to: URL(fileURLWithPath: path))
    }
}
