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
}
