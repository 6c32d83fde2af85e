import Foundation
import Testing
@testable import XBase

@Suite struct IndexVerifyTests {
    @Test func everyFixtureIndexIsConsistent() throws {
        let pairs = IndexFixtures.pairs
        #expect(pairs.count >= 20)
        for (dbf, cdx) in pairs {
            let table = try DBFTable.open(path: dbf)
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
