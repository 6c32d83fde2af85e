import Foundation
import Testing
import XBase
@testable import BackupSet

/// Sets built to hurt: forged zips, text larger than the structure allows, floods of bad
/// lines, endless lines, numbers that overflow. Each is refused or reported, in bounded
/// memory, never a trap.
@Suite struct HostileInputTests {
    static let estr = "# table=T codepage=1252 records=40\r\nFIELD_NAME;FIELD_TYPE;FIELD_LEN;FIELD_DEC\r\nID;N;6;0\r\nNOME;C;10;0\r\n"

    static func lines(_ n: Int, from: Int = 1) -> String {
        (from..<(from + n)).map { "\($0),\"nome \($0 % 1000)\"\r\n" }.joined()
    }

    /// Rewrites a zip made by Info-ZIP so that `copies` more directory entries, named
    /// `T_002.TXT`…, point at the member `T_001.TXT`: one block, many names.
    static func cloneEntries(_ zip: [UInt8], copies: Int) -> [UInt8] {
        var b = zip
        let eocd = (0...(b.count - 22)).last { b[$0] == 0x50 && b[$0 + 1] == 0x4B && b[$0 + 2] == 5 && b[$0 + 3] == 6 }!
        let cdSize = Int(b[eocd + 12]) | Int(b[eocd + 13]) << 8 | Int(b[eocd + 14]) << 16 | Int(b[eocd + 15]) << 24
        let cdOffset = Int(b[eocd + 16]) | Int(b[eocd + 17]) << 8 | Int(b[eocd + 18]) << 16 | Int(b[eocd + 19]) << 24
        var cd = Array(b[cdOffset..<(cdOffset + cdSize)])
        // find the entry of T_001.TXT
        var p = 0
        var entry: [UInt8] = []
        while p + 46 <= cd.count {
            let n = Int(cd[p + 28]) | Int(cd[p + 29]) << 8
            let e = Int(cd[p + 30]) | Int(cd[p + 31]) << 8
            let c = Int(cd[p + 32]) | Int(cd[p + 33]) << 8
            if String(decoding: cd[(p + 46)..<(p + 46 + n)], as: UTF8.self) == "T_001.TXT" { entry = Array(cd[p..<(p + 46 + n + e + c)]) }
            p += 46 + n + e + c
        }
        for k in 2...(copies + 1) {
            var copy = entry
            let name = Array(String(format: "T_%03d.TXT", k).utf8)
            for i in 0..<name.count { copy[46 + i] = name[i] }
            cd += copy
        }
        let count = Int(b[eocd + 10]) + copies
        b = Array(b[..<cdOffset]) + cd
        b += [0x50, 0x4B, 5, 6, 0, 0, 0, 0, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(count & 0xFF), UInt8(count >> 8)]
        b += RawZip.le32(cd.count) + RawZip.le32(cdOffset) + [0, 0]
        return b
    }

    /// 40 directory entries over one compressed block passed every per-member limit and
    /// restored 40 times the data. Now the set is refused as a forged zip.
    @Test func manyNamesOverOneBlockAreRefused() throws {
        let dir = try tempFolder()
        try write(dir + "/T_Estr.TXT", Self.estr)
        try write(dir + "/T_001.TXT", Self.lines(1))
        try zipWithInfoZip(dir + "/S.zip", in: dir, files: ["T_Estr.TXT", "T_001.TXT"])
        let forged = Self.cloneEntries(try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/S.zip"))), copies: 39)
        try write(dir + "/F.zip", forged)
        #expect {
            try BackupSet.open(dir + "/F.zip")
        } throws: { e in
            (e as? BackupSetError)?.defects.contains { $0.kind == .zipBomb && $0.words.en.contains("share the same bytes") } == true
        }
        let v = SetVerifier.verify(dir + "/F.zip")
        #expect(v.defects.contains { $0.kind == .zipBomb } && v.tables.isEmpty)
    }

