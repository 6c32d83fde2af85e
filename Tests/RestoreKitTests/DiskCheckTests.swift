import BackupSet
import Foundation
import Testing
import XBase
@testable import RestoreKit

/// The restore's disk-space check adds and multiplies numbers a set gives (`records=`):
/// they must saturate, never overflow.
@Suite struct DiskCheckTests {
    struct HugeTable: RestoreTableSource {
        var name = "VENDAS"
        var fields = [FieldDescriptor(name: "ID", type: .integer, length: 4),
                      FieldDescriptor(name: "NOME", type: .character, length: 200)]
        var codePage: CodePage? { .cp1252 }
        var version: UInt8? { 0x30 }
        var expectedRecords: Int?
        var knownDefects: [Defect] { [] }
        func forEachRecord(memos: Bool, _ body: (Int, [DBFValue]) throws -> Void, defect: (Defect) -> Void) throws {}
    }

    struct HugeSource: RestoreSource {
        var records: Int
        var displayName: String { "huge" }
        var tableNames: [String] { ["VENDAS", "CLIENTES"] }
        var setDefects: [Defect] { [] }
        func table(named name: String) throws -> any RestoreTableSource { HugeTable(name: name, expectedRecords: records) }
    }

    @Test(arguments: [1 << 62, Int.max, Int.max / 3])
    func recordCountNearTwoToTheSixtyTwoIsRefusedNotATrap(records: Int) throws {
        let data = NSTemporaryDirectory() + "/disk-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: data) }
        let r = Restorer(source: HugeSource(records: records), data: data, options: RestoreOptions())
        let report = try r.run().rendered(in: .en)
        #expect(report.refusal?.contains("disk space") == true, "\(report.refusal ?? "no refusal")")
        #expect(report.id == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: data).allSatisfy { $0.hasPrefix(".") })
    }
}
