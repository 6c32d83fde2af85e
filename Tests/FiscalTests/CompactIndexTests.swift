import Foundation
import Testing
import ResgateTestSupport
@testable import Fiscal

/// The XML index's compact storage (issue 18: `check` on 200,000 XML files under 64 MiB):
/// digit packing, the file name table and the note records give back exactly what went in.
@Suite struct CompactIndexTests {
    /// Random texts mixing digit runs, ASCII, multi-byte UTF-8 and bytes ≥ 0x80.
    static func text(_ rng: inout SplitMix) -> [UInt8] {
        let alphabet: [[UInt8]] = [Array("0123456789".utf8), Array("-T:._/NFeprocxml ".utf8), Array("çãé".utf8), [0x80, 0xE3, 0xFF, 0xFE]]
        var out: [UInt8] = []
        for _ in 0..<Int.random(in: 0...60, using: &rng) {
            let set = alphabet[Int.random(in: 0..<alphabet.count, using: &rng) % (Int.random(in: 0...9, using: &rng) < 7 ? 1 : 4)]
            out.append(set.randomElement(using: &rng)!)
        }
        return out
    }

    @Test func digitPackingGivesBackEveryByteAndHalvesDigits() {
        var rng = SplitMix(seed: 18)
        for _ in 0..<5000 {
            let raw = Self.text(&rng)
            var packed: [UInt8] = []
            raw.withUnsafeBufferPointer { DigitPacking.pack($0, into: &packed) }
            var back: [UInt8] = []
            packed.withUnsafeBufferPointer { p in _ = DigitPacking.forEachByte(p) { back.append($0); return true } }
            #expect(back == raw)
            packed.withUnsafeBufferPointer { p in
                raw.withUnsafeBufferPointer { r in #expect(DigitPacking.equals(p, r)) }
                var other = raw
                if other.isEmpty { other = [0x30] } else { other[other.count - 1] ^= 1 }
                other.withUnsafeBufferPointer { r in #expect(!DigitPacking.equals(p, r)) }
                (raw + [0x30]).withUnsafeBufferPointer { r in #expect(!DigitPacking.equals(p, r)) }
            }
        }
        var key: [UInt8] = []
        DigitPacking.pack("35260112345678000195650010000000011123456789", into: &key)
        #expect(key.count == 22)
    }

    @Test func fileNamesSortLikeStringsAndGiveBackEveryPath() {
        var rng = SplitMix(seed: 1818)
        // folders that are ancestors of others, names with digits and accents, a name
        // that sorts before '/', paths without a folder
        let folders = ["/x/xml", "/x/xml/2026", "/x/xml/2026/01", "/x/xml-b", "/x/xml.c", "/x/xmlç", "", "rel"]
        var paths: [String] = []
        for _ in 0..<3000 {
            let f = folders.randomElement(using: &rng)!
            let name = String(decoding: Self.text(&rng).filter { $0 != 0x2F && $0 < 0x80 }, as: UTF8.self) + ".xml"
            paths.append(f.isEmpty && Bool.random(using: &rng) ? name : f + "/" + name)
        }
        let table = FileNames(paths)
        #expect(table.count == paths.count)
        for (i, p) in paths.enumerated() { #expect(table.path(UInt32(i)) == p) }
        table.sortByPath()
        let sorted = (0..<table.count).map { table.path(UInt32($0)) }
        #expect(sorted == paths.sorted())
        #expect(table.isInPathOrder)
        // appended in order keeps the order; one out of order says so
        let t2 = FileNames(["a/1.xml", "a/2.xml", "b/1.xml"])
        #expect(t2.isInPathOrder)
        t2.append("a/0.xml")
        #expect(!t2.isInPathOrder)
    }

    @Test func walkerTableIsInPathOrderAndComplete() throws {
        let temp = try TempFolder("walker")
        let root = try temp.folder("xml")
        for p in ["2026/01/b.xml", "2026/01/a.xml", "2026-02/x.xml", "2026/1.xml", "z.xml"] {
            try FileManager.default.createDirectory(atPath: (root + "/" + p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: root + "/" + p, contents: Data("x".utf8))
        }
        let table = try FileWalker.regularFiles(under: root + "/")
        let got = (0..<table.count).map { table.path(UInt32($0)) }
        #expect(got == ["2026-02/x.xml", "2026/01/a.xml", "2026/01/b.xml", "2026/1.xml", "z.xml"].map { root + "/" + $0 })
    }

    @Test func aNoteRecordIsThirtyTwoBytesAndGivesBackTheNote() {
        #expect(MemoryLayout<NoteStore.Record>.stride == 32)
        var store = NoteStore(files: FileNames())
        let notes = [
            AuthorizedNote(number: 0, key: "35260112ABC45678000195", issued: "2026-01-02", protocolNumber: "",
                           status: 302, file: "b é.xml", keyProblems: [.wrongLength(22)], isEntry: false),
            AuthorizedNote(number: 999_999_999, key: "35260112345678000195650010000000011123456789", issued: "2026-01-02T10:00:00-03:00",
                           protocolNumber: "135260000000001", status: 100, file: "/x/a.xml", keyProblems: [], isEntry: true),
        ]
        for n in notes { store.add(n, file: store.files.append(n.file)) }
        // records are kept in the order added here; the index sorts them by number
        _ = store.sortKeepingFirst()
        #expect(store.note(at: 0) == notes[0])
        #expect(store.note(at: 1) == notes[1])
        #expect(Array(NoteList(store: store)) == notes)
        let list = NoteList(store: store)
        for i in list.indices {
            #expect(list.emission(at: i) == AccessKey.emission(of: notes[i].key))
            #expect(list.number(at: i) == notes[i].number)
            #expect(list.isDenied(at: i) == notes[i].isDenied)
            #expect(list.keyIsRight(at: i) == notes[i].keyProblems.isEmpty)
        }
        #expect(list.emission(at: 1) == 1 && list.emission(at: 0) == nil)
        #expect(list.firstPosition(from: 1) == 1 && list.firstPosition(from: 0) == 0)
    }

    @Test func valuesPastTheRecordAreABrokenFileNotACutNote() {
        let cnpj = "12345678000195"
        let big = Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 1, number: 7)
            .replacingOccurrences(of: "<nNF>7</nNF>", with: "<nNF>1000000000</nNF>")
        let idx = Fixtures.index(big, file: "big.xml")
        #expect(idx.series.values.allSatisfy { $0.noteList.isEmpty })
        guard case .broken(_, .numberTooLarge("ide/nNF", 1_000_000_000))? = idx.brokenFiles.first?.reason else {
            Issue.record("expected a broken file for nNF 1,000,000,000, got \(idx.skipped)")
            return
        }
        let long = Fixtures.nfeProc(cnpj: cnpj, model: 65, series: 1, number: 7)
            .replacingOccurrences(of: "<nProt>", with: "<nProt>" + String(repeating: "9", count: 300))
        let idx2 = Fixtures.index(long, file: "long.xml")
        #expect(idx2.series.values.allSatisfy { $0.noteList.isEmpty })
        guard case .broken(_, .valueTooLong(let field, _))? = idx2.brokenFiles.first?.reason else {
            Issue.record("expected a broken file for the long nProt, got \(idx2.skipped)")
            return
        }
        #expect(field == "infProt/nProt")
    }
}