    /// A member whose data holds the next member's local header: each header names its
    /// own member, sizes are in range, but the bytes are shared.
    @Test func membersNestedInsideAnotherAreRefused() throws {
        let inner = Array("1,\"a\"\r\n".utf8)
        var z = RawZip()
        let estr = Array(Self.estr.utf8)
        z.entry("T_Estr.TXT", offset: z.local("T_Estr.TXT", size: estr.count), size: estr.count)
        z.data(estr)
        let outer = z.local("T_001.TXT", size: 30 + 9 + inner.count)
        let nested = z.local("T_002.TXT", size: inner.count)
        z.data(inner)
        z.entry("T_001.TXT", offset: outer, size: 30 + 9 + inner.count)
        z.entry("T_002.TXT", offset: nested, size: inner.count)
        let dir = try tempFolder()
        try write(dir + "/N.zip", z.archive)
        #expect(throws: BackupSetError.self) { try BackupSet.open(dir + "/N.zip") }
        // and a member running into the central directory
        var y = RawZip()
        y.entry("T_Estr.TXT", offset: y.local("T_Estr.TXT", size: estr.count), size: estr.count + 20)
        y.data(estr)
        try write(dir + "/C.zip", y.archive)
        #expect(throws: BackupSetError.self) { try BackupSet.open(dir + "/C.zip") }
    }

    /// A local header naming another member than the directory does: that member is set
    /// aside as a defect, the others are read.
    @Test func localNameDifferentFromTheDirectoryIsADefect() throws {
        var z = RawZip()
        let estr = Array(Self.estr.utf8)
        z.entry("T_Estr.TXT", offset: z.local("T_Estr.TXT", size: estr.count), size: estr.count)
        z.data(estr)
        let data = Array("1,\"a\"\r\n".utf8)
        z.entry("U.TXT", offset: z.local("T.TXT", size: data.count), size: data.count)
        z.data(data)
        let dir = try tempFolder()
        try write(dir + "/L.zip", z.archive)
        let set = try BackupSet.open(dir + "/L.zip")
        #expect(set.defects.contains { $0.kind == .corruptZip && $0.words.en.contains("names another member") })
        #expect(!set.members.contains { $0.name == "U.TXT" })
    }

