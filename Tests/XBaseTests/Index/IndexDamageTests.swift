import Foundation
import ResgateTestSupport
import Testing
@testable import XBase

/// Damaged indexes give defects, never crashes, and a rebuild repairs them.
@Suite struct IndexDamageTests {
    /// Copies a fixture table and its CDX into a scratch folder; returns (dbf, cdx) paths.
    static func copy(_ folder: String, _ name: String) throws -> (String, String) {
        let dir = IndexFixtures.scratch(name)
        let src = IndexFixtures.root + "/" + folder + "/" + name
        try FileManager.default.copyItem(atPath: src + ".dbf", toPath: dir + "/" + name + ".dbf")
        try FileManager.default.copyItem(atPath: src + ".cdx", toPath: dir + "/" + name + ".cdx")
        return (dir + "/" + name + ".dbf", dir + "/" + name + ".cdx")
    }

    static func patch(_ path: String, at offset: Int, _ bytes: [UInt8]) throws {
        var data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        data.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
        try Data(data).write(to: URL(fileURLWithPath: path))
    }

    /// Offsets of every tree page of every tag, with whether it is a leaf.
    static func pages(of cdx: CDXFile) throws -> [(offset: Int, tag: String)] {
        var out: [(Int, String)] = []
        for tag in cdx.tags {
            var stack = [tag.rootOffset]
            while let o = stack.popLast() {
                out.append((o, tag.name))
                if case .interior(let n) = try cdx.node(at: o, of: tag, fill: 0x20) { stack += n.entries.map(\.child) }
            }
        }
        return out
    }

    @Test func everyFlippedPageHeaderByteIsReported() throws {
        let (dbf, cdx) = try Self.copy("harbour", "vendas")
        let table = try DBFTable.open(path: dbf)
        let original = try Data(contentsOf: URL(fileURLWithPath: cdx))
        let pages = try Self.pages(of: CDXFile.open(path: cdx))
        #expect(pages.count > 20)
        // Page header bytes: attribute, count, sibling links and, on leaves, the widths.
        for (page, tag) in pages.prefix(12) {
            for byte in 0..<12 {
                try original.write(to: URL(fileURLWithPath: cdx))
                try Self.patch(cdx, at: page + byte, [original[page + byte] ^ 0xFF])
                let defects = IndexVerifier.verify(table: table, indexPath: cdx)
                #expect(defects.contains { $0.tag == tag }, "flip at \(page + byte) (page \(page), tag \(tag)) went unnoticed")
            }
        }
    }

    /// A child pointer aimed back at its own page (the tree would never end) is named as a
    /// cycle at that page, by the walk's page bitmap.
    @Test func aChildPointingBackAtItsPageIsACycle() throws {
        let (dbf, cdx) = try Self.copy("harbour", "vendas")
        let table = try DBFTable.open(path: dbf)
        let file = try CDXFile.open(path: cdx)
        var target: (offset: Int, tag: String, keyLength: Int)?
        for tag in file.tags where target == nil {
            if case .interior = try file.node(at: tag.rootOffset, of: tag, fill: 0x20) {
                target = (tag.rootOffset, tag.name, Int(tag.keyLength))
            }
        }
        let (page, tagName, keyLength) = try #require(target, "the fixture has a tag with an interior root")
        let o = UInt32(page)
        // first entry: key, record number (4, big-endian), child (4, big-endian)
        try Self.patch(cdx, at: page + 12 + keyLength + 4, [UInt8(o >> 24), UInt8(o >> 16 & 0xFF), UInt8(o >> 8 & 0xFF), UInt8(o & 0xFF)])
        let defects = IndexVerifier.verify(table: table, indexPath: cdx)
        let d = try #require(defects.first { $0.tag == tagName })
        #expect(d.detail.text(in: .en).contains("cycle"), "\(d.detail.text(in: .en))")
    }

