import Foundation
import Testing
import ResgateTestSupport
@testable import XBase

/// `MemoProbe` reads block headers through two 256 KiB windows (or alone, far from both):
/// the verdict of every block must be the one its own bytes give, in any probing order
/// (random, in order, two interleaved streams), across window edges and at the file's end.
@Suite struct MemoProbeWindowTests {
    @Test func everyBlockJudgedByItsOwnHeaderInAnyOrder() throws {
        let temp = try TempFolder("memoprobe")
        let path = temp.path + "/T.FPT"
        let blockSize = 64, blocks = 9000   // 576 KB: more than two windows
        var bytes = [UInt8](repeating: 0, count: blocks * blockSize)
        bytes[6] = UInt8(blockSize >> 8); bytes[7] = UInt8(blockSize & 0xFF)
        var expectBad = Set<Int>()
        for b in 8..<blocks {
            let o = b * blockSize
            let bad = b % 7 == 0
            if bad { expectBad.insert(b) }
            let type: UInt32 = bad ? 9 : 1
            let length: UInt32 = b == blocks - 1 ? 1000 : 20   // the last one runs past the end
            if b == blocks - 1 { expectBad.insert(b) }
            for k in 0..<4 { bytes[o + k] = UInt8((type >> (24 - 8 * UInt32(k))) & 0xFF) }
            for k in 0..<4 { bytes[o + 4 + k] = UInt8((length >> (24 - 8 * UInt32(k))) & 0xFF) }
        }
        // a last header cut by the end of the file: 4 bytes past the last whole block
        bytes += [0, 0, 0, 1]
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let memo = try MemoFile(path: path, kind: .fpt)
        var rng = SplitMix(seed: 256)
        var order = Array(8...blocks)
        order.shuffle(using: &rng)
        // two streams at once, as in a table edited since it was filled: the untouched
        // rows' memos in place, the changed rows' at the end of the file; then jumps
        var streams: [Int] = []
        for k in 0..<3000 { streams.append(8 + k); if k % 3 == 0 { streams.append(6000 + k) } }
        streams += [9000, 20, 8500, 21, 22, 23, 4000, 4001, 4002, 100]
        for pass in 0..<3 {
            let probe = MemoProbe(memo: memo)
            for b in (pass == 0 ? order : pass == 1 ? Array(8...blocks) : streams) {
                let p = probe.problem(block: b)
                if b == blocks {
                    #expect(p?.kind == .badMemoBlock, "the cut header at the end")
                } else {
                    #expect((p != nil) == expectBad.contains(b), "block \(b), pass \(pass)")
                }
            }
            #expect(probe.problem(block: blocks + 10)?.kind == .memoPointerOutside)
        }
    }
}
