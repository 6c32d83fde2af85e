import BackupSet
import Foundation

/// The family a set name belongs to, so `--keep N` only ever deletes sets named the
/// same way as the one just uploaded: slot names (`Quinta_07`, any day and hour), or
/// a name whose digits vary (`loja1_20261127` goes with `loja1_20261120`). A set the
/// technician named by hand (`antes_da_migracao`) is in a family of its own.
public enum NamingScheme: Sendable, Equatable {
    case slot
    /// The name with every run of digits replaced by `#`, compared case-folded.
    case shape(String)

    public init(setName: String) {
        let name = Self.stripZip(setName)
        if Slot(parsing: name) != nil { self = .slot; return }
        self = .shape(Self.shape(of: name))
    }

    public func matches(_ setName: String) -> Bool {
        let name = Self.stripZip(setName)
        switch self {
        case .slot: return Slot(parsing: name) != nil
        case .shape(let s): return Self.shape(of: name) == s
        }
    }

    static func stripZip(_ n: String) -> String { n.lowercased().hasSuffix(".zip") ? String(n.dropLast(4)) : n }

    static func shape(of name: String) -> String {
        var out = ""
        var inDigits = false
        for c in name.lowercased() {
            if c.isASCII && c.isNumber {
                if !inDigits { out.append("#") }
                inDigits = true
            } else {
                out.append(c); inDigits = false
            }
        }
        return out
    }
}

/// Deletes the oldest sets of one naming scheme on a remote root beyond the newest `keep`.
/// Called only after the new set is checked in place, and it never deletes that set.
public struct SetPruner: Sendable {
    public var rclone: Rclone
    public init(rclone: Rclone = Rclone()) { self.rclone = rclone }

    /// Returns the sets deleted, oldest first.
    public func prune(_ root: RemotePath, keep: Int, newest: RemotePath) throws(CloudError) -> [RemoteSetEntry] {
        guard keep >= 1 else { return [] }
        let scheme = NamingScheme(setName: newest.name)
        let family = try RemoteSets(rclone: rclone).sets(in: root).filter { scheme.matches($0.path.name) }
        // the new set counts first whatever its clock says; then newest first
        let others = family.filter { $0.path != newest }
        let doomed = Array(others.dropFirst(keep - 1)).reversed()
        var deleted: [RemoteSetEntry] = []
        for s in doomed {
            try rclone.run(s.kind == .folder ? "purge" : "deletefile", [], operands: [s.path.description])
            deleted.append(s)
        }
        return deleted
    }
}