    @Test func randomFlipsNeverCrash() throws {
        let (dbf, cdx) = try Self.copy("harbour", "clientes_bin")
        let table = try DBFTable.open(path: dbf)
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: cdx)))
        var rng = SplitMix(seed: 42)
        var noticed = 0
        let runs = 300
        for _ in 0..<runs {
            var bytes = original
            let at = Int(rng.next() % UInt64(bytes.count))
            bytes[at] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
            try Data(bytes).write(to: URL(fileURLWithPath: cdx))
            let defects = IndexVerifier.verify(table: table, indexPath: cdx)
            if !defects.isEmpty { noticed += 1 }
            if let file = try? CDXFile.open(path: cdx) {
                for tag in file.tags { _ = try? file.seek([0x41], in: tag, fill: 0x20) }
            }
        }
        // Flips in the unused middle of a page change nothing; most others must show.
        #expect(noticed > runs / 4, "only \(noticed) of \(runs) flips were noticed")
    }

    @Test func truncatedIndexIsReported() throws {
        let (dbf, cdx) = try Self.copy("harbour", "vendas")
        let table = try DBFTable.open(path: dbf)
        let original = try Data(contentsOf: URL(fileURLWithPath: cdx))
        for size in [0, 100, 1024, 1536, 3000, original.count / 2, original.count - 1] {
            try original.prefix(size).write(to: URL(fileURLWithPath: cdx))
            let defects = IndexVerifier.verify(table: table, indexPath: cdx)
            #expect(!defects.isEmpty, "cut at \(size)")
            #expect(defects.allSatisfy { $0.kind == .damagedStructure }, "cut at \(size): \(defects)")
        }
    }

    @Test func overwrittenLeafIsReportedAndRebuilt() throws {
        let (dbf, cdx) = try Self.copy("harbour", "vendas")
        let table = try DBFTable.open(path: dbf)
        let file = try CDXFile.open(path: cdx)
        let numero = try #require(file.tag(named: "NUMERO"))
        guard case .interior(let root) = try file.node(at: numero.rootOffset, of: numero, fill: 0) else {
            Issue.record("NUMERO should have an interior root"); return
        }
        try Self.patch(cdx, at: root.entries[3].child, [UInt8](repeating: 0xFF, count: 512))
        let defects = IndexVerifier.verify(table: table, indexPath: cdx)
        #expect(defects.map(\.tag) == ["NUMERO"])
        #expect(defects.first?.kind == .damagedStructure)
        let damaged = try CDXFile.open(path: cdx)
        try CDXWriter.rebuild(table: table, template: damaged, to: cdx + ".new")
        #expect(IndexVerifier.verify(table: table, indexPath: cdx + ".new").isEmpty)
    }

    @Test func changedKeyIsReported() throws {
        let (dbf, cdx) = try Self.copy("harbour", "vendas")
        let table = try DBFTable.open(path: dbf)
        let file = try CDXFile.open(path: cdx)
        let serie = try #require(file.tag(named: "SERIENUM"))
        var leafOffset = serie.rootOffset
        while case .interior(let n) = try file.node(at: leafOffset, of: serie, fill: 0x20) { leafOffset = n.entries[1].child }
        // The first key's stored bytes end the page: change its last byte.
        let at = leafOffset + 511
        let old = try Data(contentsOf: URL(fileURLWithPath: cdx))[at]
        try Self.patch(cdx, at: at, [old == 0x39 ? 0x30 : old + 1])
        let defects = IndexVerifier.verify(table: table, indexPath: cdx)
        #expect(defects.count == 1)
        #expect(defects.first?.tag == "SERIENUM")
        #expect([.entriesDiffer, .outOfOrder].contains(defects.first?.kind))
    }

    @Test func appendedRecordsAreReportedAndRebuilt() throws {
        let (dbf, cdx) = try Self.copy("harbour", "vendas")
        var data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dbf)))
        let headerLength = Int(data[8]) | Int(data[9]) << 8, recordLength = Int(data[10]) | Int(data[11]) << 8
        let count = Int(data[4]) | Int(data[5]) << 8
        let first = Array(data[headerLength..<(headerLength + recordLength)])
        let end = headerLength + count * recordLength
        data.replaceSubrange(end..<end, with: first + first)
        let newCount = count + 2
        data[4] = UInt8(newCount & 0xFF); data[5] = UInt8(newCount >> 8)
        try Data(data).write(to: URL(fileURLWithPath: dbf))
        let table = try DBFTable.open(path: dbf)
        let defects = IndexVerifier.verify(table: table, indexPath: cdx)
        #expect(Set(defects.compactMap(\.tag)).isSuperset(of: ["NUMERO", "SERIENUM", "EMISSAO", "EMISDATA"]))
        #expect(defects.allSatisfy { $0.kind == .entriesDiffer && $0.isRepairable })
        // XBase::Index picks the format by extension, so the rebuilt file ends in .cdx.
        let rebuilt = (cdx as NSString).deletingLastPathComponent + "/rebuilt.cdx"
        try CDXWriter.rebuild(table: table, template: try CDXFile.open(path: cdx), to: rebuilt)
        #expect(IndexVerifier.verify(table: table, indexPath: rebuilt).isEmpty)
        if PerlIndexReader.isAvailable {
            let perl = try PerlIndexReader.entries(file: rebuilt, tag: "NUMERO")
            #expect(perl.count == newCount)
            #expect(perl.filter { $0.hasSuffix(" 2001") || $0.hasSuffix(" 2002") }.count == 2)
        }
    }
}

