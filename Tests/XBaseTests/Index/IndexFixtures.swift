import Foundation
import ResgateTestSupport
@testable import XBase

/// The fixture tables that come with a structural CDX, and helpers shared by the index tests.
enum IndexFixtures {
    static let root = "/work/shared/fixtures"

    /// (table, index) pairs: every CDX under fixtures/real and fixtures/harbour whose table
    /// is present beside it.
    static var pairs: [(dbf: String, cdx: String)] {
        var out: [(String, String)] = []
        for dir in ["real", "harbour"] {
            let base = root + "/" + dir
            guard let e = FileManager.default.enumerator(atPath: base) else { continue }
            for case let rel as String in e where rel.lowercased().hasSuffix(".cdx") {
                let cdx = base + "/" + rel
                let stem = String(cdx.dropLast(4))
                let folder = (stem as NSString).deletingLastPathComponent
                let name = (stem as NSString).lastPathComponent.lowercased()
                let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
                if let dbf = files.first(where: { $0.lowercased() == name + ".dbf" }) {
                    out.append((folder + "/" + dbf, cdx))
                }
            }
        }
        return out.sorted { $0.1 < $1.1 }
    }

    /// A fresh scratch folder for one test.
    static func scratch(_ name: String) -> String {
        let dir = TempFolder.scratchPath("resgate-cdx-\(name)")
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Fixture tags that really are out of date: CodeBase's example changed record 4 and
    /// added it after indexing; php-xbase issue 115 appended 8 records without the index.
    static let staleTags: Set<String> = ["example.cdx:ID", "example.cdx:NOTDELETED", "issue115.cdx:COD", "issue115.cdx:DENUMIRE"]

    /// Harbour tags built under PTISO: right keys, national order.
    static let nationalTags: Set<String> = ["clientes.cdx:NOME", "clientes.cdx:ATIVOS", "clientes_vfp.cdx:NOME", "clientes_vfp.cdx:ATIVOS"]
}
