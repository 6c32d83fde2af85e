import Foundation
import ResgateTestSupport
import XBase
@testable import BackupSet

let harbour = "/work/shared/fixtures/harbour"

/// A fresh temporary folder for one test, removed when the test process ends.
func tempFolder() throws -> String { try TempFolder.scratch("bstest") }

func write(_ path: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }
func write(_ path: String, _ text: String) throws { try write(path, Array(text.utf8)) }
func copy(_ from: String, _ to: String) throws { try FileManager.default.copyItem(atPath: from, toPath: to) }

/// Zips `files` of `dir` with Info-ZIP's `zip` (an implementation independent of ours).
func zipWithInfoZip(_ zipPath: String, in dir: String, files: [String]) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    p.arguments = ["-q", "-X", zipPath] + files
    try p.run(); p.waitUntilExit()
    if p.terminationStatus != 0 { throw CocoaError(.fileWriteUnknown) }
}

/// All records of a table of a set, values copied.
func readAll(_ set: BackupSet, _ table: String, options: ReadOptions = ReadOptions()) throws -> ([[DBFValue]], TableReadReport) {
    var rows: [[DBFValue]] = []
    let report = try set.forEachRecord(table: table, options: options) { rows.append($0.values) }
    return (rows, report)
}

/// Records of a DBF (optionally only live ones).
func dbfRows(_ path: String, liveOnly: Bool) throws -> [[DBFValue]] {
    let t = try DBFTable.open(path: path)
    var rows: [[DBFValue]] = []
    try t.forEachRecord { r in
        if liveOnly && r.isDeleted { return }
        rows.append(try t.fields.map { try r.value($0) })
    }
    return rows
}
