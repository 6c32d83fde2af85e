/// Operations on sets of note numbers kept as sorted, disjoint closed ranges, so that a
/// series of a million numbers costs a handful of ranges.
public enum NumberRanges {
    /// Sorts and joins overlapping or adjacent ranges.
    public static func merge(_ ranges: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        guard !ranges.isEmpty else { return [] }
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var out: [ClosedRange<Int>] = []
        out.reserveCapacity(sorted.count)
        var cur = sorted[0]
        for r in sorted.dropFirst() {
            if r.lowerBound <= cur.upperBound + 1 {
                if r.upperBound > cur.upperBound { cur = cur.lowerBound...r.upperBound }
            } else {
                out.append(cur); cur = r
            }
        }
        out.append(cur)
        return out
    }

    /// Runs of consecutive values in a sorted array (duplicates allowed).
    public static func runs(ofSorted values: [Int]) -> [ClosedRange<Int>] {
        guard var lo = values.first else { return [] }
        var hi = lo
        var out: [ClosedRange<Int>] = []
        for v in values.dropFirst() where v != hi {
            if v == hi + 1 { hi = v } else { out.append(lo...hi); lo = v; hi = v }
        }
        out.append(lo...hi)
        return out
    }

    /// The parts of `bounds` not covered by `used` (which must be merged: sorted, disjoint).
    public static func complement(of used: [ClosedRange<Int>], within bounds: ClosedRange<Int>) -> [ClosedRange<Int>] {
        var out: [ClosedRange<Int>] = []
        var next = bounds.lowerBound
        for r in used {
            if r.upperBound < next { continue }
            if r.lowerBound > bounds.upperBound { break }
            if r.lowerBound > next { out.append(next...(r.lowerBound - 1)) }
            next = max(next, r.upperBound + 1)
            if next > bounds.upperBound { return out }
        }
        if next <= bounds.upperBound { out.append(next...bounds.upperBound) }
        return out
    }

    /// How many numbers the ranges hold.
    public static func count(_ ranges: [ClosedRange<Int>]) -> Int {
        ranges.reduce(0) { $0 + $1.count }
    }
}
