import Foundation
import ResgateTestSupport
import Testing
import XBase
@testable import BackupSet

/// `verify` reads each member once (issue 20): the manifest's SHA-256 is taken while the
/// records are read, and values are checked in place (`CheckingSink`) rather than typed.
/// Both must find exactly what the two separate passes and the typed reader found.
@Suite struct VerifyOnePassTests {
    let estr = "# table=T codepage=1252\r\nFIELD_NAME;FIELD_TYPE;FIELD_LEN;FIELD_DEC;FIELD_NULL\r\nCODIGO;I;4;0;N\r\nNOME;C;10;0;N\r\nVALOR;N;8;2;N\r\nDIA;D;8;0;N\r\nOK;L;1;0;N\r\nPESO;B;8;2;N\r\n"

    /// A zipped set written by our writer: the digests taken on the way match the manifest
    /// (no false mismatch), and a member changed after the fact (same size, new CRC in the
    /// zip, the manifest's hash left as it was) is found through the one-pass digest.
    @Test func zippedManifestHashesAreTakenOnTheWay() throws {
        let data = try tempFolder()
        try FileManager.default.copyItem(atPath: "\(harbour)/vendas.dbf", toPath: data + "/vendas.dbf")
        let root = try tempFolder()
        var w = BackupWriter(dataFolder: data, root: root)
        w.name = "m"
        let r = try w.write()
        let clean = SetVerifier.verify(r.path)
        #expect(clean.ok, "\(clean.defects)")
        #expect(!clean.tables.isEmpty)

        // the same members, one changed, zipped again with the original manifest
        let dir = try tempFolder()
        try Process.run(URL(fileURLWithPath: "/usr/bin/unzip"), arguments: ["-q", r.path, "-d", dir]).waitUntilExit()
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        let textName = try #require(names.first { $0.lowercased() == "vendas.txt" })
        var text = try String(contentsOfFile: dir + "/" + textName, encoding: .isoLatin1)
        #expect(text.contains("14932.00"))
        text = text.replacingOccurrences(of: "14932.00", with: "14932.01")
        try write(dir + "/" + textName, CodePage.cp1252.encode(text))
        try zipWithInfoZip(dir + "/changed.zip", in: dir, files: names)
        let v = SetVerifier.verify(dir + "/changed.zip")
        #expect(v.defects.filter { $0.kind == .manifestMismatch }.map(\.file) == [textName], "\(v.defects)")
    }

    /// A member past 4 MiB is inflated on a second thread and hashed on the reading one:
    /// the digest must still be the member's (no false mismatch against `sha256sum`), and a
    /// member whose bytes differ from the manifest's hash must still be found.
    @Test func bigMembersAreHashedWhileInflatedOnAnotherThread() throws {
        let dir = try tempFolder()
        var lines: [String] = []
        for i in 0..<120_000 { lines.append("\(i),\"Nome \(i % 977)\",\(i % 5000).25,20240131,T,1.50") }
        let text = lines.joined(separator: "\r\n") + "\r\n"
        #expect(text.utf8.count > 4 << 20)
        try write(dir + "/T_Estr.TXT", estr)
        try write(dir + "/T.TXT", text)
        func sha256(_ path: String) throws -> String {
            let out = try ProcessRunner.run("/usr/bin/sha256sum", [path]).out
            return String(out.prefix(64))
        }
        func manifest(_ hash: String) -> String {
            """
            {"format":"resgate-backup/1","created":"2026-12-05T07:00:00Z","tables":[{"name":"T","records":120000,\
            "codepage":1252,"files":[{"name":"T_Estr.TXT","bytes":\(estr.utf8.count),"sha256":"\(try! sha256(dir + "/T_Estr.TXT"))"},\
            {"name":"T.TXT","bytes":\(text.utf8.count),"sha256":"\(hash)"}]}]}
            """
        }
        try write(dir + "/manifest.json", manifest(try sha256(dir + "/T.TXT")))
        try zipWithInfoZip(dir + "/S.zip", in: dir, files: ["T_Estr.TXT", "T.TXT", "manifest.json"])
        let clean = SetVerifier.verify(dir + "/S.zip")
        #expect(clean.ok, "\(clean.defects)")
        #expect(clean.tables.map(\.records) == [120_000])

        try write(dir + "/manifest.json", manifest(String(repeating: "0", count: 64)))
        try zipWithInfoZip(dir + "/W.zip", in: dir, files: ["T_Estr.TXT", "T.TXT", "manifest.json"])
        let wrong = SetVerifier.verify(dir + "/W.zip")
        #expect(wrong.defects.filter { $0.kind == .manifestMismatch }.map(\.file) == ["T.TXT"], "\(wrong.defects)")
    }

    /// Lines with every kind of bad value: verify (checking in place) lists the same
    /// defects, at the same places, and counts the same records as the typed reader.
    @Test func checkingInPlaceFindsWhatTypingFinds() throws {
        var lines: [String] = []
        var rng = SplitMix(state: 20)
        let values = [
            ["1", "-7", "2147483647", "2147483648", "1.5", "x", ""],
            ["\"Ana\"", "\"\"", "\"Nome longo demais\"", "\"ok   \"", ""],
            ["1.50", "-999.99", "99999.99", "123456.7", "1,5", "1e3", "", "abc", "1.999"],
            ["20240131", "20240230", "00000000", "", "2024-01-31", "x"],
            ["T", "F", ".T.", "?", "", "Z", "yes"],
            ["1.25", "-0", "1e3", "inf", "", "1,5", "x"],
        ]
        for _ in 0..<3000 {
            lines.append(values.map { $0[Int(rng.next() % UInt64($0.count))] }.joined(separator: ","))
        }
        let dir = try tempFolder()
        try write(dir + "/T_Estr.TXT", estr)
        try write(dir + "/T.TXT", lines.joined(separator: "\r\n") + "\r\n")
        try zipWithInfoZip(dir + "/S.zip", in: dir, files: ["T_Estr.TXT", "T.TXT"])
        let set = try BackupSet.open(dir + "/S.zip")
        var options = ReadOptions()
        options.defectLimit = 100_000
        let (rows, typed) = try readAll(set, "T", options: options)
        let v = SetVerifier.verify(dir + "/S.zip", options: options)
        func places(_ d: [Defect]) -> [String] { d.map { "\($0.file ?? "-"):\($0.line ?? 0):\($0.field ?? "-"):\($0.kind)" } }
        #expect(!typed.defects.isEmpty && !rows.isEmpty)
        #expect(places(v.defects.filter { !set.defects.contains($0) }) == places(typed.defects))
        #expect(v.tables.map(\.records) == [typed.records])
        #expect(typed.records == rows.count)
    }
}
