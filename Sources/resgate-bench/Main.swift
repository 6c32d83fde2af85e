import Foundation
import XBase
import BackupSet
#if canImport(Glibc)
import Glibc
#endif

/// Benchmarks (never timed unit tests): each subcommand does one job on a given input
/// and prints one line of figures. `scripts/bench.sh` runs them beside the peers.
///
///   resgate-bench read FILE.DBF [N]      decode every value of every record (memo included),
///                                        N threads decoding ahead (default 1)
///   resgate-bench parse SET TABLE        read one table of a backup set to typed values
///                                        (inflate + parse + memo join), nothing written
@main
struct Bench {
    static func main() throws {
        let args = CommandLine.arguments.dropFirst()
        guard let cmd = args.first else {
            print("usage: resgate-bench read FILE.DBF | parse SET TABLE")
            exit(2)
        }
        switch cmd {
        case "read":
            // read FILE.DBF [DECODERS]: threads decoding ahead (default 1, the plain pass)
            let rest = Array(args.dropFirst())
            try read(path: rest.first ?? "", decoders: rest.count > 1 ? max(1, Int(rest[1]) ?? 1) : 1)
        case "cdx": try CDXBench.run(Array(args.dropFirst()))
        case "parse":
            let rest = Array(args.dropFirst())
            guard rest.count == 2 else { print("usage: resgate-bench parse SET TABLE"); exit(2) }
            try parse(set: rest[0], table: rest[1])
        default:
            print("unknown benchmark \(cmd)")
            exit(2)
        }
    }

    /// Peak resident memory of this process, in MiB.
    static func peakMiB() -> Double {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        return Double(u.ru_maxrss) / 1024
    }

    /// Every value of every record through `forEachRow` (`decoders` threads decode ahead,
    /// the values are folded on this thread, in file order).
    static func read(path: String, decoders: Int) throws {
        let start = Date()
        let table = try DBFTable.open(path: path)
        var records = 0
        var checksum = 0
        var failures = 0
        try table.forEachRow(decoders: decoders) { row in
            records += 1
            // summed in a local: `checksum` is captured, so adding each value to it was a
            // store and a load per value, one chain through memory for the whole row
            var sum = 0
            for v in row.values { sum &+= fold(v) }
            checksum &+= sum
            if row.failure != nil {
                // a field that did not decode: the record field by field, each failure counted
                failures += 1
                _ = try? table.withRecord(at: row.index) { r in
                    for i in (row.values.count + 1)..<table.fields.count {
                        do { checksum &+= fold(try r.value(at: i)) } catch { failures += 1 }
                    }
                }
            }
        }
        let secs = Date().timeIntervalSince(start)
        let mb = Double(table.fileSize + (table.memo?.size ?? 0)) / 1_000_000
        print(String(format: "read records=%d seconds=%.3f records_per_s=%.0f MB_per_s=%.1f peak_MiB=%.1f failures=%d checksum=%d",
                     records, secs, Double(records) / secs, mb / secs, peakMiB(), failures, checksum))
    }

    /// A double folded without trapping: `Int(d)` traps on an infinite or NaN value (a B
    /// field of javadbf's numbers2.dbf holds one) and on one past Int's range.
    @inline(__always)
    static func fold(double d: Double) -> Int {
        d.isFinite && abs(d) < 9.0e18 ? Int(d) : 0
    }

    /// Folds a value into a checksum so the optimiser cannot skip decoding it.
    @inline(__always)
    static func fold(_ v: DBFValue) -> Int {
        switch v {
        case .string(let s): return s.utf8.count
        case .number(let n): return Int(truncatingIfNeeded: n?.mantissa ?? 0)
        case .integer(let i): return Int(i)
        case .double(let d): return fold(double: d)
        case .currency(let c): return Int(c.mantissa)
        case .date(let d): return d?.day ?? 0
        case .dateTime(let t): return t?.milliseconds ?? 0
        case .logical(let l): return l == true ? 1 : 0
        case .bytes(let b): return b.count
        case .null: return 0
        }
    }

    static func parse(set path: String, table: String) throws {
        let start = Date()
        let set = try BackupSet.open(path)
        var records = 0
        var checksum = 0
        let report = try set.forEachRecord(table: table) { r in
            records += 1
            for v in r.values { checksum &+= fold(v) }
        }
        let secs = Date().timeIntervalSince(start)
        let mb = Double(set.table(named: table)?.dataBytes ?? 0) / 1_000_000
        print(String(format: "parse records=%d seconds=%.3f records_per_s=%.0f text_MB_per_s=%.1f peak_MiB=%.1f defects=%d checksum=%d",
                     records, secs, Double(records) / secs, mb / secs, peakMiB(), report.defects.count, checksum))
    }
}
