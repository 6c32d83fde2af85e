import Foundation
import ResgateTestSupport
import Testing
@testable import BackupSet

@Suite struct DiscoveryTests {
    @Test func slotNames() {
        #expect(Slot(parsing: "Quinta_07") == Slot(weekday: 5, hour: 7))
        #expect(Slot(parsing: "Terça_23") == Slot(weekday: 3, hour: 23))
        #expect(Slot(parsing: "SABADO_00") == Slot(weekday: 7, hour: 0))
        #expect(Slot(parsing: "sábado_12") == Slot(weekday: 7, hour: 12))
        #expect(Slot(parsing: "Quinta_24") == nil)
        #expect(Slot(parsing: "backup_2026-11-26_0700") == nil)
        #expect(Slot(weekday: 1, hour: 9).name == "Domingo_09")
    }

    @Test func setsNewestFirstByRealDate() throws {
        let root = try tempFolder()
        let estr = "CODIGO;I;4;0\r\n"
        // an old set under a weekday name, a newer one under another name, one under a top folder
        for (name, date) in [("Quinta_07", "2026-01-01T07:00:00Z"), ("backup_2026-11-26_0700", "2026-11-26T07:00:00Z")] {
            let dir = root + "/" + name
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try write(dir + "/T_Estr.TXT", estr)
            try write(dir + "/t.txt", "1\r\n")
            let d = ISO8601DateFormatter().date(from: date)!
            for f in ["T_Estr.TXT", "t.txt"] { try FileManager.default.setAttributes([.modificationDate: d], ofItemAtPath: dir + "/" + f) }
        }
        let staging = try tempFolder()
        try FileManager.default.createDirectory(atPath: staging + "/Sexta_18", withIntermediateDirectories: true)
        try write(staging + "/Sexta_18/CLIENTES_ESTR.txt", estr)
        try write(staging + "/Sexta_18/clientes.TXT", "1\r\n2\r\n")
        try zipWithInfoZip(root + "/Sexta_18.zip", in: staging, files: ["Sexta_18/CLIENTES_ESTR.txt", "Sexta_18/clientes.TXT"])
        try write(root + "/notes.txt", "not a set")
        let listing = try BackupRoot.list(root)
        #expect(listing.sets.map(\.name) == ["Sexta_18", "backup_2026-11-26_0700", "Quinta_07"])
        let zipped = listing.sets[0]
        #expect(zipped.kind == .zip)
        #expect(zipped.table(named: "clientes") != nil)
        let (rows, r) = try readAll(zipped, "clientes")
        #expect(rows.count == 2 && r.defects.isEmpty)
        #expect(listing.sets[2].slot == Slot(weekday: 5, hour: 7))
    }
}
