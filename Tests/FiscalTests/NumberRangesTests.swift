import Testing
@testable import Fiscal

@Suite struct NumberRangesTests {
    @Test func mergeJoinsOverlapsAndNeighbours() {
        #expect(NumberRanges.merge([5...7, 1...2, 3...3, 10...12, 11...20]) == [1...3, 5...7, 10...20])
        #expect(NumberRanges.merge([]) == [])
    }

    @Test func runsOfSortedValuesWithRepeats() {
        #expect(NumberRanges.runs(ofSorted: [1, 2, 2, 3, 7, 9, 10]) == [1...3, 7...7, 9...10])
    }

    @Test func complementWithinBounds() {
        #expect(NumberRanges.complement(of: [3...4, 8...9], within: 1...10) == [1...2, 5...7, 10...10])
        #expect(NumberRanges.complement(of: [1...10], within: 1...10) == [])
        #expect(NumberRanges.complement(of: [], within: 4...6) == [4...6])
        #expect(NumberRanges.complement(of: [0...2, 20...30], within: 1...10) == [3...10])
    }
}
