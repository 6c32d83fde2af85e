import Foundation
import Testing
@testable import XBase

/// Every real-world fixture opens and every record decodes or fails with a typed error.
@Suite struct ReaderFixtureTests {
    static let realRoot: String? = {
        let here = URL(fileURLWithPath: #filePath)
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared/fixtures/real").path
        return FileManager.default.fileExists(atPath: shared) ? shared : nil
    }()

    static func dbfFiles() -> [String] {
        guard let root = realRoot,
              let e = FileManager.default.enumerator(atPath: root) else { return [] }
        return e.compactMap { $0 as? String }.filter { $0.lowercased().hasSuffix(".dbf") }
            .sorted().map { root + "/" + $0 }
    }

    /// Calls `body` with each fixture table that opens, one at a time (none when
    /// ../shared is missing); returns how many there were.
    @discardableResult
    static func forEachOpenTable(_ body: (String, DBFTable) throws -> Void) rethrows -> Int {
        var opened = 0
        for f in dbfFiles() {
            guard let table = try? DBFTable.open(path: f) else { continue }
            try body(f, table)
            opened += 1
        }
        return opened
    }

    @Test func everyFixtureOpensOrFailsClearly() throws {
        // ../shared is beside every checkout and CI clone; a worktree elsewhere has none
        guard Self.realRoot != nil else { return }
        let files = Self.dbfFiles()
        try #require(!files.isEmpty)
        var opened = 0
        for f in files {
            do {
                let t = try DBFTable.open(path: f)
                opened += 1
                try t.forEachRecord { r in
                    for fd in t.fields { _ = try? r.value(fd) }
                }
            } catch let e as XBaseError {
                #expect(!e.description.isEmpty)
            }
        }
        #expect(opened > files.count * 9 / 10)
    }
}
