import Foundation
import ResgateTestSupport
import Testing
@testable import XBase

/// `SmallText` builds short strings from their bytes without the standard library's
/// validation: the result must be the very string `String(decoding:)` (or the general
/// transcoder) makes, bit for bit, for every length and for accented text.
@Suite struct SmallTextTests {
    @Test func layoutCheckHoldsOnThisPlatform() {
        #expect(SmallText.holds)
    }

    @Test func asciiOfEveryLengthIsTheStandardString() {
        var rng = SplitMix(seed: 7)
        for n in 0...SmallText.capacity {
            for _ in 0..<200 {
                // a buffer wider than the text, so a read past the end would show
                let wide = (0..<(n + 16)).map { _ in UInt8(truncatingIfNeeded: rng.next() % 0x7F) }
                let bytes = Array(wide[0..<n])
                let built = wide.withUnsafeBytes { w in
                    SmallText.decode(UnsafeRawBufferPointer(rebasing: w[0..<n]), high: Self.high)
                }
                let expected = String(decoding: bytes, as: UTF8.self)
                #expect(built == expected)
                #expect(built.utf8.count == n)
                #expect(SmallText.rawBits(built) == SmallText.rawBits(expected))
                #expect(built.hashValue == expected.hashValue)
            }
        }
    }

    @Test func accentedTextEqualsTheGeneralTranscoder() {
        var rng = SplitMix(seed: 11)
        for n in 1...SmallText.capacity {
            for _ in 0..<300 {
                let bytes = (0..<n).map { _ in
                    rng.next() % 3 == 0 ? UInt8(0x80 + rng.next() % 0x80) : UInt8(0x20 + rng.next() % 0x5F)
                }
                bytes.withUnsafeBytes { b in
                    let built = SmallText.decode(b, high: Self.high)
                    let general = TextDecoding.decode(b, high: Self.high)
                    #expect(built == general)
                    #expect(Array(built.utf8) == Array(general.utf8))
                    #expect(built == CodePage.cp1252.decode(b))
                }
            }
        }
    }

    /// A C field of every width up to 15, of text, blanks and NULs (trailing and inside),
    /// ASCII or accented: `trimmedField` is the small string of the trimmed bytes, or nil
    /// exactly when their UTF-8 form does not fit one.
    @Test func trimmedFieldIsTheTrimmedText() {
        var rng = SplitMix(seed: 13)
        let pieces: [UInt8] = [0x20, 0x20, 0x00, 0x41, 0x7A, 0x30, 0xC7, 0xE3, 0x80, 0xFF]
        for width in 0...SmallText.capacity {
            for _ in 0..<400 {
                let wide = (0..<(width + 16)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }
                wide.withUnsafeBytes { w in
                    let field = UnsafeRawBufferPointer(rebasing: w[0..<width])
                    let trimmed = trimTrailing(field)
                    let expected = CodePage.cp1252.decode(trimmed)
                    let built = SmallText.trimmedField(w.baseAddress!, width: width, high: Self.high)
                    if let built {
                        #expect(built == expected && Array(built.utf8) == Array(expected.utf8), "\(Array(field))")
                        #expect(built.hashValue == expected.hashValue)
                    } else {
                        #expect(expected.utf8.count > SmallText.capacity, "\(Array(field))")
                    }
                }
            }
        }
    }

    nonisolated(unsafe) static let high: UnsafeMutablePointer<UInt32> = TextDecoding.highTable(.cp1252)!
}
