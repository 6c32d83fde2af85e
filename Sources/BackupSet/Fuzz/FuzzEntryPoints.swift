import Foundation
import XBase

/// The readers a hostile or damaged file reaches, each driven over arbitrary bytes the way
/// a command drives it. The libFuzzer harness (`Fuzz/`) and the corpus replay test call the
/// same functions, so what the fuzzer explored is what CI replays on every run.
///
/// Every entry point must return (any outcome: values, defects, errors) and never trap.
public enum FuzzEntryPoints {
    /// One fuzz target: a name (also the corpus folder's name) and what it runs.
    public enum Target: String, CaseIterable, Sendable {
        /// The bytes as a whole backup-set zip, through `verify`.
        case zip
        /// A folder set: the bytes before the first 0x1E are `T_Estr.TXT`, the rest `T.TXT`;
        /// through `verify` (structure parser, variant detection, line parsers, `records=`).
        case set
        /// The bytes as a structure file, through every structure parser.
        case estr
        /// The bytes as data lines of a fixed structure holding every field type, through the
        /// delimited parsers (each separator) and the SDF parser.
        case line
        /// `[n1 LE16][n2 LE16] DBF[n1] FPT[n2] CDX[rest]`: open, decode every value, health
        /// check, walk and verify the CDX.
        case xbase
    }

    /// Runs `target` over `bytes` in `folder` (created if needed; files are overwritten).
    public static func run(_ target: Target, _ bytes: [UInt8], folder: String) {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        switch target {
        case .zip: zip(bytes, folder: folder)
        case .set: set(bytes, folder: folder)
        case .estr: estr(bytes)
        case .line: line(bytes)
        case .xbase: xbase(bytes, folder: folder)
        }
    }

    static func write(_ bytes: some Collection<UInt8>, _ path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    static func zip(_ bytes: [UInt8], folder: String) {
        let path = folder + "/S.zip"
        write(bytes, path)
        _ = SetVerifier.verify(path)
    }

    static func set(_ bytes: [UInt8], folder: String) {
        let dir = folder + "/set"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let cut = bytes.firstIndex(of: 0x1E) ?? bytes.count
        write(bytes[..<cut], dir + "/T_Estr.TXT")
        write(cut < bytes.count ? bytes[(cut + 1)...] : [], dir + "/T.TXT")
        _ = SetVerifier.verify(dir)
    }

    static func estr(_ bytes: [UInt8]) {
        _ = ExtendedStructureReader.read(bytes: bytes, table: "T", file: "T_Estr.DBF")
        let text = StructureText.decode(bytes)
        _ = ListStructureParser.parse(text, table: "T", file: "T_Estr.TXT")
        _ = DelimitedStructureParser.parse(text, table: "T", file: "T_Estr.TXT")
    }

    /// Every type the text can hold, with widths that make overflow-prone values reachable.
    static let lineFields: [FieldDescriptor] = BackupStructure.laidOut([
        FieldDescriptor(name: "C", type: .character, length: 12),
        FieldDescriptor(name: "N", type: .numeric, length: 20, decimals: 4),
        FieldDescriptor(name: "F", type: .float, length: 20, decimals: 2),
        FieldDescriptor(name: "D", type: .date, length: 8),
        FieldDescriptor(name: "T", type: .dateTime, length: 8),
        FieldDescriptor(name: "L", type: .logical, length: 1),
        FieldDescriptor(name: "I", type: .integer, length: 4),
        FieldDescriptor(name: "Y", type: .currency, length: 8, decimals: 4),
        FieldDescriptor(name: "B", type: .double, length: 8, decimals: 3),
        FieldDescriptor(name: "Q", type: .varbinary, length: 10),
    ])

    static func line(_ bytes: [UInt8]) {
        let fields = lineFields
        let slots = Array(fields.indices)
        var values = [DBFValue](repeating: .null, count: fields.count)
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        for (sep, quote) in [(UInt8(0x2C), UInt8?(0x22)), (0x3B, 0x22), (0x7C, nil), (0x09, 0x27)] {
            var p = LineParser.make(.delimited(separator: sep, quote: quote), fields: fields, codePage: .cp1252, slots: slots)
            for l in lines { _ = l.withUnsafeBytes { p.parse($0, into: &values) } }
        }
        var sdf = LineParser.make(.sdf(widths: fields.map(\.length)), fields: fields, codePage: .cp1252, slots: slots)
        for l in lines { _ = l.withUnsafeBytes { sdf.parse($0, into: &values) } }
        _ = DataVariantDetector.detect(sample: Array(lines.prefix(64)), fields: fields, codePage: .cp1252,
                                       separatorHint: nil, quoteHint: nil)
    }

    static func xbase(_ bytes: [UInt8], folder: String) {
        guard bytes.count >= 4 else { return }
        let n1 = min(Int(bytes[0]) | Int(bytes[1]) << 8, bytes.count - 4)
        let n2 = min(Int(bytes[2]) | Int(bytes[3]) << 8, bytes.count - 4 - n1)
        let dir = folder + "/xbase"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let dbf = dir + "/T.DBF", fpt = dir + "/T.FPT", cdx = dir + "/T.CDX"
        write(bytes[4..<(4 + n1)], dbf)
        for p in [fpt, cdx] { unlink(p) }
        if n2 > 0 { write(bytes[(4 + n1)..<(4 + n1 + n2)], fpt) }
        if 4 + n1 + n2 < bytes.count { write(bytes[(4 + n1 + n2)...], cdx) }
        _ = TableHealth.check(path: dbf)
        guard let table = try? DBFTable.open(path: dbf) else { return }
        var plain = 0
        try? table.forEachRecord { rec in
            plain += 1
            for i in table.fields.indices { _ = try? rec.value(at: i) }
        }
        // the same records, decoded ahead on two threads: as many, in order
        var rows = 0
        try? table.forEachRow(decoders: 2) { row in
            precondition(row.index == rows, "forEachRow handed record \(row.index) where \(rows) was due")
            rows += 1
        }
        precondition(rows == plain, "forEachRow handed over \(rows) records, forEachRecord \(plain)")
        guard FileManager.default.fileExists(atPath: cdx) else { return }
        if let index = try? CDXFile.open(path: cdx) {
            for tag in index.tags { _ = try? index.entries(of: tag, fill: 0x20) }
        }
        _ = IndexVerifier.verify(table: table, indexPath: cdx)
    }
}
