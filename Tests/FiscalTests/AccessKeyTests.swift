import Testing
@testable import Fiscal

@Suite struct AccessKeyTests {
    @Test func publishedExampleKeyIsValid() throws {
        let key = try #require(AccessKey("33150308370779000149550010001100931002410775"))
        #expect(key.expectedCheckDigit == 5)
        #expect(key.isCheckDigitValid)
        #expect(key.uf == 33)
        #expect(key.yearMonth == "1503")
        #expect(key.issuer == "08370779000149")
        #expect(key.model == 55)
        #expect(key.series == 1)
        #expect(key.number == 110093)
        #expect(key.emissionType == 1)
        #expect(key.code == "00241077")
    }

    /// Keys published in public explanations of the key layout (an NFC-e from Amazonas,
    /// an NF-e from Rio Grande do Sul), with their check digits 0 and 6.
    @Test(arguments: [("13181017921427000125650010000000309887251170", 0, 65, 1, 30),
                      ("43171207364617000135550000000120141000120146", 6, 55, 0, 12014)])
    func morePublishedKeys(text: String, digit: Int, model: Int, series: Int, number: Int) throws {
        let key = try #require(AccessKey(text))
        #expect(key.expectedCheckDigit == digit)
        #expect(key.isCheckDigitValid)
        #expect(key.model == model && key.series == series && key.number == number)
        #expect(AccessKey.problems(of: text, model: model, series: series, number: number).isEmpty)
    }

    /// The Receita Federal's example alphanumeric CNPJ 12.ABC.345/01DE-35 inside a key;
    /// digits computed by hand (and by a Python one-liner): A=17, B=18, C=19, D=20, E=21.
    @Test func alphanumericCNPJKeys() throws {
        let key = try #require(AccessKey("35260712ABC34501DE35650010000001231123456780"))
        #expect(key.issuer == "12ABC34501DE35")
        #expect(key.expectedCheckDigit == 0)
        #expect(key.isCheckDigitValid)
        let other = try #require(AccessKey("352607A1B2C3D41A2B99550010000000071000000076"))
        #expect(other.issuer == "A1B2C3D41A2B99")
        #expect(other.expectedCheckDigit == 6)
        // the fixtures' independent digit agrees
        #expect(Fixtures.checkDigit("352607A1B2C3D41A2B9955001000000007100000007") == 6)
    }

    @Test func wrongCheckDigitIsReportedWithTheRightOne() {
        let problems = AccessKey.problems(of: "33150308370779000149550010001100931002410774")
        #expect(problems == [.wrongCheckDigit(found: 4, expected: 5)])
    }

    @Test func layoutProblems() {
        #expect(AccessKey.layoutProblem(of: "3315030837077900014955001000110093100241077") == .wrongLength(43))
        // lower-case letter in the CNPJ
        #expect(AccessKey.layoutProblem(of: "35260712abc34501DE35650010000001231123456780") == .badCharacter(position: 9, character: "a"))
        // a letter in the CNPJ's check digits (positions 19–20) or outside the CNPJ
        #expect(AccessKey.layoutProblem(of: "35260712ABC34501DEA5650010000001231123456780") == .badCharacter(position: 19, character: "A"))
        #expect(AccessKey.layoutProblem(of: "3526071234567800019565001000000123112345678X") == .badCharacter(position: 44, character: "X"))
        #expect(AccessKey("short") == nil)
    }

    @Test func embeddedFieldsAreComparedWithTheRow() {
        let k = "33150308370779000149550010001100931002410775"
        let p = AccessKey.problems(of: k, model: 65, series: 2, number: 110094, issuer: "08370779000149")
        #expect(p == [.modelDiffers(inKey: 55, inRow: 65), .seriesDiffers(inKey: 1, inRow: 2), .numberDiffers(inKey: 110093, inRow: 110094)])
        #expect(AccessKey.problems(of: k, issuer: "11111111000111") == [.issuerDiffers(inKey: "08370779000149", inRow: "11111111000111")])
    }

    /// The allocation-free shortcut and the full analysis agree, on right keys and on keys
    /// with one character changed (deterministic pseudo-random mutations).
    @Test func shortcutAgreesWithTheFullAnalysis() {
        var seed: UInt64 = 0x5EED
        func next(_ n: Int) -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(seed >> 33) % n }
        let alphabet = Array("0123456789ABCDEFZa ".utf8)
        for i in 0..<3000 {
            let cnpj = i % 2 == 0 ? "12345678000195" : "12ABC34501DE35"
            let number = 1 + next(999_999_999)
            var bytes = Array(Fixtures.key(cnpj: cnpj, model: 65, series: i % 7, number: number).utf8)
            if i % 3 != 0 { bytes[next(44)] = alphabet[next(alphabet.count)] }
            let text = String(decoding: bytes, as: UTF8.self)
            for issuer in [nil, cnpj, "00012345678"] as [String?] {
                let quick = AccessKey.isClean(text, model: 65, series: i % 7, number: number, issuer: issuer)
                let full = AccessKey.fullProblems(of: text, model: 65, series: i % 7, number: number, issuer: issuer)
                #expect(quick == full.isEmpty, "\(text) issuer \(issuer ?? "-"): \(full)")
            }
        }
    }
}
