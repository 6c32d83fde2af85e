import Foundation
import ResgateTestSupport
import Testing
import XBase
@testable import BackupSet

/// Sets written by hand (not by our writer), in each variant, and damaged ones: every
/// defect names its file and line; hostile zips are refused without a crash.
@Suite struct DamagedSetTests {
    let estrA = "# table=T codepage=1252\r\nFIELD_NAME;FIELD_TYPE;FIELD_LEN;FIELD_DEC;FIELD_NULL\r\nCODIGO;I;4;0;N\r\nNOME;C;10;0;N\r\nVALOR;N;8;2;N\r\nDIA;D;8;0;N\r\nOK;L;1;0;N\r\n"

    @Test func badLinesGiveFileLineAndField() throws {
        let dir = try tempFolder()
        try write(dir + "/T_Estr.TXT", estrA)
        try write(dir + "/T_001.TXT", "1,\"Ana\",1.50,20240131,T\r\n2,\"Bia\",2,20240230,F\r\n")
        try write(dir + "/T_002.TXT", "3,\"Caio\",3.25,,T\r\n4,\"Duda\",4\r\n5,\"Nome longo demais\",1,,F\r\n6,\"Eva\",abc,,F\r\n\u{1A}")
        let set = try BackupSet.open(dir)
        let (rows, r) = try readAll(set, "T")
        #expect(rows.count == 2)
        #expect(rows[1] == [.integer(3), .string("Caio"), .number(DecimalNumber(mantissa: 325, scale: 2)), .date(nil), .logical(true)])
        let places = r.defects.map { "\($0.file ?? "-"):\($0.line ?? 0):\($0.field ?? "-"):\($0.kind)" }
        #expect(places == ["T_001.TXT:2:DIA:badValue", "T_002.TXT:2:-:wrongFieldCount",
                           "T_002.TXT:3:NOME:valueTooLong", "T_002.TXT:4:VALOR:badValue"])
    }

    @Test func binaryGarbageInTextFiles() throws {
        let dir = try tempFolder()
        try write(dir + "/T_Estr.TXT", estrA)
        var garbage: [UInt8] = Array("1,\"ok\",1,,T\r\n".utf8)
        var rng = SplitMix(state: 7)
        for _ in 0..<4000 { garbage.append(UInt8(truncatingIfNeeded: rng.next())) }
        try write(dir + "/T.TXT", garbage)
        try write(dir + "/U_Estr.TXT", (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let set = try BackupSet.open(dir)
        #expect(set.defects.contains { $0.kind == .notText && $0.file == "U_Estr.TXT" })
        let (rows, r) = try readAll(set, "T")
        #expect(rows.count >= 1)
        #expect(!r.defects.isEmpty)
        #expect(r.defects.allSatisfy { $0.file == "T.TXT" && $0.line != nil })
        #expect(r.defects.contains { $0.kind == .notText })
    }

    @Test func layoutDefects() throws {
        let dir = try tempFolder()
        try write(dir + "/T_Estr.TXT", estrA)
        try write(dir + "/T_001.TXT", "1,\"a\",1,,T\r\n")
        try write(dir + "/T_003.TXT", "2,\"b\",1,,T\r\n")
        try write(dir + "/ORFA.TXT", "x\r\n")
        try write(dir + "/T.ZIP", [0x50, 0x4B])
        let set = try BackupSet.open(dir)
        let kinds = Set(set.defects.map(\.kind))
        #expect(kinds.contains(.missingPart))
        #expect(kinds.contains(.missingStructure))
        #expect(kinds.contains(.orphanMemoArchive))
        #expect(set.defects.first { $0.kind == .missingPart }?.file == "T_003.TXT")
    }

    @Test func listStructureEnglishAndPortuguese() throws {
        let en = """
        Structure for table:    C:\\PROSYSTEM\\DADOS\\T.DBF
        Number of data records: 2
        Date of last update:    11/26/26
        Code Page:              1252
        Field  Field Name      Type                Width    Dec   Index   Collate Nulls
            1  CODIGO          Integer                 4                          No
            2  NOME            Character              10                          No
            3  VALOR           Numeric                 8      2                   No
            4  DIA             Date                    8                          No
            5  OK              Logical                 1                          Yes
        ** Total **                                   32
        """
        let pt = en.replacingOccurrences(of: "Structure for table", with: "Estrutura da tabela")
            .replacingOccurrences(of: "Integer", with: "Inteiro").replacingOccurrences(of: "Character", with: "Caractere")
            .replacingOccurrences(of: "Numeric", with: "Numérico").replacingOccurrences(of: "Date   ", with: "Data   ")
            .replacingOccurrences(of: "Logical", with: "Lógico").replacingOccurrences(of: "Yes", with: "Sim")
        for text in [en, pt] {
            let dir = try tempFolder()
            try write(dir + "/T_Estr.TXT", CodePage.cp1252.encode(text))
            try write(dir + "/T.TXT", "1;\"Jos\u{E9}\";1,50;20240131;T\r\n")
            let set = try BackupSet.open(dir)
            let s = try #require(set.structure(of: "t"))
            #expect(s.variant == .listStructure)
            #expect(s.fields.map(\.type) == [.integer, .character, .numeric, .date, .logical])
            #expect(s.fields[4].isNullable)
            let (rows, r) = try readAll(set, "T")
            #expect(r.defects.isEmpty, "\(r.defects)")
            #expect(rows.first?[2] == .number(DecimalNumber(mantissa: 150, scale: 2)))
        }
    }

    @Test func listStructureWithAutoIncAndIndexColumns() throws {
        let text = """
        Structure for table:    C:\\TEMP\\T.DBF
        Number of data records: 1
        Date of last update:    11/26/26
        Code Page:              1252
        Field  Field Name      Type                Width    Dec   Index   Collate Nulls    Next    Step
            1  CODIGO          Integer (AutoInc)       4            Asc   Machine    No       5       1
            2  NOME            Character (binary)     10                               Yes
            3  VALOR           Currency                8                               No
            4  QUANDO          DateTime                8                               No
        ** Total **                                   31
        """
        let dir = try tempFolder()
        try write(dir + "/T_Estr.TXT", text)
        try write(dir + "/T.TXT", "\u{FEFF}4,,12.3400,20241231235959\r\n")
        let set = try BackupSet.open(dir)
        let s = try #require(set.structure(of: "T"))
        #expect(s.fields.map(\.type) == [.integer, .character, .currency, .dateTime])
        #expect(s.fields[0].flags.contains(.autoIncrement) && !s.fields[0].isNullable)
        #expect(s.fields[1].isNullable && s.fields[1].flags.contains(.binary))
        let (rows, r) = try readAll(set, "T")
        #expect(r.defects.isEmpty, "\(r.defects)")
        #expect(rows.first == [.integer(4), .null, .currency(DecimalNumber(mantissa: 123_400, scale: 4)),
                               .dateTime(DBFDateTime(date: DBFDate(year: 2024, month: 12, day: 31), hour: 23, minute: 59, second: 59))])
    }

    func zipSet(_ names: [String: String]) throws -> String {
        let dir = try tempFolder()
        for (n, c) in names { try write(dir + "/" + n, c) }
        try zipWithInfoZip(dir + "/S.zip", in: dir, files: names.keys.sorted())
        return dir + "/S.zip"
    }

    @Test func truncatedAndCorruptZips() throws {
        let z = try zipSet(["T_Estr.TXT": estrA, "T.TXT": String(repeating: "1,\"a\",1,,T\r\n", count: 2000)])
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: z)))
        // cut in half: no central directory
        try write(z, Array(bytes.prefix(bytes.count / 2)))
        #expect(throws: BackupSetError.self) { try BackupSet.open(z) }
        #expect(!SetVerifier.verify(z).ok)
        // a flipped byte in the middle of the data: CRC or inflate error, never a crash
        var flipped = bytes
        flipped[30 + 5 + 10] ^= 0xFF   // inside T.TXT's deflate data
        try write(z, flipped)
        let report = SetVerifier.verify(z)
        #expect(!report.ok)
        #expect(report.defects.contains { $0.file == "T.TXT" && ($0.kind == .corruptZip || $0.kind == .checksumMismatch) },
                "\(report.defects)")
        // binary garbage
        try write(z, (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7919) })
        #expect(!SetVerifier.verify(z).ok)
    }

    @Test func zip64RecordsAreRead() throws {
        let dir = try tempFolder()
        try write(dir + "/T_Estr.TXT", estrA)
        try write(dir + "/T.TXT", "1,\"a\",1,,T\r\n2,\"b\",2,,F\r\n")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        p.arguments = ["-q", "-fz", dir + "/S.zip", "T_Estr.TXT", "T.TXT"]   // force ZIP64 records
        try p.run(); p.waitUntilExit()
        let (rows, r) = try readAll(try BackupSet.open(dir + "/S.zip"), "T")
        #expect(rows.count == 2 && r.defects.isEmpty)
    }

    @Test func zipSlipAndBombsAreRefused() throws {
        // member names escaping the folder, written by ZIPFoundation-independent bytes
        let dir = try tempFolder()
        let inner = dir + "/a/b"
        try FileManager.default.createDirectory(atPath: inner, withIntermediateDirectories: true)
        try write(dir + "/a/T_Estr.TXT", estrA)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
        p.currentDirectoryURL = URL(fileURLWithPath: inner)
        p.arguments = ["-q", dir + "/evil.zip", "../T_Estr.TXT"]
        try p.run(); p.waitUntilExit()
        let set = try BackupSet.open(dir + "/evil.zip")
        #expect(set.defects.contains { $0.kind == .unsafeMemberName })
        #expect(set.tables.isEmpty)
        // a bomb: the directory declares 100 bytes for a member that inflates to 1 MB
        let z = try zipSet(["T_Estr.TXT": estrA, "T.TXT": String(repeating: "1,\"a\",1,,T\r\n", count: 90_000)])
        var b = try [UInt8](Data(contentsOf: URL(fileURLWithPath: z)))
        let cd = (0..<(b.count - 4)).last { b[$0] == 0x50 && b[$0 + 1] == 0x4B && b[$0 + 2] == 1 && b[$0 + 3] == 2 }!
        b[cd + 24] = 100; b[cd + 25] = 0; b[cd + 26] = 0; b[cd + 27] = 0
        try write(z, b)
        let r = SetVerifier.verify(z)
        #expect(r.defects.contains { $0.kind == .zipBomb })
    }

    @Test func manifestMismatchIsFound() throws {
        let data = try tempFolder()
        try copy("\(harbour)/vendas.dbf", data + "/vendas.dbf")
        let root = try tempFolder()
        var w = BackupWriter(dataFolder: data, root: root)
        w.name = "m"; w.asFolder = true
        let r = try w.write()
        var text = try String(contentsOfFile: r.path + "/vendas.TXT", encoding: .isoLatin1)
        text = text.replacingOccurrences(of: "14932.00", with: "14932.01")
        try write(r.path + "/vendas.TXT", CodePage.cp1252.encode(text))
        let v = SetVerifier.verify(r.path)
        #expect(v.defects.contains { $0.kind == .manifestMismatch && $0.file == "vendas.TXT" })
    }

    /// Deterministic fuzzing of the text parsers from the corpus files: random edits of
    /// the seeds must never crash and every failure must name a line.
    @Test func fuzzTextParsers() throws {
        let corpusDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FuzzCorpus").path
        let seeds = try ["estr", "line"].flatMap { sub in
            try FileManager.default.contentsOfDirectory(atPath: corpusDir + "/" + sub).sorted().prefix(50).map {
                try [UInt8](Data(contentsOf: URL(fileURLWithPath: corpusDir + "/" + sub + "/" + $0)))
            }
        }
        #expect(!seeds.isEmpty)
        var rng = SplitMix(state: 0x5EED)
        let dir = try tempFolder()
        try write(dir + "/T_Estr.TXT", estrA)
        for round in 0..<300 {
            var s = seeds[round % seeds.count]
            for _ in 0..<(1 + Int(rng.next() % 8)) {
                let i = Int(rng.next() % UInt64(max(1, s.count)))
                switch rng.next() % 3 {
                case 0 where !s.isEmpty: s[i] = UInt8(truncatingIfNeeded: rng.next())
                case 1: s.insert(UInt8(truncatingIfNeeded: rng.next()), at: min(i, s.count))
                default: if !s.isEmpty { s.remove(at: i) }
                }
            }
            try write(dir + "/T.TXT", s + [0x0D, 0x0A] + s)
            let set = try BackupSet.open(dir)
            let (_, r) = try readAll(set, "T")
            #expect(r.defects.allSatisfy { $0.file != nil && ($0.line != nil || $0.kind == .memoCountMismatch) })
            _ = DelimitedStructureParser.parse(StructureText.decode(s), table: "T", file: "x")
            _ = ListStructureParser.parse(StructureText.decode(s), table: "T", file: "x")
        }
    }
}

