import Crypto
import Foundation
import ResgateLocale

/// Checks a set against its manifest: sizes on opening, SHA-256 when verifying.
enum ManifestCheck {
    static func sizes(_ m: Manifest, members: [SetMember]) -> [Defect] {
        var out: [Defect] = []
        if m.format != Manifest.formatName {
            out.append(Defect(.badManifest, file: "manifest.json", .manifest(.unknownFormat(m.format))))
        }
        for t in m.tables {
            for f in t.files {
                guard let mem = members.first(where: { $0.key == f.name.lowercased() }) else {
                    out.append(Defect(.manifestMismatch, table: t.name, file: f.name, .manifest(.fileMissing)))
                    continue
                }
                if mem.size != f.bytes {
                    out.append(Defect(.manifestMismatch, table: t.name, file: f.name,
                                      .manifest(.sizeMismatch(actual: mem.size, listed: f.bytes))))
                }
            }
        }
        return out
    }

    /// SHA-256 of a member, streamed.
    static func sha256(_ source: SetSource, _ m: SetMember) throws -> String {
        var h = SHA256()
        try source.stream(m) { h.update(bufferPointer: $0) }
        return ZipMemberReader.hex(h.finalize())
    }
}
