import Foundation
import XBase

/// `resgate-bench cdx FILE.DBF [OUT.cdx] [--verify]`: creates the issue-5 three-tag index
/// (CLIENTE, a character field; NUMERO, a number; DTOS(EMISSAO)+SERIE, a date joined to a
/// string) for the table: keys, sort (spilled past the memory budget), pages, fsync. The
/// index goes to OUT.cdx (kept) or to a temporary file (deleted). `--verify` checks the
/// result against the records afterwards, outside the timed part.
enum CDXBench {
    static let tags = [
        TagDefinition(name: "CLIENTE", keyExpression: "CLIENTE"),
        TagDefinition(name: "NUMERO", keyExpression: "NUMERO"),
        TagDefinition(name: "EMISSERIE", keyExpression: "DTOS(EMISSAO)+SERIE"),
    ]

    static func run(_ args: [String]) throws {
        let verify = args.contains("--verify")
        let paths = args.filter { !$0.hasPrefix("--") }
        guard let path = paths.first else {
            print("usage: resgate-bench cdx FILE.DBF [OUT.cdx] [--verify]")
            exit(2)
        }
        let keep = paths.count > 1 ? paths[1] : nil
        let out = keep ?? NSTemporaryDirectory() + "resgate-bench-\(getpid()).cdx"
        defer { if keep == nil { unlink(out) } }
        let start = Date()
        let table = try DBFTable.open(path: path)
        try CDXWriter.create(table: table, tags: tags, to: out)
        let secs = Date().timeIntervalSince(start)
        var size = stat()
        stat(out, &size)
        var line = String(format: "cdx records=%d seconds=%.3f records_per_s=%.0f peak_MiB=%.1f tags=%d index_MB=%.1f",
                          table.recordCount, secs, Double(table.recordCount) / secs, Bench.peakMiB(), tags.count,
                          Double(size.st_size) / 1_000_000)
        if verify {
            let defects = IndexVerifier.verify(table: table, indexPath: out)
            line += " verified=\(defects.isEmpty ? "ok" : "FAILED")"
            for d in defects { FileHandle.standardError.write(Data("\(d)\n".utf8)) }
            if !defects.isEmpty { print(line); exit(1) }
        }
        print(line)
    }
}
