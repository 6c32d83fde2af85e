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
}
