import Foundation
import Testing
import ResgateTestSupport
import XBase
@testable import RestoreKit

/// `SalvageReader.readIntact` reads rows in order through a read-ahead window: every row
/// must come back as its own bytes whatever the order of the asking (runs, jumps back,
/// scattered, past the end), and a row that is not intact must still say so.
@Suite struct RecordReadAheadTests {
    @Test func rowsComeBackAsStoredInAnyOrder() throws {
        var s = try MergeScenario.generated(seed: 41, backupRows: 3_000, appended: 500)
        defer { try? FileManager.default.removeItem(atPath: s.root) }
        s.tornCount = 0
        try s.write()
        let path = s.data + "/VENDAS.DBF"
        let table = try DBFTable.open(path: path)
        let reader = SalvageReader(table: table)
        let direct = try DBFTable.open(path: path)
        let rl = table.header.recordLength
        let got = UnsafeMutableRawBufferPointer.allocate(byteCount: rl, alignment: 8)
        let want = UnsafeMutableRawBufferPointer.allocate(byteCount: rl, alignment: 8)
        defer { got.deallocate(); want.deallocate() }
        let n = table.recordsBySize
        var asks = Array(0..<n)                       // one long run: windows end to end
        asks += Array(2_990..<3_100) + [5, 6, 7, 3_000, 3_001, 4]   // runs after jumps back
        var rng = SplitMix(7)
        asks += (0..<500).map { _ in Int(rng.next() % UInt64(n)) }  // scattered
        asks += [n - 2, n - 1, n, n + 1, -1]           // the end and past it
        for i in asks {
            let ok = try reader.readIntact(i, into: got)
            let whole = try direct.readStoredRecord(i, into: want)
            if !whole {
                #expect(!ok, "row \(i) is not in the file")
                continue
            }
            let intact = !s.garbage.contains(i)
            #expect(ok == intact, "row \(i)")
            guard ok, !s.brokenMemo.contains(i) else { continue }
            #expect(got.elementsEqual(want), "row \(i)")
        }
    }
}