    /// `records=40` and megabytes of text: refused before a byte is inflated, whatever the
    /// per-member limits say (the structure's widths give the longest honest line).
    @Test func textLargerThanTheRecordCountAllowsIsRefused() throws {
        let dir = try tempFolder()
        try write(dir + "/T_Estr.TXT", Self.estr)
        try write(dir + "/T.TXT", Self.lines(200_000))
        try zipWithInfoZip(dir + "/S.zip", in: dir, files: ["T_Estr.TXT", "T.TXT"])
        for path in [dir + "/S.zip", dir] {
            let set = try BackupSet.open(path)
            let t = try #require(set.table(named: "T"))
            #expect(t.oversized?.kind == .zipBomb)
            #expect(set.defects.contains { $0.kind == .zipBomb && $0.table == "T" })
            var read = 0
            #expect(throws: BackupSetError.self) { try set.forEachRecord(table: "T") { _ in read += 1 } }
            #expect(read == 0)
            let v = SetVerifier.verify(path)
            #expect(v.defects.contains { $0.kind == .zipBomb } && !v.ok)
        }
        // the limit itself: 40 records of a 6+10 wide structure, and no limit without a count
        let limits = TextLimits(fields: try #require(BackupSet.open(dir).structure(of: "T")).fields)
        #expect(limits.maxDataBytes(records: 40) < 1 << 20)
        #expect(limits.maxDataBytes(records: nil) == .max)
        #expect(limits.maxDataBytes(records: Int(UInt32.max)) > 0)
    }

    /// Without a manifest, `records=` was never compared with the data.
    @Test func recordsInTheStructureAreComparedWithTheData() throws {
        let dir = try tempFolder()
        try write(dir + "/T_Estr.TXT", Self.estr.replacingOccurrences(of: "records=40", with: "records=3"))
        try write(dir + "/T.TXT", Self.lines(2))
        let v = SetVerifier.verify(dir)
        let d = try #require(v.defects.first { $0.kind == .recordCountMismatch })
        #expect(d.table == "T" && d.file == "T_Estr.TXT" && d.words.en.contains("3") && d.words.en.contains("2"))
        try write(dir + "/T_Estr.TXT", Self.estr.replacingOccurrences(of: "records=40", with: "records=2"))
        #expect(SetVerifier.verify(dir).ok)
        // LIST STRUCTURE counts deleted records, which are not exported: only more is wrong
        let list = { (n: Int) in
            "Structure for table:   C:\\T.DBF\r\nNumber of data records:      \(n)\r\n" +
            "Field  Field Name  Type       Width    Dec\r\n    1  ID          Numeric        6\r\n" +
            "    2  NOME        Character     10\r\n** Total **                  17\r\n"
        }
        try write(dir + "/T_Estr.TXT", list(5))
        #expect(SetVerifier.verify(dir).ok)
        try write(dir + "/T_Estr.TXT", list(1))
        #expect(SetVerifier.verify(dir).defects.contains { $0.kind == .recordCountMismatch })
    }

    /// `records=` near 2^62, widths and decimals past what a DBF holds: defects, never
    /// arithmetic on them.
    @Test func hugeNumbersInStructuresAreDefects() throws {
        var (s, d) = DelimitedStructureParser.parse("# records=4611686018427387904\nA;C;10;0\n", table: "T", file: "T_Estr.TXT")
        #expect(s?.records == nil && d.contains { $0.kind == .badStructure && $0.line == 1 })
        (s, d) = DelimitedStructureParser.parse("# records=-1\nA;C;10;0\n", table: "T", file: "T_Estr.TXT")
        #expect(s?.records == nil && !d.isEmpty)
        // two widths of 2^62 would overflow the record layout
        let text = "Structure for table: T.DBF\nNumber of data records: 99999999999999999999\n" +
            "    1  A  Character  4611686018427387904\n    2  B  Character  4611686018427387904\n" +
            "    3  C  Numeric  10  999999999999\n    4  D  Character  10\n** Total **\n"
        (s, d) = ListStructureParser.parse(text, table: "T", file: "T_Estr.TXT")
        #expect(s?.fields.map(\.name) == ["D"] && s?.records == nil)
        #expect(d.filter { $0.kind == .badStructure }.count == 4)
        // widths that fit one by one but not together in a DBF record
        let wide = (1...3).map { "F\($0);C;30000;0" }.joined(separator: "\n")
        (s, d) = DelimitedStructureParser.parse(wide, table: "T", file: "T_Estr.TXT")
        #expect(s == nil && d.contains { $0.words.en.contains("larger than a DBF record") })
    }

    /// 200,000 bad lines: the report keeps 1,000, counts every one exactly, and the sink
    /// gets them all (the full list, streamed).
    @Test func aFloodOfBadLinesIsCountedNotKept() throws {
        final class Collect: DefectSink, @unchecked Sendable {
            let lock = NSLock()
            var n = 0
            var lastLine = 0
            func record(_ d: Defect) { lock.lock(); n += 1; lastLine = max(lastLine, d.line ?? 0); lock.unlock() }
        }
        let dir = try tempFolder()
        try write(dir + "/T_Estr.TXT", "A;N;4;0\r\nB;N;4;0\r\n")
        try write(dir + "/T.TXT", [UInt8](repeating: 0, count: 0) + Array(String(repeating: "x\n", count: 200_000).utf8))
        let sink = Collect()
        var options = ReadOptions()
        options.defectSink = sink
        let set = try BackupSet.open(dir)
        let r = try set.forEachRecord(table: "T", options: options) { _ in }
        #expect(r.defects.count == DefectList.defaultLimit)
        #expect(r.omittedDefects == 200_000 - DefectList.defaultLimit)
        #expect(r.defectCounts.values.reduce(0, +) == 200_000)
        #expect(r.badLines == 200_000)
        #expect(sink.n == 200_000 && sink.lastLine == 200_000)
        let v = SetVerifier.verify(dir, options: options)
        #expect(v.defects.count == DefectList.defaultLimit && v.defectTotal == 200_000 && !v.ok)
    }

    /// One line of 20 MB (no line break at all, then a good line): one defect, never held.
    @Test func anEndlessLineIsADefectNotHeld() throws {
        let dir = try tempFolder()
        try write(dir + "/T_Estr.TXT", Self.estr.replacingOccurrences(of: " records=40", with: ""))
        var text = [UInt8](repeating: UInt8(ascii: "9"), count: 20 << 20)
        text += Array("\r\n7,\"sete\"\r\n".utf8)
        try write(dir + "/T.TXT", text)
        let set = try BackupSet.open(dir)
        var rows: [BackupRecord] = []
        let r = try set.forEachRecord(table: "T") { rows.append($0) }
        let d = try #require(r.defects.first)
        #expect(r.defects.count == 1 && d.kind == .lineTooLong && d.line == 1 && d.words.en.contains("\(20 << 20) bytes"))
        #expect(rows.count == 1 && rows[0].line == 2 && rows[0].number == 2)
        // the same line as the last one, without a line break
        try write(dir + "/T.TXT", Array("7,\"sete\"\r\n".utf8) + [UInt8](repeating: 0x41, count: 3 << 20))
        let r2 = try BackupSet.open(dir).forEachRecord(table: "T") { _ in }
        #expect(r2.records == 1 && r2.defects.map(\.kind) == [.lineTooLong] && r2.defects[0].line == 2)
    }

    @Test func lineSplitterCapsLinesAcrossChunks() throws {
        var s = LineSplitter(maxLineBytes: 10)
        var got: [String] = []
        var long: [(Int, Int)] = []
        let text = Array("short\r\n0123456789\r\n01234567890123\r\nok\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx".utf8)
        // fed in chunks of 3 bytes: every line straddles chunks
        for start in stride(from: 0, to: text.count, by: 3) {
            try text[start..<min(text.count, start + 3)].withUnsafeBytes { chunk in
                try s.feed(chunk, { l, _, n in got.append("\(n):" + String(decoding: l, as: UTF8.self)) },
                           tooLong: { long.append(($0, $1)) })
            }
        }
        try s.finish({ l, _, n in got.append("\(n):" + String(decoding: l, as: UTF8.self)) }, tooLong: { long.append(($0, $1)) })
        #expect(got == ["1:short", "2:0123456789", "4:ok"])
        #expect(long.map(\.0) == [3, 5] && long.map(\.1) == [14, 32])
    }
}

/// A memo DBF whose records all point at one big memo: a batch of memo values stops at
/// its byte budget instead of holding 8,192 copies.
@Suite struct MemoBudgetTests {
    @Test func aBatchStopsAtItsByteBudget() throws {
        let dir = try tempFolder()
        let path = dir + "/M.DBF"
        let s = XBase.TableStructure(version: 0x30, codePage: .cp1252, fields: [
            FieldDescriptor(name: "ID", type: .integer, length: 4),
            FieldDescriptor(name: "OBS", type: .memo, length: 4),
        ])
        let w = try DBFWriter(path: path, structure: s)
        try w.append([.integer(0), .string(String(repeating: "m", count: 2 << 20))])
        for i in 1..<100 { try w.append([.integer(Int64(i)), .string("")]) }
        try w.finish()
        // every record's memo pointer made the first one's
        var b = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let t0 = try DBFTable.open(path: path)
        let h = t0.header
        let obs = try #require(h.fields.first { $0.name == "OBS" })
        let p0 = h.headerLength + obs.offset
        for r in 1..<100 {
            let p = h.headerLength + r * h.recordLength + obs.offset
            for k in 0..<4 { b[p + k] = b[p0 + k] }
        }
        try write(path, b)
        let t = try DBFTable.open(path: path)
        let field = try #require(t.field(named: "OBS"))
        let batch = try MemoBatch.load(t, start: 0, n: 100, memoMap: [(slot: 1, field: field)], checkMap: [])
        #expect(batch.count == MemoBatch.byteBudget / (2 << 20))
        guard case .string(let v) = batch.values[0] else { Issue.record("memo not read"); return }
        #expect(v.utf8.count == 2 << 20)
    }
}
