/// Sorts fixed-width entries in place, in unsigned byte (memcmp) order.
///
/// An index entry is stored as its key bytes followed by its record number in big-endian
/// order, so byte order over the whole entry is CDX order: key, then record number. The
/// sort is an in-place most-significant-byte radix sort (American flag): one counting pass
/// and one permutation pass per byte position, no second copy of the entries (memory is the
/// budget that decides how much of a tag fits), and no comparison callbacks. Small buckets
/// finish with insertion sort; a bucket whose entries all share the next bytes (repeated
/// names, blank padding) skips those bytes in one pass instead of one pass per byte.
enum EntrySort {
    /// Buckets this small are finished by insertion sort.
    static let smallBucket = 24

    static func sort(_ base: UnsafeMutableRawPointer, count: Int, width: Int) {
        guard count > 1, width > 0 else { return }
        let s = Sorter(width: width)
        defer { s.release() }
        s.sort(base, count, depth: 0)
    }

    /// Whether `count` entries at `base` are in strictly increasing byte order.
    static func isStrictlyIncreasing(_ base: UnsafeRawPointer, count: Int, width: Int) -> Bool {
        guard count > 1 else { return true }
        for i in 1..<count where memcmpRaw(base + (i - 1) * width, base + i * width, width) >= 0 { return false }
        return true
    }

    private struct Sorter {
        let width: Int
        let temp: UnsafeMutableRawPointer
        /// 257 bucket bounds per byte position (one level of the recursion each).
        let bounds: UnsafeMutablePointer<Int>

        init(width: Int) {
            self.width = width
            temp = .allocate(byteCount: width, alignment: 8)
            bounds = .allocate(capacity: 257 * (width + 1))
        }

        func release() { temp.deallocate(); bounds.deallocate() }

        @inline(__always) func byte(_ base: UnsafeMutableRawPointer, _ i: Int, _ depth: Int) -> Int {
            Int(base.load(fromByteOffset: i * width + depth, as: UInt8.self))
        }

        func sort(_ base: UnsafeMutableRawPointer, _ n: Int, depth: Int) {
            if n <= EntrySort.smallBucket { return insertion(base, n, depth) }
            let b = bounds + 257 * depth
            for k in 0..<257 { b[k] = 0 }
            for i in 0..<n { b[byte(base, i, depth) + 1] += 1 }
            for k in 1...256 where b[k] == n {
                // Every entry has the same byte here: jump over all the bytes they share.
                let next = commonPrefix(base, n, from: depth + 1)
                if next < width { sort(base, n, depth: next) }
                return
            }
            for k in 1...256 { b[k] += b[k - 1] }
            permute(base, b, depth)
            guard depth + 1 < width else { return }
            for k in 0..<256 {
                let lo = b[k], hi = b[k + 1]
                if hi - lo > 1 { sort(base + lo * width, hi - lo, depth: depth + 1) }
            }
        }

        /// Places every entry in its bucket; `b[k]..<b[k+1]` is bucket k (left intact).
        private func permute(_ base: UnsafeMutableRawPointer, _ b: UnsafeMutablePointer<Int>, _ depth: Int) {
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { next in
                for k in 0..<256 { next[k] = b[k] }
                for k in 0..<256 {
                    let end = b[k + 1]
                    while next[k] < end {
                        let i = next[k]
                        var v = byte(base, i, depth)
                        if v == k { next[k] += 1; continue }
                        // Follow the cycle: carry the entry to its bucket, take what was there.
                        copy(temp, base + i * width)
                        while v != k {
                            let j = next[v]
                            next[v] += 1
                            swapWithTemp(base + j * width)
                            v = Int(temp.load(fromByteOffset: depth, as: UInt8.self))
                        }
                        copy(base + i * width, temp)
                        next[k] += 1
                    }
                }
            }
        }

        /// The first byte position ≥ `from` where some entry differs from the first one.
        private func commonPrefix(_ base: UnsafeMutableRawPointer, _ n: Int, from: Int) -> Int {
            var limit = width
            var i = 1
            while i < n && limit > from {
                let a = UnsafeRawPointer(base), c = UnsafeRawPointer(base + i * width)
                var p = from
                while p + 8 <= limit,
                      a.loadUnaligned(fromByteOffset: p, as: UInt64.self) == c.loadUnaligned(fromByteOffset: p, as: UInt64.self) { p += 8 }
                while p < limit, a.load(fromByteOffset: p, as: UInt8.self) == c.load(fromByteOffset: p, as: UInt8.self) { p += 1 }
                limit = p
                i += 1
            }
            return limit
        }

        private func insertion(_ base: UnsafeMutableRawPointer, _ n: Int, _ depth: Int) {
            guard n > 1 else { return }
            let rest = width - depth
            for i in 1..<n {
                if memcmpRaw(base + (i - 1) * width + depth, base + i * width + depth, rest) <= 0 { continue }
                copy(temp, base + i * width)
                var j = i
                while j > 0, memcmpRaw(base + (j - 1) * width + depth, temp + depth, rest) > 0 {
                    copy(base + j * width, base + (j - 1) * width)
                    j -= 1
                }
                copy(base + j * width, temp)
            }
        }

        @inline(__always) private func copy(_ to: UnsafeMutableRawPointer, _ from: UnsafeRawPointer) {
            var p = 0
            while p + 8 <= width {
                to.storeBytes(of: from.loadUnaligned(fromByteOffset: p, as: UInt64.self), toByteOffset: p, as: UInt64.self)
                p += 8
            }
            while p < width {
                to.storeBytes(of: from.load(fromByteOffset: p, as: UInt8.self), toByteOffset: p, as: UInt8.self)
                p += 1
            }
        }

        /// Exchanges the entry at `p` with the one held in `temp`.
        @inline(__always) private func swapWithTemp(_ p: UnsafeMutableRawPointer) {
            var o = 0
            while o + 8 <= width {
                let x = p.loadUnaligned(fromByteOffset: o, as: UInt64.self)
                p.storeBytes(of: temp.load(fromByteOffset: o, as: UInt64.self), toByteOffset: o, as: UInt64.self)
                temp.storeBytes(of: x, toByteOffset: o, as: UInt64.self)
                o += 8
            }
            while o < width {
                let x = p.load(fromByteOffset: o, as: UInt8.self)
                p.storeBytes(of: temp.load(fromByteOffset: o, as: UInt8.self), toByteOffset: o, as: UInt8.self)
                temp.storeBytes(of: x, toByteOffset: o, as: UInt8.self)
                o += 1
            }
        }
    }
}
