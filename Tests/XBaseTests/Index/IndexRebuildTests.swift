import Foundation
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
