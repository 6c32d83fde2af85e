import XBase

/// How the backup's fields land in the live table's structure (spec §7 step 2): matched
/// by name, case-insensitively; live fields missing from the backup get their blank
/// value; backup fields missing from the live table are dropped; type or size changes are
/// converted value by value, and a value that would change is a defect.
public struct FieldMapping: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// Taken from the backup field at this index, possibly converted.
        case backup(index: Int, conversion: Conversion?)
        /// Not in the backup: written blank (NULL when the live field is nullable).
        case blank
    }

    /// A change of type or size between backup and live field.
    public struct Conversion: Sendable, Equatable, CustomStringConvertible {
        public var from: String
        public var to: String
        /// True when every possible value converts exactly (e.g. C(10)→C(20), I→N(11)).
        public var alwaysLossless: Bool
        public var description: String { "\(from) → \(to)" }
    }

    /// One entry per live (visible) field, in live order.
    public var sources: [Source]
    public var liveFields: [FieldDescriptor]
    public var backupFields: [FieldDescriptor]
    /// Backup fields with no live field of the same name.
    public var dropped: [String]
    /// Live fields the backup lacks.
    public var blank: [String]
    /// "NAME: C(10) → C(20)" for every converted field.
    public var converted: [String]
    /// Field pairs whose types cannot be converted at all.
    public var incompatible: [String]

    public init(live: [FieldDescriptor], backup: [FieldDescriptor]) {
        liveFields = live
        backupFields = backup
        var byName: [String: Int] = [:]
        for (i, f) in backup.enumerated() where byName[f.name.uppercased()] == nil {
            byName[f.name.uppercased()] = i
        }
        var used = Set<Int>()
        var sources: [Source] = []
        var blank: [String] = []
        var converted: [String] = []
        var incompatible: [String] = []
        for lf in live {
            guard let bi = byName[lf.name.uppercased()] else {
                sources.append(.blank); blank.append(lf.name); continue
            }
            used.insert(bi)
            let bf = backup[bi]
            if FieldMapping.sameShape(bf, lf) {
                sources.append(.backup(index: bi, conversion: nil))
            } else if let c = FieldMapping.conversion(from: bf, to: lf) {
                sources.append(.backup(index: bi, conversion: c))
                converted.append("\(lf.name): \(c)")
            } else {
                sources.append(.blank)
                incompatible.append("\(lf.name): \(FieldMapping.shape(bf)) → \(FieldMapping.shape(lf))")
            }
        }
        self.sources = sources
        self.blank = blank
        self.converted = converted
        self.incompatible = incompatible
        dropped = backup.enumerated().filter { !used.contains($0.offset) }.map { $0.element.name }
    }

    static func shape(_ f: FieldDescriptor) -> String {
        f.decimals > 0 ? "\(f.type.letter)(\(f.length),\(f.decimals))" : "\(f.type.letter)(\(f.length))"
    }

    static func sameShape(_ a: FieldDescriptor, _ b: FieldDescriptor) -> Bool {
        if a.type.isMemoLike && a.type == b.type { return true }
        return a.type == b.type && a.length == b.length && a.decimals == b.decimals
    }

    static func isText(_ t: FieldType) -> Bool { t == .character || t == .varchar || t == .memo }
    static func isNumber(_ t: FieldType) -> Bool {
        [.numeric, .float, .integer, .double, .currency, .autoIncrement].contains(t)
    }

    /// The conversion between two field shapes, or nil when no value could convert.
    static func conversion(from b: FieldDescriptor, to l: FieldDescriptor) -> Conversion? {
        let from = shape(b), to = shape(l)
        if isText(b.type) && isText(l.type) {
            let lossless = l.type == .memo || (b.type != .memo && l.length >= b.length)
            return Conversion(from: from, to: to, alwaysLossless: lossless)
        }
        if isNumber(b.type) && isNumber(l.type) {
            let lossless: Bool
            switch (b.type, l.type) {
            case (.numeric, .numeric), (.float, .float), (.numeric, .float), (.float, .numeric):
                lossless = l.decimals >= b.decimals && (l.length - l.decimals) >= (b.length - b.decimals)
            case (.integer, .numeric), (.integer, .float):
                lossless = l.decimals == 0 ? l.length >= 11 : l.length - l.decimals - 1 >= 11
            case (_, .double): lossless = b.type == .integer
            default: lossless = false
            }
            return Conversion(from: from, to: to, alwaysLossless: lossless)
        }
        if (b.type == .date && l.type == .dateTime) || (b.type == .dateTime && l.type == .date) {
            return Conversion(from: from, to: to, alwaysLossless: b.type == .date)
        }
        if b.type == l.type && (b.type == .varbinary || b.type == .logical || b.type == .date) {
            return Conversion(from: from, to: to, alwaysLossless: l.length >= b.length)
        }
        if (b.type.isMemoLike || b.type == .varbinary) && (l.type.isMemoLike || l.type == .varbinary) {
            return Conversion(from: from, to: to, alwaysLossless: l.type.isMemoLike)
        }
        return nil
    }

    /// True when the live table's structure matches the backup exactly.
    public var isIdentity: Bool {
        dropped.isEmpty && blank.isEmpty && converted.isEmpty && incompatible.isEmpty
    }
}
