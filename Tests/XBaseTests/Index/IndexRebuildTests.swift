import Foundation
import ResgateTestSupport
import Testing
@testable import XBase

@Suite struct IndexRebuildTests {
    /// Rebuilds every fixture CDX and compares tag by tag with the original, through our
    /// reader and through Perl's XBase::Index.
    @Test func rebuiltIndexesMatchTheOriginals() throws {
        let dir = IndexFixtures.scratch("rebuild")
        var rebuilt = 0
        for (dbf, cdx) in IndexFixtures.pairs {
            let file = (cdx as NSString).lastPathComponent
            let table = try DBFTable.open(path: dbf)
            let original = try CDXFile.open(path: cdx)
            let out = dir + "/" + file
            let national = original.tags.contains { IndexFixtures.nationalTags.contains(file + ":" + $0.name) }
            if national {
                #expect(throws: CDXError.self) { try CDXWriter.rebuild(table: table, template: original, to: out) }
                continue
            }
            try CDXWriter.rebuild(table: table, template: original, to: out)
            rebuilt += 1
            let copy = try CDXFile.open(path: out)
            #expect(copy.tags.map(\.name) == original.tags.map(\.name), "\(file)")
            #expect(IndexVerifier.verify(table: table, index: copy).isEmpty, "\(file): \(IndexVerifier.verify(table: table, index: copy))")
            for (a, b) in zip(original.tags, copy.tags) {
                #expect(a.keyExpression == b.keyExpression && a.forExpression == b.forExpression)
                #expect(a.options == b.options && a.isDescending == b.isDescending && a.keyLength == b.keyLength)
                if IndexFixtures.staleTags.contains(file + ":" + a.name) { continue }
                let builder = try TagKeyBuilder(tag: a, fields: table.header.fields, codePage: table.codePage, file: cdx)
                let mine = try copy.entries(of: b, fill: builder.kind.fill)
                let theirs = try original.entries(of: a, fill: builder.kind.fill)
                #expect(mine == theirs, "\(file) tag \(a.name)")
                if PerlIndexReader.isAvailable {
                    let perlOriginal = try PerlIndexReader.entries(file: cdx, tag: a.name)
                    let perlRebuilt = try PerlIndexReader.entries(file: out, tag: b.name)
                    #expect(perlOriginal.count == theirs.count, "\(file) tag \(a.name): Perl read \(perlOriginal.count)")
                    #expect(perlOriginal == perlRebuilt, "\(file) tag \(a.name) through XBase::Index")
                }
            }
        }
        #expect(rebuilt >= 20)
    }
}

@Suite struct ExternalSortTests {
    /// With a tiny memory budget every tag is sorted in runs on disk and merged; the file
    /// must come out byte for byte as the in-memory rebuild writes it, UNIQUE included.
    @Test func spilledRebuildEqualsInMemoryRebuild() throws {
        let dir = IndexFixtures.scratch("spill")
        for name in ["vendas", "clientes_bin"] {
            let base = IndexFixtures.root + "/harbour/" + name
            let table = try DBFTable.open(path: base + ".dbf")
            let template = try CDXFile.open(path: base + ".cdx")
            try CDXWriter.rebuild(table: table, template: template, to: dir + "/\(name)-memory.cdx")
            try CDXWriter.rebuild(table: table, template: template, to: dir + "/\(name)-spilled.cdx", memoryBudget: 4_000)
            let a = try Data(contentsOf: URL(fileURLWithPath: dir + "/\(name)-memory.cdx"))
            let b = try Data(contentsOf: URL(fileURLWithPath: dir + "/\(name)-spilled.cdx"))
            #expect(a == b, "\(name)")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".run") }
            #expect(leftovers.isEmpty, "run files left: \(leftovers)")
        }
    }
}

extension ExternalSortTests {
    /// Verifying with spilled expected keys reports exactly what the in-memory check does.
    @Test func spilledVerifyEqualsInMemoryVerify() throws {
        for (dbf, cdx) in IndexFixtures.pairs {
            let table = try DBFTable.open(path: dbf)
            let file = try CDXFile.open(path: cdx)
            let small = IndexVerifier.verify(table: table, index: file, budgetBytes: 3_000)
            let normal = IndexVerifier.verify(table: table, index: file)
            #expect(small == normal, "\(cdx)")
        }
    }
}

@Suite struct SingleIndexTests {
    /// vulpo's student2.cdx is a lone compact index (no compound bit) over student.dbf's
    /// L_NAME: read it, verify it, rebuild it in the same single-index layout.
    @Test func loneCompactIndex() throws {
        let folder = IndexFixtures.root + "/real/vulpo-codebase"
        let file = try CDXFile.open(path: folder + "/student2.cdx")
        #expect(!file.isCompound)
        #expect(file.tags.map(\.name) == ["STUDENT2"])
        #expect(file.tags.first?.keyExpression == "L_NAME")
        let table = try DBFTable.open(path: folder + "/student.dbf")
        let defects = IndexVerifier.verify(table: table, index: file)
        #expect(defects.isEmpty, "\(defects)")
        let out = IndexFixtures.scratch("single") + "/student2.cdx"
        try CDXWriter.rebuild(table: table, template: file, to: out)
        let copy = try CDXFile.open(path: out)
        #expect(!copy.isCompound)
        let tag = try #require(file.tags.first), tag2 = try #require(copy.tags.first)
        #expect(try copy.entries(of: tag2, fill: 0x20) == file.entries(of: tag, fill: 0x20))
        // XBase::Index cannot read lone compact files at all (the original fails the same
        // way), so there is no outside reader for this one.
        #expect(IndexVerifier.verify(table: table, index: copy).isEmpty)
    }
}
