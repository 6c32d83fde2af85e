import XBase

/// Which of the three structure-file variants a `T_Estr` file is (section 3).
public enum StructureVariant: String, Sendable, Codable {
    /// A: delimited lines, `#` metadata (what our writer writes).
    case delimited
    /// B: the text of FoxPro's `LIST STRUCTURE TO FILE`, English or Portuguese.
    case listStructure
    /// C: the DBF written by `COPY STRUCTURE EXTENDED`.
    case extendedDBF
}

/// A table's structure as a backup set describes it, plus what the file said about the
/// table (code page, record count, and our writer's hints for reading the data).
public struct BackupStructure: Sendable, Hashable {
    public var fields: [FieldDescriptor]
    public var variant: StructureVariant
    public var codePage: Int?
    public var version: UInt8?
    public var records: Int?
    public var updated: String?
    /// Data-file hints written by our writer (`separator=`, `quote=`); nil when absent.
    public var separator: UInt8?
    public var quote: UInt8?

    public init(fields: [FieldDescriptor], variant: StructureVariant) {
        self.fields = fields
        self.variant = variant
    }

    /// The fields present in the data text, in order: every field but memo-like ones
    /// (M, G, P, W), which live in the memo archive.
    public var textFields: [FieldDescriptor] { fields.filter { !$0.isMemo } }
    public var memoFields: [FieldDescriptor] { fields.filter { $0.isMemo } }
    public var hasMemo: Bool { fields.contains { $0.isMemo } }

    /// Field descriptors with record offsets laid out as in a DBF (delete flag first).
    static func laidOut(_ fields: [FieldDescriptor]) -> [FieldDescriptor] {
        var offset = 1
        var out = fields
        for i in out.indices {
            out[i].offset = offset; offset += out[i].length
            // dBASE 7 keeps binary memos in B fields of width 10 (a VFP Double is 8 wide)
            if out[i].type == .double && out[i].length == 10 { out[i].isMemo = true }
        }
        TableHeader.assignNullBits(&out)
        return out
    }
}

/// Text helpers shared by the structure parsers.
enum StructureText {
    /// Decodes a structure file: UTF-8 when it is valid UTF-8, else Windows-1252.
    static func decode(_ bytes: [UInt8]) -> String {
        var b = bytes
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b.removeFirst(3) }
        if let last = b.last, last == 0x1A { b.removeLast() }
        if let s = String(validating: b, as: UTF8.self) { return s }
        return CodePage.cp1252.decode(b)
    }

    /// Lower case, accents removed: `Numérico` → `numerico`.
    static func fold(_ s: some StringProtocol) -> String {
        String(s).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
    }

    /// Lines with their 1-based numbers (CRLF, LF or CR).
    static func lines(_ text: String) -> [(Int, Substring)] {
        var out: [(Int, Substring)] = []
        var n = 0
        for l in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            n += 1
            out.append((n, l))
        }
        return out
    }

    /// A field descriptor, checking what a DBF would refuse.
    static func field(name: String, type: FieldType, length: Int, decimals: Int,
                      nullable: Bool, binary: Bool, autoIncrement: Bool = false) -> FieldDescriptor {
        var flags: FieldFlags = []
        if nullable { flags.insert(.nullable) }
        if binary { flags.insert(.binary) }
        if autoIncrement { flags.insert(.autoIncrement) }
        return FieldDescriptor(name: name, type: type, length: length, decimals: decimals, flags: flags)
    }

    /// Widths and decimals a DBF field can have: checked before any arithmetic on them.
    static let widths = 1...65_535
    static let decimals = 0...255
    /// A DBF record (delete flag included) is at most 65,535 bytes and 2,048 fields wide.
    static let maxRecordLength = 65_535
    static let maxFields = 2_048

    /// `# records=` and the `LIST STRUCTURE` heading's count: a DBF counts in 32 bits.
    static func recordCount(_ text: String) -> Int? {
        guard let n = Int(text.trimmingCharacters(in: .whitespaces)), n >= 0, n <= Int(UInt32.max) else { return nil }
        return n
    }

    /// The fields laid out as in a DBF, or the defect when no DBF could hold them.
    static func layOut(_ fields: [FieldDescriptor], table: String, file: String) -> Result<[FieldDescriptor], Defect> {
        // lengths are within `widths` (the parsers check) and there are at most `maxFields`
        // of them when summed: the sum cannot overflow
        let width = fields.count <= maxFields ? fields.reduce(1) { $0 + $1.length } : 0
        guard fields.count <= maxFields, width <= maxRecordLength else {
            return .failure(Defect(.badStructure, table: table, file: file,
                                   .structure(.tooLarge(fields: fields.count, bytes: width, maxFields: maxFields, maxBytes: maxRecordLength))))
        }
        return .success(BackupStructure.laidOut(fields))
    }

    /// Widths fixed by the type; nil when the structure file gives it.
    static func fixedLength(_ t: FieldType) -> Int? {
        switch t {
        case .date: 8
        case .logical: 1
        case .integer: 4
        case .currency, .double, .dateTime: 8
        default: nil
        }
    }
}

import Foundation
import ResgateLocale
