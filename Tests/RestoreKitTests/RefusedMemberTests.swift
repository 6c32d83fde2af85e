import Foundation
import ResgateTestSupport
import Testing
@testable import RestoreKit

/// A member the reader refuses whole while the restore reads it (it inflates past its
/// declared size: a forged zip) refuses its table with the defect, exit 3, like a damaged
/// line: it used to escape as a bare error (exit 1, "Error: …") from `restore`.
struct RefusedMemberTests {
    static let forge = """
    import struct, sys, zipfile
    p = sys.argv[1]
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("T_Estr.TXT", "FIELD_NAME;FIELD_TYPE;FIELD_LEN;FIELD_DEC\\r\\nID;N;10;0\\r\\n")
        z.writestr("T.TXT", "".join("%d\\r\\n" % i for i in range(100000)))
    b = bytearray(open(p, "rb").read())
    off = zipfile.ZipFile(p).getinfo("T.TXT").header_offset
    struct.pack_into("<I", b, off + 22, 1000)          # local header: uncompressed size
    i = b.find(b"PK\\x01\\x02")
    while i >= 0:
        n = struct.unpack_from("<H", b, i + 28)[0]
        if b[i + 46:i + 46 + n] == b"T.TXT":
            struct.pack_into("<I", b, i + 24, 1000)    # central directory: the same
        i = b.find(b"PK\\x01\\x02", i + 4)
    open(p, "wb").write(bytes(b))
    """

    @Test func aMemberRefusedWhileReadRefusesItsTable() throws {
        let s = try StoreFixture()
        let zip = s.root + "/Sexta_10.zip"
        try run("/usr/bin/env", ["python3", "-c", Self.forge, zip])
        let r = try Restorer(source: try BackupSetSource(path: zip), data: s.data, options: RestoreOptions()).run().rendered(in: .en)
        #expect(r.anyRefused)
        #expect(r.id == nil)
        let t = try #require(r.tables.first { $0.name == "T" })
        #expect(t.status == .refused)
        #expect(t.defects.contains { $0.contains("T.TXT") && ($0.contains("zip bomb") || $0.contains("bomba de zip")) }, "\(t.defects)")
        #expect(entries(s.data).filter { $0 != ".resgate" }.isEmpty, "DATA: \(entries(s.data))")
        #expect(entries(s.data + "/.resgate/work").isEmpty, "staging left: \(entries(s.data + "/.resgate/work"))")
    }
}

/// A structure the DBF writer cannot make (found only when the new table is created, so
/// not by a dry run) refuses the table and names the field, exit 3: it used to escape as
/// a bare error (exit 1) from `restore --yes`.
struct UnwritableStructureTests {
    @Test func aStructureTheWriterRefusesRefusesTheTable() throws {
        let s = try StoreFixture()
        try s.write(s.backup + "/T_Estr.TXT", "ID;N;4;0\r\nVALOR;N;20;19\r\n", codePage: .cp1252)
        try s.write(s.backup + "/T.TXT", "1,0.5\r\n", codePage: .cp1252)
        let r = try Restorer(source: try BackupSetSource(path: s.backup), data: s.data, options: RestoreOptions()).run().rendered(in: .en)
        #expect(r.anyRefused)
        #expect(r.id == nil)
        let t = try #require(r.tables.first { $0.name == "T" })
        #expect(t.status == .refused)
        #expect(t.defects.contains { $0.contains("VALOR") && $0.contains("T.DBF") }, "\(t.defects)")
        #expect(entries(s.data).filter { $0 != ".resgate" }.isEmpty, "DATA: \(entries(s.data))")
        #expect(entries(s.data + "/.resgate/work").isEmpty)
    }
}
