import Testing
@testable import XBase

@Suite struct CodePageTests {
    @Test func everyByteRoundTrips() throws {
        for n in CodePage.supportedNumbers where n != 65001 && !CodePage(number: n)!.isMultiByte {
            let cp = try #require(CodePage(number: n))
            let bytes = (0...255).map { UInt8($0) }
            let s = cp.decode(bytes)
            #expect(cp.encode(s) == bytes, "cp\(n)")
        }
    }

    @Test func knownCharacters() {
        #expect(CodePage.cp1252.decode([0xE7, 0xE3, 0x80]) == "çã€")
        #expect(CodePage.cp850.decode([0x87, 0xC6, 0x90]) == "çãÉ")
        #expect(CodePage(number: 866)!.decode([0x8F, 0xE0]) == "Пр")
        #expect(CodePage.forMark(0x03) == .cp1252)
        #expect(CodePage.forMark(0x02) == .cp850)
        #expect(CodePage.forMark(0x00) == nil)
    }

    @Test func multiBytePagesGoThroughIconv() throws {
        let gbk = try #require(CodePage(number: 936))
        let bytes: [UInt8] = [0xB2, 0xE2, 0xCA, 0xD4] // "测试" in GBK
        #expect(gbk.decode(bytes) == "测试")
        #expect(gbk.encode("测试") == bytes)
    }

    @Test func unmappableIsReported() {
        var bad: [Unicode.Scalar] = []
        let out = CodePage.cp850.encode("a€b", unmappable: { bad.append($0) })
        #expect(out == [0x61, 0x3F, 0x62])
        #expect(bad == ["€"])
    }

    /// The fast transcoder (eight-byte ASCII runs, precomputed UTF-8 of high bytes) gives the
    /// same text as the exact scalar-by-scalar path, wherever the high bytes fall relative
    /// to the eight-byte words, for every single-byte page.
    @Test func fastTranscoderEqualsScalarPath() throws {
        var rng = SystemRandomNumberGenerator()
        for n in CodePage.supportedNumbers where n != 65001 && !CodePage(number: n)!.isMultiByte {
            let cp = try #require(CodePage(number: n))
            let high = try #require(TextDecoding.highTable(cp))
            defer { high.deallocate() }
            var samples: [[UInt8]] = [[], Array(0...255).map { UInt8($0) }]
            for length in [1, 7, 8, 9, 15, 16, 17, 31, 64, 300, 1000, 5000] {
                for position in Set([0, length / 2, length - 1]) {
                    var s = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    s[position] = 0x80 | UInt8(position % 128)
                    samples.append(s)
                }
                samples.append((0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) })
                samples.append((0..<length).map { _ in Bool.random(using: &rng) ? 0xE7 : 0x41 })
            }
            for s in samples {
                let fast = s.withUnsafeBytes { TextDecoding.decode($0, high: high) }
                #expect(fast == cp.decode(s), "cp\(n) \(s)")
                #expect(Array(fast.utf8) == Array(cp.decode(s).utf8), "cp\(n) \(s)")
                // made without the standard library's validation: it must still behave as
                // the validated string everywhere (characters, scalars, hashing, order)
                let exact = cp.decode(s)
                #expect(fast.count == exact.count && fast.unicodeScalars.elementsEqual(exact.unicodeScalars))
                #expect(fast.hashValue == exact.hashValue && !(fast < exact) && !(exact < fast))
                #expect(fast.lowercased() == exact.lowercased() && (fast + "é") == (exact + "é"))
            }
        }
    }
}
