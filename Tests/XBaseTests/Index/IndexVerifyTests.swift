import Foundation
import Testing
@testable import XBase

@Suite struct IndexVerifyTests {
    @Test func everyFixtureIndexIsConsistent() throws {
        let pairs = IndexFixtures.pairs
        #expect(pairs.count >= 20)
        for (dbf, cdx) in pairs {
            let table = try DBFTable.open(path: dbf)
            #expect(CDXFile.structuralPath(forTable: dbf) == cdx)
            let defects = IndexVerifier.verify(table: table, indexPath: cdx)
            let file = (cdx as NSString).lastPathComponent
            let found = Set(defects.map { file + ":" + ($0.tag ?? "") })
            for expected in IndexFixtures.nationalTags.union(IndexFixtures.staleTags) where expected.hasPrefix(file + ":") {
                #expect(found.contains(expected), "expected a defect in \(expected)")
            }
            for d in defects {
                let key = file + ":" + (d.tag ?? "")
                if IndexFixtures.nationalTags.contains(key) {
                    #expect(d.kind == .nationalCollation, "\(d)")
                } else if IndexFixtures.staleTags.contains(key) {
                    #expect(d.kind == .entriesDiffer, "\(d)")
                } else {
                    Issue.record("\(d)")
                }
            }
        }
    }
}

@Suite struct KeyPlanTests {
    /// The direct byte recipe and the general evaluator give the same key for every record
    /// of every fixture tag.
    @Test func planAndEvaluatorAgreeOnEveryFixture() throws {
        var planned = 0
        for (dbf, cdx) in IndexFixtures.pairs {
            let table = try DBFTable.open(path: dbf)
            let file = try CDXFile.open(path: cdx)
            for tag in file.tags {
                guard let fast = try? TagKeyBuilder(tag: tag, fields: table.header.fields, codePage: table.codePage, file: cdx) else { continue }
                if fast.plan != nil { planned += 1 }
                var slow = fast
                slow.usesPlan = false
                var a: [UInt8] = [], b: [UInt8] = []
                try table.forEachRecord { r in
                    let ka = fast.key(record: r.bytes, recno: r.number, into: &a)
                    let kb = slow.key(record: r.bytes, recno: r.number, into: &b)
                    #expect(ka == kb && (!ka || a == b), "\(cdx) \(tag.name) record \(r.number)")
                }
            }
        }
        #expect(planned > 30)
    }
}
