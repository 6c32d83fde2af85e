import Foundation
import ResgateTestSupport
import StoreOps
import Testing

/// `verify` never says "ok" with nothing read (issue 14): a folder of DBF tables, or an
/// empty folder, holds no backup member; that is bad input (exit 2), said in words.
@Suite struct VerifyNothingTests {
    @Test func aFolderWithoutBackupTablesIsNotOK() throws {
        let temp = try TempFolder("resgate-verify-nothing")
        let store = DemoStore(root: temp.path + "/demo")
        try store.build(sales: 5)
        let empty = try temp.folder("vazia")
        for folder in [store.data, empty] {
            let r = try ResgateBinary.run(["verify", folder, "--json"])
            #expect(r.status == 2, "\(folder): \(r.out) \(r.err)")
            #expect(r.err.contains("nothing to verify"), "\(r.err)")
            let pt = try ResgateBinary.runWithoutLocale(["verify", folder])
            #expect(pt.status == 2 && pt.err.contains("nada a verificar"), "\(pt.err)")
        }
        // a real set still verifies
        try store.backup(name: "Quinta_07")
        let ok = try ResgateBinary.run(["verify", store.backups + "/Quinta_07.zip", "--json"])
        #expect(ok.status == 0, "\(ok.err)")
    }
}
