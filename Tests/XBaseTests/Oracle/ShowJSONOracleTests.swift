import Foundation
import ResgateTestSupport
import Testing

/// `resgate show FILE --format json` (the command a person or script uses) gives the same
/// records and values as dbfread for every real fixture dbfread can read, except the
/// files where dbfread is wrong, each documented in docs/xbase.md.
@Suite struct ShowJSONOracleTests {
    /// File → why our reading deliberately differs from dbfread's (see docs/xbase.md).
    static let documented: [String: String] = [
        "DbfDataReader/client.dbf": "dBASE IV DBT: dbfread reads 8 bytes past the memo",
        "infused-dbf/dbase_8b.dbf": "dBASE IV DBT: dbfread reads 8 bytes past the memo",
        "go-dbf/lessThanActualRecords.dbf": "we read the header's count; dbfread reads to the end",
        "dbase-rs/stations_with_deleted.dbf": "stride proven by the file size; dbfread misaligns",
        "infused-dbf/dbase_32.dbf": "Varchar true length from _NullFlags; dbfread ignores it",
        "javadbf/bug-56-index-out-of-bounds/56-testdata.dbf": "Varchar true length from _NullFlags",
        "infused-dbf/mazovia.dbf": "delete flag 0x00 read as live; dbfread drops the records",
        "javadbf/bug93_null_field/testfile.dbf": "VFP NULL from _NullFlags; dbfread has no NULLs",
        "javadbf/fixtures/foxpro-xsource/employees.dbf": "VFP NULL from _NullFlags",
        "javadbf/fixtures/foxpro-xsource/payments.dbf": "VFP NULL from _NullFlags",
        "php-xbase/foxpro/issue115.dbf": "VFP NULL from _NullFlags (0x20 written there)",
    ]

    @Test func showJSONMatchesDbfread() throws {
        let root = Oracle.packageRoot
        // the GPL/LGPL fixtures are used only from ../shared, not copied (as FixtureOracleTests)
        guard let fixtures = Oracle.sharedFolder?.appendingPathComponent("fixtures/real").path,
              FileManager.default.fileExists(atPath: fixtures) else {
            withKnownIssue("../shared/fixtures/real is absent: the show-vs-dbfread comparison was skipped") { throw SkipReason() }
            return
        }
        let bin = try #require(ResgateBinary.path, "the resgate executable must be built beside the tests")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", root.appendingPathComponent("scripts/oracle/show_vs_dbfread.py").path, bin, fixtures]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let same = doc["same"] as? [String] ?? []
        let different = doc["different"] as? [String: [String]] ?? [:]
        for (file, diffs) in different where Self.documented[file] == nil {
            Issue.record("\(file): \(diffs.joined(separator: "; "))")
        }
        #expect(same.count >= 80, "only \(same.count) fixtures equal")
    }
}
