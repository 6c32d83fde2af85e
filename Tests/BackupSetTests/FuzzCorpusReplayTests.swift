import Foundation
import Testing
@testable import BackupSet

/// Replays every input of the fuzz corpus (`FuzzCorpus/TARGET/`: the libFuzzer corpus,
/// minimised, and every input that ever crashed a reader) through the same entry points
/// the fuzzer drives (`FuzzEntryPoints`). A trap here kills the test run: that is the
/// failure. See docs/fuzzing.md.
@Suite struct FuzzCorpusReplayTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FuzzCorpus").path

    static func inputs(_ target: FuzzEntryPoints.Target) -> [String] {
        let dir = corpus + "/" + target.rawValue
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted().map { dir + "/" + $0 }
    }

    @Test(arguments: FuzzEntryPoints.Target.allCases)
    func replay(_ target: FuzzEntryPoints.Target) throws {
        let files = Self.inputs(target)
        #expect(!files.isEmpty, "the corpus of \(target.rawValue) is empty")
        let scratch = try tempFolder()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        for f in files {
            FuzzEntryPoints.run(target, try [UInt8](Data(contentsOf: URL(fileURLWithPath: f))), folder: scratch)
        }
    }

    /// Every input that crashed a reader is kept under its libFuzzer name.
    @Test func crashingInputsAreKept() {
        let crashes = FuzzEntryPoints.Target.allCases.flatMap(Self.inputs).filter { ($0 as NSString).lastPathComponent.hasPrefix("crash-") }
        #expect(crashes.count >= 3)
    }
}
